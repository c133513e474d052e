import { NotFoundError } from '@herald/errors';
import { parseInput, scalarResolvers, type SubgraphContext, type SubgraphResolvers } from '@herald/subgraph';
import type { UserProfile } from '../domain/user';
import type { CreateUser } from '../use-cases/create-user.use-case';
import type { GetUser } from '../use-cases/get-user.use-case';
import type { ListUsers } from '../use-cases/list-users.use-case';
import { requireIdentity } from './require-identity';
import { createUserInput, usersArgs } from './user.inputs';
import { presentDevice, presentPreferences } from './user.presenter';

export interface UserResolverDeps {
  readonly createUser: CreateUser;
  readonly getUser: GetUser;
  readonly listUsers: ListUsers;
}

/**
 * `User` resolves from a UserProfile: id, email, name, locale and createdAt by name,
 * preferences and devices through their presenters.
 */
export function createUserResolvers({ createUser, getUser, listUsers }: UserResolverDeps): SubgraphResolvers {
  /** For references and `me`: a user that no longer exists is null, not an error. */
  const findUser = async (id: string): Promise<UserProfile | null> => {
    try {
      return await getUser(id);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  };

  return {
    DateTime: scalarResolvers.DateTime,
    Query: {
      me: (_parent: unknown, _args: unknown, { identity }: SubgraphContext) =>
        identity?.kind === 'user' ? findUser(identity.id) : null,
      user: (_parent: unknown, { id }: { id: string }) => getUser(id),
      users: (_parent: unknown, args: unknown) => listUsers(parseInput(usersArgs, args)),
    },
    Mutation: {
      createUser: (_parent: unknown, { input }: { input: unknown }, context: SubgraphContext) => {
        requireIdentity(context);
        return createUser(parseInput(createUserInput, input));
      },
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => findUser(id),
      preferences: (user: UserProfile) => presentPreferences(user.preferences),
      devices: (user: UserProfile) => user.devices.map(presentDevice),
    },
  };
}
