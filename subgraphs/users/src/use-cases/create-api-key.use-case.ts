import { randomUUID } from 'node:crypto';
import type { ApiKey } from '../domain/api-key';
import { composeApiKeySecret, hashApiKeySecret } from '../domain/api-key';
import type { ApiKeyRepository } from './ports';

export interface CreateApiKeyCommand {
  readonly name: string;
  readonly scopes: readonly string[];
  /** Who created it (identity kind and id), for the audit trail. */
  readonly createdBy: string;
}

export interface CreatedApiKey extends ApiKey {
  /** Shown once: only its hash is stored. */
  readonly secret: string;
}

export function makeCreateApiKey({
  apiKeys,
  newId = randomUUID,
}: {
  readonly apiKeys: Pick<ApiKeyRepository, 'insertApiKey'>;
  readonly newId?: () => string;
}) {
  return async function createApiKey(command: CreateApiKeyCommand): Promise<CreatedApiKey> {
    const id = newId();
    const secret = composeApiKeySecret(id);
    const key = await apiKeys.insertApiKey({
      id,
      name: command.name,
      scopes: [...new Set(command.scopes)],
      createdBy: command.createdBy,
      secretHash: hashApiKeySecret(secret),
    });
    return { ...key, secret };
  };
}

export type CreateApiKey = ReturnType<typeof makeCreateApiKey>;
