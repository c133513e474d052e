import { NotFoundError } from '@herald/errors';
import type { ApiKeyRepository } from './ports';

export function makeRevokeApiKey({
  apiKeys,
  forgetCredential,
  now,
}: {
  readonly apiKeys: Pick<ApiKeyRepository, 'revokeApiKey'>;
  /** Drops the cached verification of the key with this hash; never throws. */
  readonly forgetCredential: (secretHash: string) => Promise<void>;
  readonly now: () => Date;
}) {
  /**
   * Every replica reads the same Redis cache, so revocation takes effect at once; if the delete
   * is lost (Redis unreachable), the cached entry still expires within the credential cache time.
   */
  return async function revokeApiKey(id: string): Promise<true> {
    const secretHash = await apiKeys.revokeApiKey(id, now());
    if (!secretHash) throw new NotFoundError(`API key ${id} not found`, { id });
    await forgetCredential(secretHash);
    return true;
  };
}

export type RevokeApiKey = ReturnType<typeof makeRevokeApiKey>;
