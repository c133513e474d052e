import type { EntityManager } from 'typeorm';
import type { StatusEvent } from '../domain/notification';
import type { StatusChangeBatch, VersionedNotification } from '../use-cases/ports';
import type { NotificationRow } from './notification.entity';
import { NOTIFICATION_ROW, toNotification } from './notification-row';
import { clampedEvents, latest, toStatusEvent, type EventRow } from './status-event-row';

/**
 * The notifications with their row versions (xmin). The version tells exactly whether a row was
 * written since it was read: every write of a status (this path, changeStatus, the relay)
 * updates the row in the transaction that records its event, so a new xmin. Comparing the
 * columns instead could miss a write that leaves them as they were (the relay recording QUEUED
 * again on a QUEUED notification whose updated_at is later), and the clamp of our events would
 * then not see that write's event.
 */
const READ_NOTIFICATIONS = `
  SELECT ${NOTIFICATION_ROW}, xmin::text AS version FROM notifications WHERE id = ANY($1::uuid[])`;

/** In id order, so concurrent batches lock in the same order and cannot deadlock. */
const LOCK_NOTIFICATIONS = `${READ_NOTIFICATIONS} ORDER BY id FOR UPDATE`;

/**
 * Records the changes of the notifications still at the versions read, in one statement: locks
 * them (in id order, so concurrent batches cannot deadlock; a row another transaction holds is
 * waited for, then compared as that transaction left it), records one event per change, clamped
 * to its timeline, and writes the notifications. A notification's updated_at never goes back and
 * is at least its last event's time. The events are numbered in the order given, so, sorted by
 * id, they line up with the changes of the notifications written; a notification with no event
 * returned was changed by someone else and nothing of it was written.
 */
const RECORD_CHANGES_IF_UNCHANGED = `
  WITH clamped AS (${clampedEvents(8)}),
  unchanged AS (
    SELECT n.id FROM notifications AS n
    JOIN unnest($1::uuid[], $2::text[]) AS expected(id, version)
      ON n.id = expected.id AND n.xmin::text = expected.version
    ORDER BY n.id
    FOR UPDATE OF n
  ),
  recorded AS (
    INSERT INTO notification_events (notification_id, status, detail, at)
    SELECT clamped.notification_id, clamped.status, clamped.detail, clamped.at
    FROM clamped JOIN unchanged ON unchanged.id = clamped.notification_id
    ORDER BY clamped.position
    RETURNING id, notification_id, status, detail, at
  ),
  changed AS (
    UPDATE notifications AS n
    SET status = v.status, status_detail = v.detail, attempts = v.attempts, claimed_by = v.claimed_by,
      claim_holder = v.claim_holder, claim_expires_at = v.claim_expires_at, outcome_unknown = false, updated_at = GREATEST(n.updated_at, v.updated_at,
        (SELECT max(clamped.at) FROM clamped WHERE clamped.notification_id = v.id))
    FROM unnest($1::uuid[], $3::text[], $4::text[], $5::int[], $6::uuid[], $7::timestamptz[],
        $12::text[], $13::timestamptz[])
      AS v(id, status, detail, attempts, claimed_by, updated_at, claim_holder, claim_expires_at)
    JOIN unchanged ON unchanged.id = v.id
    WHERE n.id = v.id
  )
  SELECT * FROM recorded`;

/** See NotificationRepository.findVersioned. */
export function findVersioned(
  manager: EntityManager,
  ids: readonly string[],
): Promise<VersionedNotification[]> {
  return readVersioned(manager, READ_NOTIFICATIONS, ids);
}

/** See LockedNotificationRepository.lockVersioned; `manager` must be in a transaction. */
export function lockVersioned(
  manager: EntityManager,
  ids: readonly string[],
): Promise<VersionedNotification[]> {
  return readVersioned(manager, LOCK_NOTIFICATIONS, ids);
}

async function readVersioned(
  manager: EntityManager,
  read: string,
  ids: readonly string[],
): Promise<VersionedNotification[]> {
  const rows = (await manager.query(read, [ids])) as (NotificationRow & { version: string })[];
  return rows.map(({ version, ...row }) => ({ notification: toNotification(row), version }));
}

/** See StatusChangeRecorder.recordChangesIfUnchanged. */
export async function recordChangesIfUnchanged(
  manager: EntityManager,
  { notifications, changes }: StatusChangeBatch,
): Promise<(StatusEvent | undefined)[]> {
  const rows = (await manager.query(RECORD_CHANGES_IF_UNCHANGED, [
    notifications.map(({ after }) => after.id),
    notifications.map(({ read }) => read.version),
    notifications.map(({ after }) => after.status),
    notifications.map(({ after }) => after.statusDetail),
    notifications.map(({ after }) => after.attempts),
    notifications.map(({ after }) => after.claimedBy),
    notifications.map(({ after }) => after.updatedAt),
    changes.map(({ after }) => after.id),
    changes.map(({ change }) => change.status),
    changes.map(({ change }) => change.detail),
    changes.map(({ change }) => change.at),
    notifications.map(({ after }) => after.claimLease?.holder ?? null),
    notifications.map(({ after }) => after.claimLease?.expiresAt ?? null),
  ])) as EventRow[];
  const events = rows.sort((a, b) => Number(a.id) - Number(b.id));
  const recorded = new Set(events.map((event) => event.notification_id));
  const updatedBefore = new Map(
    notifications.map(({ read }) => [read.notification.id, read.notification.updatedAt]),
  );
  const eventOf = new Map(
    changes
      .filter(({ after }) => recorded.has(after.id))
      .map((planned, position) => {
        const event = events[position]!;
        const { change, after } = planned;
        // updated_at as RECORD_CHANGES_IF_UNCHANGED writes it for the notification's last change.
        const updatedAt = latest(updatedBefore.get(after.id)!, change.recordedAt, event.at);
        return [planned, toStatusEvent(event, { ...after, updatedAt })];
      }),
  );
  return changes.map((planned) => eventOf.get(planned));
}
