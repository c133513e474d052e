import type { Outcome } from '@herald/amqp';
import type { Logger } from '@herald/logging';
import { SpanKind, inSpan } from '@herald/observability';
import type { DeliveryChannel, SendResult } from './delivery-channel';
import type { DeliveryMetrics } from './delivery-metrics';
import type { DeliveryPeers, ReportedStatus } from './delivery-peers';
import { classifyFailure, decideOnFailure } from './failure-policy';
import { BreakerOpenError } from './provider-breaker';
import { skipReasonAtSendTime } from './send-time-preferences';
import { SETTLED_STATUSES, type QueuedNotification } from '@herald/contracts';

/** Statuses after which nothing may be sent again. */
const SETTLED: ReadonlySet<string> = new Set(SETTLED_STATUSES);

export interface DeliverNotificationDeps {
  readonly channel: DeliveryChannel;
  readonly peers: DeliveryPeers;
  readonly maxAttempts: number;
  readonly metrics: DeliveryMetrics;
  readonly now?: () => Date;
}

export type DeliverNotification = (message: QueuedNotification, log: Logger) => Promise<Outcome>;

/**
 * claim → load recipient → check their preferences → render → send → report → outcome. A
 * preference turned off since the accept skips the message unsent. The claim (SENDING) makes a
 * redelivered message of a settled notification, or a second copy of a message whose first
 * copy holds the claim, an ack without a second send.
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
      deliveryId: message.delivery_id,
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

  const skip = async (message: QueuedNotification, reason: string, log: Logger): Promise<Outcome> => {
    log.info({ reason }, 'notification skipped');
    metrics.count('skipped');
    await recordStatus(message, 'SKIPPED', reason, log);
    return { kind: 'ack' };
  };

  return async (message, log) => {
    log.info({ attempt: message.attempt, delivery_id: message.delivery_id }, 'notification consumed');
    let result: SendResult;
    try {
      const claim = await report(message, 'SENDING', '');
      if (!claim.applied && SETTLED.has(claim.status)) {
        metrics.count('duplicate');
        log.info({ status: claim.status }, 'notification already settled; acking without sending');
        return { kind: 'ack' };
      }
      if (claim.claimedByAnotherDelivery) {
        // Another copy of the message (the relay published its row twice) holds SENDING: that
        // copy sends. A not-applied claim without this flag is this copy's own redelivery.
        metrics.count('duplicate');
        log.info(
          { delivery_id: message.delivery_id },
          'another copy of the notification is being sent; acking without sending',
        );
        return { kind: 'ack' };
      }
      const recipient = await peers.users.getUser(message.user_id);
      const refusal = skipReasonAtSendTime(recipient, message);
      if (refusal) return await skip(message, refusal, log);
      const rendered = await peers.templates.render({
        code: message.template_code,
        locale: message.locale || recipient.locale,
        version: message.template_version,
        variables: message.variables,
      });
      log.info(
        { template_code: rendered.templateCode, template_version: rendered.version, locale: rendered.locale },
        'notification rendered',
      );
      result = await inSpan(
        `${channel.name} send`,
        { kind: SpanKind.CLIENT, attributes: { 'herald.notification_id': message.notification_id } },
        () =>
          channel.send(recipient, rendered, {
            notificationId: message.notification_id,
            priority: message.priority,
            attempt: message.attempt,
            category: message.category ?? undefined,
          }),
      );
    } catch (error) {
      if (error instanceof BreakerOpenError) {
        log.info('provider breaker open; returning the message to its queue');
        metrics.count('requeued');
        return { kind: 'requeue', reason: error.message };
      }
      const decision = decideOnFailure(classifyFailure(error), message.attempt, maxAttempts);
      const failure = {
        err: error,
        reason: decision.detail,
        attempt: message.attempt,
        will_retry: decision.status === 'RETRYING',
      };
      if (decision.status === 'RETRYING') {
        log.warn(failure, 'notification failed; retrying');
        metrics.count('retried');
      } else {
        log.error(failure, 'notification failed; not retrying');
        metrics.count('failed');
      }
      await recordStatus(message, decision.status, decision.detail, log);
      return decision.outcome;
    }

    if (result.kind === 'skipped') return skip(message, result.reason, log);
    log.info({ provider_message_id: result.providerMessageId }, 'notification sent');
    metrics.count('delivered');
    await recordStatus(message, 'DELIVERED', result.providerMessageId, log);
    return { kind: 'ack' };
  };
}
