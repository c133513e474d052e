import { NotFoundError } from '@herald/errors';
import { unsubscribeFromEmail } from '../domain/preferences';
import type { CachedProfiles, UsersTransactions } from './ports';

export function makeUnsubscribeEmail({
  transactions,
  profiles,
  onUnsubscribed,
}: {
  readonly transactions: UsersTransactions;
  readonly profiles: Pick<CachedProfiles, 'forget'>;
  /** Counts an opt-out that changed something (the metric). */
  readonly onUnsubscribed: (category: string | null) => void;
}) {
  /** Opts the user out of the category (null: of email); false when they already were. */
  return async function unsubscribeEmail(userId: string, category: string | null): Promise<boolean> {
    let changed = false;
    const updated = await transactions.transaction(async ({ preferences }) => {
      const current = await preferences.lock(userId);
      if (!current) return undefined;
      const next = unsubscribeFromEmail(current, category);
      changed = next !== current;
      await preferences.save(userId, next);
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
