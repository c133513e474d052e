import { z } from 'zod';
import type { Logger } from '@herald/logging';
import { createPubSubChannel, type RedisConnection } from '@herald/redis';

/** docs/decisions/0005: what notifications publishes on `<REDIS_PREFIX>herald:status`. */
export const STATUS_CHANNEL = 'herald:status';

const statusEventSchema = z.object({
  notificationId: z.string().min(1),
  userId: z.string().min(1),
  status: z.string().min(1),
  at: z.union([z.string(), z.date()]).transform((value) => new Date(value).toISOString()),
  detail: z.string().nullish(),
  sequence: z.coerce.number().int(),
});

export type StatusEvent = z.output<typeof statusEventSchema>;

export interface StatusFeed {
  /** Resolves once the process's one Redis subscription is confirmed; returns the unsubscribe. */
  listen(listener: (event: StatusEvent) => void): Promise<() => void>;
}

/** One Redis subscription per process; each event is validated once, then fanned out in memory. */
export function createStatusFeed(redis: RedisConnection, log: Logger): StatusFeed {
  const channel = createPubSubChannel<unknown>(redis, STATUS_CHANNEL, log);
  const listeners = new Set<(event: StatusEvent) => void>();
  let subscribed: Promise<unknown> | undefined;
  const dispatch = (raw: unknown) => {
    const parsed = statusEventSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues }, 'ignoring a malformed status event');
      return;
    }
    for (const listener of listeners) listener(parsed.data);
  };
  return {
    async listen(listener) {
      listeners.add(listener);
      subscribed ??= channel.subscribe(dispatch);
      await subscribed;
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
