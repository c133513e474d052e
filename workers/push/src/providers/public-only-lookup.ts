import { lookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isNonPublicAddress } from '@herald/config';

/**
 * A DNS lookup for the Web Push connections that refuses a name resolving to a private, loopback
 * or link-local address. Checked when the socket connects, so a name that changed since the
 * device was registered (or answers differently now: DNS rebinding) cannot reach inside.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const inside = addresses.find((entry) => isNonPublicAddress(entry.address));
    if (inside || addresses.length === 0) {
      const refused = Object.assign(
        new Error(`${hostname} resolves to ${inside?.address ?? 'no address'}, which is not public`),
        { code: 'ENONPUBLIC' },
      );
      callback(refused, '', 0);
      return;
    }
    // net.connect asks for every address when it races IPv4 and IPv6 (autoSelectFamily).
    if (options.all) (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
