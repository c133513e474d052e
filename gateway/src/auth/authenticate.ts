import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from '@herald/subgraph';

/** What the credentials of a request establish. */
export type Authentication =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'authenticated'; readonly identity: Identity }
  | { readonly kind: 'rejected'; readonly reason: string };

export type Authenticator = (headers: IncomingHttpHeaders) => Authentication;

export const ADMIN_IDENTITY: Identity = Object.freeze({
  kind: 'admin',
  id: 'admin',
  role: 'admin',
  scopes: [],
});

/**
 * Reads `Authorization: Bearer <key>` or `X-API-Key: <key>`. For now the only credential is the
 * bootstrap admin key; a credential that does not match is rejected rather than ignored, so a
 * client with a wrong key learns it at once.
 */
export function createAuthenticator(adminApiKey: string): Authenticator {
  const matchesAdminKey = secretMatcher(adminApiKey);
  return (headers) => {
    const credential = readCredential(headers);
    if (credential === undefined) return { kind: 'anonymous' };
    if (credential === '') return { kind: 'rejected', reason: 'the credential is empty or malformed' };
    if (matchesAdminKey(credential)) return { kind: 'authenticated', identity: ADMIN_IDENTITY };
    return { kind: 'rejected', reason: 'the credential is not valid' };
  };
}

/** undefined when no credential header is present; '' when one is present but unusable. */
function readCredential(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  const apiKey = headers['x-api-key'];
  if (apiKey === undefined) return undefined;
  return typeof apiKey === 'string' ? apiKey.trim() : '';
}

/** Compares digests, so the comparison takes the same time whatever the length of the guess. */
function secretMatcher(secret: string): (candidate: string) => boolean {
  const expected = digest(secret);
  return (candidate) => timingSafeEqual(digest(candidate), expected);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
