import { IsNull, type DataSource } from 'typeorm';
import type { ApiKey } from '../domain/api-key';
import { ApiKeyEntity, type ApiKeyRow } from './api-key.entity';
import type { ApiKeyCredential, ApiKeyRepository, NewApiKey } from '../use-cases/ports';
import { isUuid } from './is-uuid';

export function createApiKeyRepository(db: DataSource): ApiKeyRepository {
  const keys = db.getRepository(ApiKeyEntity);
  return {
    async insertApiKey(key: NewApiKey): Promise<ApiKey> {
      await keys.insert({ ...key, scopes: [...key.scopes] });
      const row = await keys.findOneByOrFail({ id: key.id });
      return toApiKey(row);
    },

    async findActiveCredential(id: string): Promise<ApiKeyCredential | undefined> {
      if (!isUuid(id)) return undefined;
      const row = await keys.findOneBy({ id, revokedAt: IsNull() });
      return row ? { id: row.id, secretHash: row.secretHash, scopes: row.scopes } : undefined;
    },

    async touchLastUsed(id: string, at: Date): Promise<void> {
      await keys.update({ id }, { lastUsedAt: at });
    },

    /** Revokes the key (idempotently) and returns its secret hash, or undefined when there is no such key. */
    async revokeApiKey(id: string, at: Date): Promise<string | undefined> {
      if (!isUuid(id)) return undefined;
      const result = await keys
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'COALESCE(revoked_at, :at)' })
        .setParameter('at', at)
        .where('id = :id', { id })
        .returning('secret_hash')
        .execute();
      const [row] = result.raw as { secret_hash: string }[];
      return row?.secret_hash;
    },

    /** Newest first. */
    async listApiKeys(): Promise<ApiKey[]> {
      return (await keys.find({ order: { createdAt: 'DESC', id: 'ASC' } })).map(toApiKey);
    },
  };
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
