import { z } from 'zod';

/** docs/decisions/0005: what notifications publishes on `<REDIS_PREFIX>herald:status`. */
export const STATUS_CHANNEL = 'herald:status';

export const statusEventSchema = z.object({
  notificationId: z.string().min(1),
  userId: z.string().min(1),
  status: z.string().min(1),
  at: z.union([z.string(), z.date()]).transform((value) => new Date(value).toISOString()),
  detail: z.string().nullish(),
  sequence: z.coerce.number().int(),
});

export type StatusEvent = z.output<typeof statusEventSchema>;
