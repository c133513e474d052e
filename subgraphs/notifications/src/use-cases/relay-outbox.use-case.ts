import type { Logger } from '@herald/logging';
import { canTransition } from '../domain/notification-status';
import type { Clock, NotificationsTransactions, PendingOutboxMessage, StatusFeed } from './ports';

export interface RelayOutboxDeps {
  readonly transactions: NotificationsTransactions;
  /** Resolves once the broker has confirmed the message. */
  readonly publish: (message: PendingOutboxMessage) => Promise<void>;
  readonly clock: Clock;
  readonly batchSize: number;
  readonly statusFeed: StatusFeed;
  readonly log: Logger;
  /**
   * Runs between the broker's confirms and recording them; tests throw here to play a relay
   * that dies after publishing and before its commit.
   */
  readonly beforeRecord?: () => Promise<void>;
}

export interface RelayPass {
  readonly published: number;
  /** True when a full batch went out cleanly, so more rows are probably waiting. */
  readonly more: boolean;
}

export type RelayOutbox = () => Promise<RelayPass>;

/**
 * One pass of the transactional outbox: claim a batch, publish it, and only after the
 * broker's confirms mark it published and move its notifications to QUEUED. A message whose
 * publish fails stays unpublished for the next pass; a crash after a confirm but before the
 * commit republishes it, which at-least-once delivery allows (workers claim by id).
 */
export function makeRelayOutbox(deps: RelayOutboxDeps): RelayOutbox {
  return () =>
    deps.transactions.transaction(async ({ outbox }) => {
      const messages = await outbox.claimUnpublished(deps.batchSize);
      if (messages.length === 0) return { published: 0, more: false };
      const results = await Promise.allSettled(messages.map((message) => deps.publish(message)));
      const published = messages.filter((_, index) => results[index]?.status === 'fulfilled');
      const failures = results.filter(
        (result): result is PromiseRejectedResult => result.status === 'rejected',
      );
      if (failures.length > 0) {
        deps.log.warn(
          { err: failures[0]?.reason, failed: failures.length, batch: messages.length },
          'outbox messages not confirmed by the broker; retrying on the next pass',
        );
      }
      await deps.beforeRecord?.();
      const queued = published
        .filter((message) => canTransition(message.notificationStatus, 'QUEUED'))
        .map((message) => message.notificationId);
      const events = await outbox.recordPublished(
        published.map((message) => message.id),
        [...new Set(queued)],
        deps.clock.now(),
      );
      for (const message of published) {
        deps.log.info(
          { correlation_id: message.correlationId, notification_id: message.notificationId },
          'notification queued',
        );
      }
      await deps.statusFeed.publish(events);
      return {
        published: published.length,
        more: failures.length === 0 && messages.length === deps.batchSize,
      };
    });
}
