import { NotFoundError } from '@herald/errors';
import { applyPreferenceChanges, type PreferenceChanges, type Preferences } from '../domain/preferences';
import type { CachedProfiles } from '../store/cached-profiles';
import type { UserRepository } from '../store/user.repository';

export function makeUpdatePreferences({
  users,
  profiles,
}: {
  readonly users: Pick<UserRepository, 'updatePreferences'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
}) {
  return async function updatePreferences(userId: string, changes: PreferenceChanges): Promise<Preferences> {
    const updated = await users.updatePreferences(userId, (current) =>
      applyPreferenceChanges(current, changes),
    );
    if (!updated) throw new NotFoundError(`user ${userId} not found`, { id: userId });
    await profiles.forget(userId);
    return updated;
  };
}

export type UpdatePreferences = ReturnType<typeof makeUpdatePreferences>;
