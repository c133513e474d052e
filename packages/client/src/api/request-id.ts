/** What newRequestId needs of the platform's crypto (a browser's, or Node's webcrypto). */
export interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
  randomUUID?(): string;
}

/**
 * A v4 UUID for a send the caller gave no requestId. randomUUID exists only in secure contexts;
 * a console opened over plain http on a LAN address still has getRandomValues.
 */
export function newRequestId(crypto: RandomSource): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
