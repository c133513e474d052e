import { ForbiddenError } from '@herald/errors';
import { parseInput, type SubgraphContext, type SubgraphResolvers } from '@herald/subgraph';
import { SCOPES, isAdmin, requireScope } from '@herald/identity';
import type { CreateApiKey } from '../use-cases/create-api-key.use-case';
import type { ListApiKeys } from '../use-cases/list-api-keys.use-case';
import type { Login } from '../use-cases/login.use-case';
import type { RevokeApiKey } from '../use-cases/revoke-api-key.use-case';
import { createApiKeyArgs, idArgs, loginArgs } from './user.inputs';

export interface CredentialResolverDeps {
  readonly login: Login;
  readonly createApiKey: CreateApiKey;
  readonly revokeApiKey: RevokeApiKey;
  readonly listApiKeys: ListApiKeys;
}

/** Login and API keys. */
export function createCredentialResolvers({
  login,
  createApiKey,
  revokeApiKey,
  listApiKeys,
}: CredentialResolverDeps) {
  return {
    Query: {
      apiKeys: (_parent: unknown, _args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.usersAdmin);
        return listApiKeys();
      },
    },
    Mutation: {
      login: (_parent: unknown, args: unknown) => login(parseInput(loginArgs, args)),
      createApiKey: (_parent: unknown, args: unknown, context: SubgraphContext) => {
        const identity = requireScope(context, SCOPES.usersAdmin);
        const { name, scopes } = parseInput(createApiKeyArgs, args);
        // A users:admin key must not mint a key stronger than itself.
        const beyond = isAdmin(identity) ? [] : scopes.filter((scope) => !identity.scopes.includes(scope));
        if (beyond.length > 0) {
          throw new ForbiddenError(`cannot grant scopes the caller does not hold: ${beyond.join(', ')}`, {
            scopes: beyond,
          });
        }
        return createApiKey({ name, scopes, createdBy: `${identity.kind}:${identity.id}` });
      },
      revokeApiKey: (_parent: unknown, args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.usersAdmin);
        return revokeApiKey(parseInput(idArgs, args).id);
      },
    },
  } satisfies SubgraphResolvers;
}
