import type { Outcome } from '@herald/amqp';
import type { Logger } from '@herald/logging';
import type { DeliveryChannel, SendResult } from './delivery-channel';
import type { DeliveryMetrics } from './delivery-metrics';
import type { DeliveryPeers, ReportedStatus } from './delivery-peers';
import { classifyFailure, decideOnFailure } from './failure-policy';
import { BreakerOpenError } from './provider-breaker';
import type { QueuedNotification } from './queued-notification';

/** Statuses after which nothing may be sent again. */
const SETTLED_STATUSES: ReadonlySet<string> = new Set(['DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED']);

export interface DeliverNotificationDeps {
  readonly channel: DeliveryChannel;
  readonly peers: DeliveryPeers;
  readonly maxAttempts: number;
  readonly metrics: DeliveryMetrics;
  readonly now?: () => Date;
}

export type DeliverNotification = (message: QueuedNotification, log: Logger) => Promise<Outcome>;

/**
 * claim → load recipient → render → send → report → outcome. The claim (SENDING) makes a
 * redelivered message of a settled notification an ack without a second send.
 */
export function makeDeliverNotification({
  channel,
  peers,
  maxAttempts,
  metrics,
  now = () => new Date(),
}: DeliverNotificationDeps): DeliverNotification {
  const report = (message: QueuedNotification, status: ReportedStatus, detail: string) =>
    peers.statuses.report({
      notificationId: message.notification_id,
      status,
      detail,
      attempt: message.attempt,
      at: now(),
    });

  const recordStatus = async (
    message: QueuedNotification,
    status: ReportedStatus,
    detail: string,
    log: Logger,
  ) => {
    try {
      await report(message, status, detail);
    } catch (error) {
      // The outcome stands either way: re-running a send to record its status could send twice.
      log.error({ err: error, status }, 'could not report status');
    }
  };

  return async (message, log) => {
    let result: SendResult;
    try {
      const claim = await report(message, 'SENDING', '');
      if (!claim.applied && SETTLED_STATUSES.has(claim.status)) {
        metrics.count('duplicate');
        log.info({ status: claim.status }, 'notification already settled; acking without sending');
        return { kind: 'ack' };
      }
      const recipient = await peers.users.getUser(message.user_id);
      const rendered = await peers.templates.render({
        code: message.template_code,
        locale: message.locale || recipient.locale,
        version: message.template_version,
        variables: message.variables,
      });
      result = await channel.send(recipient, rendered, {
        notificationId: message.notification_id,
        priority: message.priority,
        attempt: message.attempt,
        category: message.category ?? undefined,
      });
    } catch (error) {
      if (error instanceof BreakerOpenError) {
        log.info('provider breaker open; returning the message to its queue');
        metrics.count('requeued');
        return { kind: 'requeue', reason: error.message };
      }
      const decision = decideOnFailure(classifyFailure(error), message.attempt, maxAttempts);
      if (decision.status === 'RETRYING') {
        log.warn({ err: error, attempt: message.attempt }, 'delivery failed; retrying');
        metrics.count('retried');
      } else {
        log.error({ err: error, attempt: message.attempt }, 'delivery failed; dead-lettering');
        metrics.count('failed');
      }
      await recordStatus(message, decision.status, decision.detail, log);
      return decision.outcome;
    }

    if (result.kind === 'skipped') {
      log.info({ reason: result.reason }, 'notification skipped');
      metrics.count('skipped');
      await recordStatus(message, 'SKIPPED', result.reason, log);
    } else {
      log.info({ provider_message_id: result.providerMessageId }, 'notification delivered');
      metrics.count('delivered');
      await recordStatus(message, 'DELIVERED', result.providerMessageId, log);
    }
    return { kind: 'ack' };
  };
}
