import type { UserProfile } from '../domain/user';
import type { UserRepository } from './ports';

export function makeGetUsers({ users }: { readonly users: Pick<UserRepository, 'findProfiles'> }) {
  /** The users that exist among `ids`, in the order asked, each once; the rest are left out. */
  return function getUsers(ids: readonly string[]): Promise<UserProfile[]> {
    return users.findProfiles(ids);
  };
}

export type GetUsers = ReturnType<typeof makeGetUsers>;
