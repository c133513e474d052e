import { And, LessThan, MoreThanOrEqual, type DataSource, type FindOperator } from 'typeorm';
import { pageOffset } from '@herald/paging';
import type { NotificationEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import type { NotificationRepository } from '../use-cases/ports';
import { NotificationEntity, type NotificationRow } from './notification.entity';
import { NotificationEventEntity, type NotificationEventRow } from './notification-event.entity';
import { insertNotifications } from './notification-insert';
import { NOTIFICATION_ROW, toNotification } from './notification-row';
import { findVersioned, recordChangesIfUnchanged } from './notification-versions';

export function createNotificationRepository(db: DataSource): NotificationRepository {
  const notifications = db.getRepository(NotificationEntity);
  const events = db.getRepository(NotificationEventEntity);
  const findOne = async (sql: string, parameters: unknown[]) => {
    const [row] = (await db.query(sql, parameters)) as NotificationRow[];
    return row ? toNotification(row) : undefined;
  };

  return {
    insertMany: (items) => insertNotifications(db, items),

    findById: (id) => findOne(`SELECT ${NOTIFICATION_ROW} FROM notifications WHERE id = $1`, [id]),

    async findByIds(ids) {
      if (ids.length === 0) return new Map();
      const rows = (await db.query(
        `SELECT ${NOTIFICATION_ROW} FROM notifications WHERE id = ANY($1::uuid[])`,
        [[...new Set(ids)]],
      )) as NotificationRow[];
      return new Map(rows.map((row) => [row.id, toNotification(row)]));
    },

    async findByRequests(sender, requestIds) {
      if (requestIds.length === 0) return new Map();
      const rows = (await db.query(
        `SELECT ${NOTIFICATION_ROW} FROM notifications WHERE sender = $1 AND request_id = ANY($2::text[])`,
        [sender, [...new Set(requestIds)]],
      )) as NotificationRow[];
      return new Map(rows.map((row) => [row.requestId, toNotification(row)]));
    },

    async list(filter, page) {
      const [rows, total] = await notifications.findAndCount({
        where: {
          ...(filter.userId ? { userId: filter.userId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.channel ? { channel: filter.channel } : {}),
          ...createdWithin(filter.from, filter.to),
        },
        order: { createdAt: 'DESC', id: 'DESC' },
        skip: pageOffset(page),
        take: page.limit,
      });
      return { items: rows.map(toNotification), total };
    },

    async listEvents(notificationId) {
      const rows = await events.find({ where: { notificationId }, order: { id: 'ASC' } });
      return rows.map(toEvent);
    },

    findVersioned: (ids) => findVersioned(db.manager, ids),

    recordChangesIfUnchanged: (batch) => recordChangesIfUnchanged(db.manager, batch),

    async takeClaimLeases(requests, now) {
      if (requests.length === 0) return [];
      const rows = (await db.query(TAKE_CLAIM_LEASES, [
        requests.map(({ id }) => id),
        requests.map(({ deliveryId }) => deliveryId),
        requests.map(({ lease }) => lease.holder),
        requests.map(({ lease }) => lease.expiresAt),
        now,
      ])) as { id: string }[];
      const taken = new Set(rows.map(({ id }) => id));
      return requests.map(({ id }) => taken.has(id));
    },
  };
}

/** A SELECT around the UPDATE: the driver answers a bare UPDATE … RETURNING with [rows, count]. */
const TAKE_CLAIM_LEASES = `
  WITH taken AS (
    UPDATE notifications AS n SET claim_holder = v.holder, claim_expires_at = v.expires_at
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS v(id, delivery_id, holder, expires_at)
    WHERE n.id = v.id AND n.status = 'SENDING'
      AND (n.claimed_by IS NULL OR n.claimed_by = v.delivery_id)
      AND (n.claim_holder IS NULL OR n.claim_holder = v.holder OR n.claim_expires_at <= $5)
    RETURNING n.id
  )
  SELECT id FROM taken`;

function createdWithin(from: Date | undefined, to: Date | undefined): { createdAt?: FindOperator<Date> } {
  if (from && to) return { createdAt: And(MoreThanOrEqual(from), LessThan(to)) };
  if (from) return { createdAt: MoreThanOrEqual(from) };
  if (to) return { createdAt: LessThan(to) };
  return {};
}

function toEvent(row: NotificationEventRow): NotificationEvent {
  return { status: row.status as NotificationStatus, detail: row.detail, at: row.at };
}
