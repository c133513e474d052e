import type { Logger } from '@herald/logging';
import type { OutboxMessage, OutboxRepository } from '../store/outbox.repository';
import type { Clock, StatusFeed } from './ports';

export interface PublishCommittedDeps {
  readonly outbox: OutboxRepository;
  /** Resolves once the broker has confirmed the message. */
  readonly publish: (message: OutboxMessage) => Promise<void>;
  readonly clock: Clock;
  readonly statusFeed: StatusFeed;
  /** Messages published and not yet recorded, at most; more are left to the relay. */
  readonly maxInFlight: number;
  readonly log: Logger;
  /** Told how each message ended: recorded, failed (left to the relay) or over the bound. */
  readonly onOutcome?: (outcome: DirectPublishOutcome, count: number) => void;
  /** Runs between the broker's confirms and recording them (crash simulation in tests). */
  readonly beforeRecord?: () => Promise<void>;
}

export type DirectPublishOutcome = 'recorded' | 'failed' | 'overflow';

export interface PublishCommitted {
  /**
   * Publishes outbox rows their caller has just committed, in the background: the accept is
   * durable already, so nobody waits for the broker. Never throws; what does not go through
   * stays unpublished for the relay.
   */
  (messages: readonly OutboxMessage[]): void;
  /** Waits for the publishes in flight (shutdown, before the connections close). */
  drain(): Promise<void>;
}

/**
 * The short path of the outbox: the writer of a row publishes it right after its commit, waits
 * for the confirm and records it in one statement, without a claim or a transaction. The relay
 * leaves rows younger than its grace to this path and publishes whatever it left behind (a
 * broker outage, a crash between commit and publish, the in-flight bound reached).
 */
export function makePublishCommitted(deps: PublishCommittedDeps): PublishCommitted {
  const inFlight = new Set<Promise<void>>();
  let messagesInFlight = 0;

  const publishAndRecord = async (messages: readonly OutboxMessage[]) => {
    const results = await Promise.allSettled(messages.map((message) => deps.publish(message)));
    const published = messages.filter((_, index) => results[index]?.status === 'fulfilled');
    const failed = messages.length - published.length;
    if (failed > 0) {
      const failure = results.find((result) => result.status === 'rejected');
      deps.log.warn(
        { err: failure?.reason, failed },
        'queue messages not confirmed by the broker; the outbox relay publishes them',
      );
      deps.onOutcome?.('failed', failed);
    }
    if (published.length === 0) return;
    await deps.beforeRecord?.();
    const events = await deps.outbox.recordPublishedDirectly(published, deps.clock.now());
    deps.onOutcome?.('recorded', published.length);
    const correlationIds = new Map(
      published.map((message) => [message.notificationId, message.correlationId]),
    );
    for (const event of events) {
      deps.log.info(
        { correlation_id: correlationIds.get(event.notificationId), notification_id: event.notificationId },
        'notification queued',
      );
    }
    await deps.statusFeed.publish(events);
  };

  const publishCommitted = (messages: readonly OutboxMessage[]) => {
    const room = Math.max(0, deps.maxInFlight - messagesInFlight);
    const admitted = messages.slice(0, room);
    if (admitted.length < messages.length) deps.onOutcome?.('overflow', messages.length - admitted.length);
    if (admitted.length === 0) return;
    messagesInFlight += admitted.length;
    const running: Promise<void> = publishAndRecord(admitted)
      .catch((error: unknown) =>
        deps.log.warn(
          { err: error },
          'recording a direct publish failed; the outbox relay publishes it again',
        ),
      )
      .finally(() => {
        messagesInFlight -= admitted.length;
        inFlight.delete(running);
      });
    inFlight.add(running);
  };

  return Object.assign(publishCommitted, {
    async drain() {
      await Promise.all(inFlight);
    },
  });
}
