import { ConflictError, NotFoundError } from '@herald/errors';
import { normalizeEmail } from '../domain/email';
import type { ProfileChanges, UserProfile } from '../domain/user';
import type { CachedProfiles, UserRepository } from './ports';

export function makeUpdateProfile({
  users,
  profiles,
}: {
  readonly users: Pick<UserRepository, 'updateProfile'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
}) {
  /**
   * A new email address starts clean: suppressions belong to the address they were made for,
   * so the profile read back says whether the new one is suppressed.
   */
  return async function updateProfile(userId: string, changes: ProfileChanges): Promise<UserProfile> {
    const result = await users.updateProfile(userId, {
      ...changes,
      email: changes.email === undefined ? undefined : normalizeEmail(changes.email),
    });
    if (result.kind === 'not-found') throw new NotFoundError(`user ${userId} not found`, { id: userId });
    if (result.kind === 'email-taken') {
      throw new ConflictError('a user with this email already exists', { field: 'email' });
    }
    await profiles.forget(userId);
    return result.profile;
  };
}

export type UpdateProfile = ReturnType<typeof makeUpdateProfile>;
