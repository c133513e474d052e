import type { Notification, StatusEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import type {
  NotificationRepository,
  NotificationsTransactions,
  PlannedStatusChange,
  StatusChangeRecorder,
  StatusOnlyChange,
  VersionedNotification,
} from './ports';

/**
 * Compare-and-set rounds before falling back to locking: a round costs two round trips (read,
 * write) where the locked one costs four (with START TRANSACTION and COMMIT), and only a
 * notification changed by a concurrent writer between the read and the write needs another round.
 */
export const OPTIMISTIC_ROUNDS = 3;

export interface ChangeStatusesDeps {
  readonly notifications: NotificationRepository;
  readonly transactions: NotificationsTransactions;
  /** Compare-and-set rounds tried before locking (tests set 0 to take the locked path). */
  readonly optimisticRounds: number;
}

export interface StatusChangeResult {
  /** The status after the call. */
  readonly status: NotificationStatus;
  /** The recorded change; undefined when `decide` declined. */
  readonly event: StatusEvent | undefined;
}

/** The change for the entry at `index`, given its notification as it is now; undefined declines. */
export type ChangeDecider = (current: Notification, index: number) => StatusOnlyChange | undefined;

/**
 * A status change for many entries, optimistically: reads their notifications, asks `decide`
 * about each entry in turn (a later entry for the same notification sees the earlier change),
 * then writes every change and its event in one statement, for each notification only if no one
 * wrote it since the read. The entries of a notification written meanwhile are decided again, so
 * `decide` may be asked about an entry more than once; its last answer counts. An entry about an
 * unknown notification is undefined.
 */
export type ChangeStatuses = (
  ids: readonly string[],
  decide: ChangeDecider,
) => Promise<(StatusChangeResult | undefined)[]>;

/** One batch's entries (a notification id each), its decider and the results filled so far. */
interface Batch {
  readonly ids: readonly string[];
  readonly decide: ChangeDecider;
  readonly results: (StatusChangeResult | undefined)[];
}

interface AppliedChange extends PlannedStatusChange {
  readonly index: number;
}

/**
 * Without a transaction, `optimisticRounds` times: read, decide, and write each notification's
 * changes only if it is still as read. The rest is decided in a unit of work under the
 * notifications' locks, where nobody can write them between the read and the write, so the loop
 * ends.
 */
export function makeChangeStatuses({
  notifications,
  transactions,
  optimisticRounds,
}: ChangeStatusesDeps): ChangeStatuses {
  return async (ids, decide) => {
    const batch: Batch = { ids, decide, results: ids.map(() => undefined) };
    let pending = ids.map((_, index) => index);
    for (let round = 1; pending.length > 0; round += 1) {
      const entries = pending;
      pending =
        round <= optimisticRounds
          ? await changeAsRead(batch, entries, (unique) => notifications.findVersioned(unique), notifications)
          : await transactions.transaction(({ notifications: locked }) =>
              changeAsRead(batch, entries, (unique) => locked.lockVersioned(unique), locked),
            );
    }
    return batch.results;
  };
}

/**
 * One round over the entries at `indices`: fills their results and returns the indices of the
 * entries whose notification was written by someone else since `read` (nothing of it recorded).
 */
async function changeAsRead(
  { ids, decide, results }: Batch,
  indices: readonly number[],
  read: (ids: readonly string[]) => Promise<VersionedNotification[]>,
  recorder: StatusChangeRecorder,
): Promise<number[]> {
  const versioned = await read([...new Set(indices.map((index) => ids[index]!))]);
  const asRead = new Map(versioned.map((entry) => [entry.notification.id, entry]));
  const current = new Map(versioned.map(({ notification }) => [notification.id, notification]));
  const applied: AppliedChange[] = [];
  for (const index of indices) {
    const id = ids[index]!;
    const notification = current.get(id);
    if (!notification) continue;
    const change = decide(notification, index);
    results[index] = { status: change?.status ?? notification.status, event: undefined };
    if (!change) continue;
    const after: Notification = {
      ...notification,
      status: change.status,
      statusDetail: change.detail,
      attempts: change.attempts,
      claimedBy: change.claimedBy,
      claimLease: change.lease,
      outcomeUnknown: false,
      updatedAt: change.recordedAt,
    };
    current.set(id, after);
    applied.push({ index, change, after });
  }
  if (applied.length === 0) return [];
  const written = [...new Set(applied.map(({ after }) => after.id))];
  const events = await recorder.recordChangesIfUnchanged({
    notifications: written.map((id) => ({ read: asRead.get(id)!, after: current.get(id)! })),
    changes: applied,
  });
  const conflicted = new Set<string>();
  applied.forEach(({ index, change, after }, position) => {
    const event = events[position];
    if (event) results[index] = { status: change.status, event };
    else conflicted.add(after.id);
  });
  return indices.filter((index) => conflicted.has(ids[index]!));
}
