import type { Logger } from '@herald/logging';
import { STATUS_CHANNEL, statusEventSchema, type StatusEvent } from '@herald/contracts';
import { createPubSubChannel, type RedisConnection } from '@herald/redis';

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
