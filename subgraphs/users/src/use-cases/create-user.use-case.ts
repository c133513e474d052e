import { ConflictError } from '@herald/errors';
import { normalizeEmail } from '../domain/email';
import { DEFAULT_PREFERENCES, applyPreferenceChanges, type PreferenceChanges } from '../domain/preferences';
import type { Role, UserProfile } from '../domain/user';
import type { UserRepository } from './ports';

/** Already validated at the edge (see graphql/user.inputs.ts). */
export interface CreateUserCommand {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly locale: string;
  /** Authorised at the edge: only an admin may create an admin. */
  readonly role: Role;
  /** Registers an FCM device for the new user. */
  readonly pushToken?: string;
  readonly preferences?: PreferenceChanges;
}

export interface CreateUserDeps {
  readonly users: Pick<UserRepository, 'insertUser'>;
  readonly hashPassword: (password: string) => Promise<string>;
}

export function makeCreateUser({ users, hashPassword }: CreateUserDeps) {
  return async function createUser(command: CreateUserCommand): Promise<UserProfile> {
    const result = await users.insertUser({
      role: command.role,
      email: normalizeEmail(command.email),
      name: command.name,
      locale: command.locale,
      passwordHash: await hashPassword(command.password),
      preferences: applyPreferenceChanges(DEFAULT_PREFERENCES, command.preferences ?? {}),
      devices: command.pushToken ? [{ kind: 'FCM', token: command.pushToken }] : [],
    });
    if (result.kind === 'email-taken') {
      throw new ConflictError('a user with this email already exists', { field: 'email' });
    }
    return result.profile;
  };
}

export type CreateUser = ReturnType<typeof makeCreateUser>;
