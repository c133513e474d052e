import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** `hk_<key id without dashes>_<32 random bytes, base64url>`: the id lets a lookup find the row, the rest is the secret. */
const SECRET_SHAPE = /^hk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function isApiKeyShaped(credential: string): boolean {
  return credential.startsWith('hk_');
}

export function composeApiKeySecret(id: string, random: Buffer = randomBytes(32)): string {
  return `hk_${id.replace(/-/g, '').toLowerCase()}_${random.toString('base64url')}`;
}

/** The key id inside a secret, or undefined when it is not one of ours. */
export function apiKeyIdOf(secret: string): string | undefined {
  const hex = SECRET_SHAPE.exec(secret)?.[1];
  if (!hex) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * SHA-256 is enough here: the secret carries 256 random bits, so there is nothing to brute-force
 * and no need for a slow password hash on every request.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
