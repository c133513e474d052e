import type { ApiKey } from '../domain/api-key';
import type { ApiKeyRepository } from './ports';

export function makeListApiKeys({ apiKeys }: { readonly apiKeys: Pick<ApiKeyRepository, 'listApiKeys'> }) {
  return function listApiKeys(): Promise<ApiKey[]> {
    return apiKeys.listApiKeys();
  };
}

export type ListApiKeys = ReturnType<typeof makeListApiKeys>;
