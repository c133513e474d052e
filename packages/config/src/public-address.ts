import { BlockList, isIP } from 'node:net';

/** Addresses no public service (push endpoint, image host) lives at; reaching them would be server-side request forgery. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

const LOCAL_NAMES = /(?:^|\.)(?:localhost|local|internal|localdomain|home\.arpa)$/i;

/** True for a literal IP address in a private, loopback, link-local or otherwise non-public range. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  const mapped = ipv4MappedIn(address);
  return mapped ? NON_PUBLIC.check(mapped, 'ipv4') : NON_PUBLIC.check(address, 'ipv6');
}

/** `::ffff:7f00:1` or `::ffff:127.0.0.1` reach the IPv4 host 127.0.0.1. */
function ipv4MappedIn(address: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const high = parseInt(hex[1] ?? '0', 16);
  const low = parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * Why a URL that Herald or a provider will fetch is refused, or undefined when it is acceptable:
 * https only, no credentials, and no host that is local or a non-public literal address. The URL
 * parser already normalises IPv4 spellings such as `0x7f.1` or `2130706433` to dotted form, so
 * they are caught too. Names are not resolved here; callers that connect check the resolved address.
 */
export function publicHttpsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:') return 'must be https';
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (LOCAL_NAMES.test(host) || (!host.includes('.') && isIP(host) === 0)) {
    return 'must not point at a local host name';
  }
  if (isNonPublicAddress(host)) return 'must not point at a private, loopback or link-local address';
  return undefined;
}
