import { ForbiddenError, NotFoundError } from '@herald/errors';
import { parseInput, scalarResolvers, type SubgraphContext, type SubgraphResolvers } from '@herald/subgraph';
import { SCOPES, isAdmin, requireIdentity, requireScope, requireSelfOrScope } from '@herald/identity';
import type { UserProfile } from '../domain/user';
import type { CreateUser } from '../use-cases/create-user.use-case';
import type { GetUser } from '../use-cases/get-user.use-case';
import type { ListUsers } from '../use-cases/list-users.use-case';
import type { RegisterDevice } from '../use-cases/register-device.use-case';
import type { FindDevice, RemoveDevice } from '../use-cases/remove-device.use-case';
import type { UpdatePreferences } from '../use-cases/update-preferences.use-case';
import type { UpdateProfile } from '../use-cases/update-profile.use-case';
import { assertEndpointHostIsPublic, type ResolveHost } from './endpoint-host';
import { authorizeTargetUser } from './target-user';
import {
  createUserInput,
  idArgs,
  registerDeviceArgs,
  updatePreferencesArgs,
  updateProfileArgs,
  usersArgs,
} from './user.inputs';
import { presentDevice, presentPreferences } from './user.presenter';

export interface UserResolverDeps {
  readonly createUser: CreateUser;
  readonly getUser: GetUser;
  readonly listUsers: ListUsers;
  readonly updatePreferences: UpdatePreferences;
  readonly updateProfile: UpdateProfile;
  readonly registerDevice: RegisterDevice;
  readonly findDevice: FindDevice;
  readonly removeDevice: RemoveDevice;
  /** Tests only: Web Push endpoints on http or private addresses. */
  readonly allowInsecurePushEndpoints: boolean;
  readonly resolveHost: ResolveHost;
}

/**
 * `User` resolves from a UserProfile: id, email, name, locale and createdAt by name,
 * role, preferences and devices through their presenters.
 */
export function createUserResolvers(deps: UserResolverDeps) {
  const { createUser, getUser, listUsers, updatePreferences, registerDevice, findDevice, removeDevice } =
    deps;
  const registerDeviceInput = registerDeviceArgs(deps.allowInsecurePushEndpoints);

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
      user: (_parent: unknown, args: unknown, context: SubgraphContext) => {
        const { id } = parseInput(idArgs, args);
        requireSelfOrScope(context, id, SCOPES.usersAdmin);
        return getUser(id);
      },
      users: (_parent: unknown, args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.usersAdmin);
        return listUsers(parseInput(usersArgs, args));
      },
    },
    Mutation: {
      // Public sign-up: the gateway lets it through without a credential.
      createUser: (_parent: unknown, { input }: { input: unknown }, { identity }: SubgraphContext) => {
        const command = parseInput(createUserInput, input);
        // users:admin is not enough: a key that could mint admins would hold every right.
        if (command.role === 'admin' && !(identity && isAdmin(identity))) {
          throw new ForbiddenError('only an admin may create an admin');
        }
        return createUser(command);
      },
      updatePreferences: async (_parent: unknown, args: unknown, context: SubgraphContext) => {
        requireIdentity(context);
        const { userId, input } = parseInput(updatePreferencesArgs, args);
        return presentPreferences(await updatePreferences(authorizeTargetUser(context, userId), input));
      },
      updateProfile: (_parent: unknown, args: unknown, context: SubgraphContext) => {
        requireIdentity(context);
        const { userId, input } = parseInput(updateProfileArgs, args);
        return deps.updateProfile(authorizeTargetUser(context, userId), input);
      },
      registerDevice: async (_parent: unknown, args: unknown, context: SubgraphContext) => {
        requireIdentity(context);
        const { userId, input } = parseInput(registerDeviceInput, args);
        if (!deps.allowInsecurePushEndpoints) await assertEndpointHostIsPublic(input, deps.resolveHost);
        return presentDevice(await registerDevice(authorizeTargetUser(context, userId), input));
      },
      removeDevice: async (_parent: unknown, args: unknown, context: SubgraphContext) => {
        requireIdentity(context);
        const device = await findDevice(parseInput(idArgs, args).id);
        requireSelfOrScope(context, device.userId, SCOPES.usersAdmin);
        return removeDevice(device);
      },
    },
    User: {
      // Reached through another subgraph's entity (a notification's user), which authorised the read.
      __resolveReference: ({ id }: { id: string }) => findUser(id),
      role: (user: UserProfile) => user.role.toUpperCase(),
      preferences: (user: UserProfile) => presentPreferences(user.preferences),
      devices: (user: UserProfile) => user.devices.map(presentDevice),
    },
  } satisfies SubgraphResolvers;
}
