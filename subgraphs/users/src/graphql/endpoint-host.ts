import { isIP } from 'node:net';
import { isNonPublicAddress } from '@herald/config';
import { BadUserInputError } from '@herald/errors';
import type { NewDevice } from '../domain/device';

/** The addresses a host name resolves to; empty when it does not resolve (now). */
export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

/**
 * Refuses a Web Push endpoint whose host name resolves to a non-public address (for example
 * `127.0.0.1.nip.io`). Literal addresses were checked while parsing. A name that does not resolve
 * is accepted: it is unreachable today, and the push worker checks the address again at send time.
 */
export async function assertEndpointHostIsPublic(
  device: NewDevice,
  resolveHost: ResolveHost,
  field = 'input.endpoint',
): Promise<void> {
  if (device.kind !== 'WEB_PUSH') return;
  const hostname = new URL(device.endpoint).hostname;
  if (isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0) return;
  const addresses = await resolveHost(hostname);
  if (addresses.some(isNonPublicAddress)) {
    const message = 'must not resolve to a private, loopback or link-local address';
    throw new BadUserInputError(`invalid input: ${field} ${message}`, [{ field, message }]);
  }
}
