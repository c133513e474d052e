import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { createTtlCache } from '@herald/cache';
import { UnauthenticatedError } from '@herald/errors';
import type { Identity } from '@herald/identity';

/** What the credentials of a request establish. */
export type Authentication =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'authenticated'; readonly identity: Identity }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Rejects with UnavailableError when the users service cannot answer (the caller may retry). */
export type Authenticator = (headers: IncomingHttpHeaders) => Promise<Authentication>;

/** users' VerifyCredential: the identity and, for a JWT, when it stops being valid. */
export type VerifyCredential = (
  credential: string,
) => Promise<{ readonly identity: Identity; readonly expiresAt: Date | undefined }>;

export interface AuthenticatorOptions {
  readonly adminApiKey: string;
  readonly verify: VerifyCredential;
  /** How long a verified credential is trusted without asking users again. */
  readonly cacheTtlMs: number;
  readonly now?: () => number;
}

export const ADMIN_IDENTITY: Identity = Object.freeze({
  kind: 'admin',
  id: 'admin',
  role: 'admin',
  scopes: [],
});

const CACHE_ENTRIES = 10_000;

/**
 * Reads `Authorization: Bearer <credential>` or `X-API-Key: <credential>`. The bootstrap admin
 * key is recognised locally; anything else is a JWT or API key that users verifies. A credential
 * that is present but not valid is rejected rather than ignored, so a client with a wrong key
 * learns it at once instead of getting anonymous results.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const now = options.now ?? Date.now;
  const matchesAdminKey = adminKeyMatcher(options.adminApiKey);
  // Keyed by a digest, so the process never holds the credentials themselves.
  const verified = createTtlCache<Identity>(CACHE_ENTRIES, now);
  return async (headers) => {
    const credential = readCredential(headers);
    if (credential === undefined) return { kind: 'anonymous' };
    if (credential === '') return { kind: 'rejected', reason: 'the credential is empty or malformed' };
    if (matchesAdminKey(credential)) return { kind: 'authenticated', identity: ADMIN_IDENTITY };
    try {
      // Concurrent requests with one new credential share one call to users.
      const identity = await verified.getOrLoad(digest(credential).toString('base64url'), async () => {
        const { identity, expiresAt } = await options.verify(credential);
        const untilExpiry = expiresAt ? expiresAt.getTime() - now() : options.cacheTtlMs;
        return { value: identity, ttlMs: Math.min(options.cacheTtlMs, untilExpiry) };
      });
      return { kind: 'authenticated', identity };
    } catch (error) {
      if (error instanceof UnauthenticatedError) return { kind: 'rejected', reason: error.message };
      throw error;
    }
  };
}

/** undefined when no credential header is present; '' when one is present but unusable. */
export function readCredential(headers: IncomingHttpHeaders): string | undefined {
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
export function adminKeyMatcher(secret: string): (candidate: string) => boolean {
  const expected = digest(secret);
  return (candidate) => timingSafeEqual(digest(candidate), expected);
}

export function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
