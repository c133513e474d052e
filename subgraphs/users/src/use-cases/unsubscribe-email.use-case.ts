import { NotFoundError } from '@herald/errors';
import { unsubscribeFromEmail } from '../domain/preferences';
import type { CachedProfiles } from '../store/cached-profiles';
import type { UserRepository } from '../store/user.repository';

export function makeUnsubscribeEmail({
  users,
  profiles,
  onUnsubscribed,
}: {
  readonly users: Pick<UserRepository, 'updatePreferences'>;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
  /** Counts an opt-out that changed something (the metric). */
  readonly onUnsubscribed: (category: string | null) => void;
}) {
  /** Opts the user out of the category (null: of email); false when they already were. */
  return async function unsubscribeEmail(userId: string, category: string | null): Promise<boolean> {
    let changed = false;
    const updated = await users.updatePreferences(userId, (current) => {
      const next = unsubscribeFromEmail(current, category);
      changed = next !== current;
      return next;
    });
    if (!updated) throw new NotFoundError(`user ${userId} not found`, { id: userId });
    if (changed) {
      onUnsubscribed(category);
      await profiles.forget(userId);
    }
    return changed;
  };
}

export type UnsubscribeEmail = ReturnType<typeof makeUnsubscribeEmail>;
