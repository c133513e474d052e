import type { Counter } from 'prom-client';
import { STATUS_CHANNEL, type StatusEvent as StatusEventMessage } from '@herald/contracts';
import type { Logger } from '@herald/logging';
import { createPubSubChannel, type RedisConnection } from '@herald/redis';
import type { StatusFeed } from '../use-cases/ports';

/**
 * Publishes each event on the status channel. Fails open: the timeline in PostgreSQL is the
 * record; a watcher that missed an event can read it there.
 */
export function createStatusFeed(redis: RedisConnection, failures: Counter, log: Logger): StatusFeed {
  // Typed by the contract the gateway parses with: what is published is what it accepts.
  const channel = createPubSubChannel<StatusEventMessage>(redis, STATUS_CHANNEL, log);
  return {
    async publish(events) {
      // Issued together, so the client pipelines them into one write; Redis keeps their order.
      await Promise.all(
        events.map((event) =>
          channel.publish(event).catch((error: unknown) => {
            failures.inc();
            log.warn({ err: error, notificationId: event.notificationId }, 'status event not published');
          }),
        ),
      );
    },
  };
}
