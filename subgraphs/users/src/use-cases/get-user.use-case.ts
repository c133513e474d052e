import { NotFoundError } from '@herald/errors';
import type { UserProfile } from '../domain/user';
import type { UserRepository } from './ports';

export function makeGetUser({ users }: { readonly users: Pick<UserRepository, 'findProfiles'> }) {
  /** A malformed id is reported as not found: no such user can exist. */
  return async function getUser(id: string): Promise<UserProfile> {
    const [profile] = await users.findProfiles([id]);
    if (!profile) throw new NotFoundError(`user ${id} not found`, { id });
    return profile;
  };
}

export type GetUser = ReturnType<typeof makeGetUser>;
