import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Outcome } from '@herald/amqp';
import type { Logger } from '@herald/logging';
import { SpanKind, inSpan } from '@herald/observability';
import type { DeliveryChannel, SendResult } from './delivery-channel';
import type { DeliveryMetrics } from './delivery-metrics';
import type { ClaimLeaseRequest, DeliveryPeers, ReportedStatus, StatusReceipt } from './delivery-peers';
import { classifyFailure, decideOnFailure } from './failure-policy';
import { BreakerOpenError } from './provider-breaker';
import { skipReasonAtSendTime } from './send-time-preferences';
import { isSettled, type QueuedNotification } from '@herald/contracts';

export interface DeliverNotificationDeps {
  readonly channel: DeliveryChannel;
  readonly peers: DeliveryPeers;
  readonly maxAttempts: number;
  /** How long a SENDING claim is leased to one handling of a message (decision 0030). */
  readonly claimLeaseMs: number;
  readonly metrics: DeliveryMetrics;
  readonly now?: () => Date;
  /** Waits between claims while another worker's lease runs (tests pass a quicker one). */
  readonly wait?: (ms: number) => Promise<void>;
}

/** How often a claim refused for another worker's running lease is tried again. */
const LEASE_POLL_MS = 200;

/** This process, in each lease's holder: who holds a claim shows in the database. */
const PROCESS_ID = `${hostname()}/${process.pid}`;

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
  claimLeaseMs,
  metrics,
  now = () => new Date(),
  wait = (ms) => sleep(ms),
}: DeliverNotificationDeps): DeliverNotification {
  const report = (
    message: QueuedNotification,
    status: ReportedStatus,
    detail: string,
    lease?: ClaimLeaseRequest,
  ) =>
    peers.statuses.report({
      notificationId: message.notification_id,
      status,
      detail,
      attempt: message.attempt,
      at: now(),
      deliveryId: message.delivery_id,
      ...(lease ? { lease } : {}),
    });

  /**
   * Claims SENDING. While another worker still holds this copy's lease (the broker gave it to us
   * while that worker sends it), waits and claims again: its outcome settles the notification,
   * or its lease lapses and the claim is ours.
   */
  const claimSending = async (
    message: QueuedNotification,
    lease: ClaimLeaseRequest,
    log: Logger,
  ): Promise<StatusReceipt> => {
    for (;;) {
      const receipt = await report(message, 'SENDING', '', lease);
      const remaining = receipt.leaseRemainingMs ?? 0;
      if (remaining <= 0) return receipt;
      log.info({ lease_remaining_ms: remaining }, 'another worker is sending this copy; waiting for it');
      await wait(Math.min(remaining, LEASE_POLL_MS));
    }
  };

  /** Renews the claim's lease every third of it while `work` runs, so a slow send keeps it. */
  const keepingLease = async <T>(
    message: QueuedNotification,
    lease: ClaimLeaseRequest,
    log: Logger,
    work: () => Promise<T>,
  ): Promise<T> => {
    const renewal = setInterval(() => {
      report(message, 'SENDING', '', lease).catch((error: unknown) =>
        log.warn({ err: error }, 'could not renew the claim lease'),
      );
    }, lease.ms / 3);
    try {
      return await work();
    } finally {
      clearInterval(renewal);
    }
  };

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

  /** Loads the recipient, checks their preferences again, renders and sends. */
  const send = async (
    message: QueuedNotification,
    log: Logger,
  ): Promise<{ kind: 'refused'; reason: string } | { kind: 'sent'; result: SendResult }> => {
    const recipient = await peers.users.getUser(message.user_id);
    const refusal = skipReasonAtSendTime(recipient, message);
    if (refusal) return { kind: 'refused', reason: refusal };
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
    const result = await inSpan(
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
    return { kind: 'sent', result };
  };

  return async (message, log) => {
    log.info({ attempt: message.attempt, delivery_id: message.delivery_id }, 'notification consumed');
    let result: SendResult;
    const lease = { holder: `${PROCESS_ID}/${randomUUID()}`, ms: claimLeaseMs };
    try {
      const claim = await claimSending(message, lease, log);
      if (!claim.applied && isSettled(claim.status)) {
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
      const outcome = await keepingLease(message, lease, log, () => send(message, log));
      if (outcome.kind === 'refused') return await skip(message, outcome.reason, log);
      result = outcome.result;
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
