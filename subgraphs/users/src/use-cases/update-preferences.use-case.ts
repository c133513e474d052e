import { NotFoundError } from '@herald/errors';
import { applyPreferenceChanges, type PreferenceChanges, type Preferences } from '../domain/preferences';
import type { CachedProfiles, UsersTransactions } from './ports';

export function makeUpdatePreferences({
  transactions,
  profiles,
}: {
  readonly transactions: UsersTransactions;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
}) {
  /** Read under the user's lock and stored in one transaction, so concurrent partial updates both count. */
  return async function updatePreferences(userId: string, changes: PreferenceChanges): Promise<Preferences> {
    const updated = await transactions.transaction(async ({ preferences }) => {
      const current = await preferences.lock(userId);
      if (!current) return undefined;
      const next = applyPreferenceChanges(current, changes);
      await preferences.save(userId, next);
      return next;
    });
    if (!updated) throw new NotFoundError(`user ${userId} not found`, { id: userId });
    await profiles.forget(userId);
    return updated;
  };
}

export type UpdatePreferences = ReturnType<typeof makeUpdatePreferences>;
