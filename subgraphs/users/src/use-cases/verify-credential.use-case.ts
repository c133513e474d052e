import { UnauthenticatedError } from '@herald/errors';
import type { Cache } from '@herald/redis';
import type { VerifiedToken } from '../domain/access-token';
import { apiKeyIdOf, apiKeySecretMatches, hashApiKeySecret, isApiKeyShaped } from '../domain/api-key';
import type { ApiKeyRepository, CachedProfiles } from './ports';

/** The gRPC VerifiedIdentity: a user from a JWT, a service from an API key. */
export interface VerifiedIdentity {
  readonly kind: 'user' | 'service';
  readonly id: string;
  /** The user's role; empty for an API key, which acts through its scopes alone. */
  readonly role: '' | 'user' | 'admin';
  readonly scopes: readonly string[];
  /** ISO-8601 expiry of a JWT; empty for API keys. */
  readonly expires_at: string;
}

export interface VerifyCredentialDeps {
  readonly verifyToken: (token: string) => Promise<VerifiedToken | undefined>;
  readonly apiKeys: Pick<ApiKeyRepository, 'findActiveCredential' | 'touchLastUsed'>;
  readonly profiles: Pick<CachedProfiles, 'findProfiles'>;
  /**
   * Successful verifications, keyed by the SHA-256 of the credential: for an API key that is its
   * stored hash, so revocation can delete the entry without knowing the secret.
   */
  readonly cache: Pick<Cache<VerifiedIdentity>, 'get' | 'set'>;
  readonly now: () => Date;
}

const INVALID = 'invalid, expired or revoked credential';

export function makeVerifyCredential({ verifyToken, apiKeys, profiles, cache, now }: VerifyCredentialDeps) {
  const verifyApiKey = async (secret: string): Promise<VerifiedIdentity> => {
    const id = apiKeyIdOf(secret);
    const key = id ? await apiKeys.findActiveCredential(id) : undefined;
    if (!key || !apiKeySecretMatches(secret, key.secretHash)) throw new UnauthenticatedError(INVALID);
    // Written on cache misses only: lastUsedAt is accurate to the credential cache time.
    await apiKeys.touchLastUsed(key.id, now());
    return { kind: 'service', id: key.id, role: '', scopes: key.scopes, expires_at: '' };
  };

  const verifyJwt = async (token: string): Promise<VerifiedIdentity> => {
    const verified = await verifyToken(token);
    const [user] = verified ? await profiles.findProfiles([verified.userId]) : [];
    if (!verified || !user) throw new UnauthenticatedError(INVALID);
    return {
      kind: 'user',
      id: user.id,
      role: user.role,
      scopes: [],
      expires_at: verified.expiresAt.toISOString(),
    };
  };

  return async function verifyCredential(credential: string): Promise<VerifiedIdentity> {
    const key = hashApiKeySecret(credential);
    const cached = await cache.get(key);
    if (cached && (cached.expires_at === '' || new Date(cached.expires_at) > now())) return cached;
    const identity = isApiKeyShaped(credential)
      ? await verifyApiKey(credential)
      : await verifyJwt(credential);
    await cache.set(key, identity);
    return identity;
  };
}

export type VerifyCredential = ReturnType<typeof makeVerifyCredential>;
