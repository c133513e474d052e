import { z } from 'zod';

/** docs/decisions/0005: what notifications publishes on `<REDIS_PREFIX>herald:status`. */
export const STATUS_CHANNEL = 'herald:status';

const isoTime = z.union([z.string(), z.date()]).transform((value) => new Date(value).toISOString());

/**
 * The notification as the change left it: the scalars of the GraphQL `Notification` (ISO-8601
 * times; `userId` and `templateCode` are the keys of its `user` and `template`), so a subscriber
 * is answered without asking notifications again. `variables`, `metadata` and `events` are left
 * out: unbounded in size, they are read from notifications when a subscription selects them.
 */
export const notificationSnapshotSchema = z.object({
  id: z.string().min(1),
  requestId: z.string(),
  userId: z.string().min(1),
  channel: z.string().min(1),
  templateCode: z.string(),
  templateVersion: z.number().int().nullable(),
  locale: z.string().nullable(),
  category: z.string().nullable(),
  priority: z.number().int(),
  status: z.string().min(1),
  statusDetail: z.string().nullable(),
  attempts: z.number().int(),
  sendAt: isoTime.nullable(),
  scheduledFor: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const statusEventSchema = z.object({
  notificationId: z.string().min(1),
  userId: z.string().min(1),
  status: z.string().min(1),
  at: isoTime,
  detail: z.string().nullish(),
  sequence: z.coerce.number().int(),
  /** Absent from a publisher older than the snapshot: subscribers then read the notification. */
  notification: notificationSnapshotSchema.optional(),
});

export type NotificationSnapshot = z.output<typeof notificationSnapshotSchema>;
export type StatusEvent = z.output<typeof statusEventSchema>;
