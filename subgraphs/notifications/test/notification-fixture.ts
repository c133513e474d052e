import { randomUUID } from 'node:crypto';
import type { Notification } from '../src/domain/notification';
import type { NotificationRepository } from '../src/use-cases/ports';
import type { StatusReportCommand } from '../src/use-cases/report-status.use-case';

/** An accepted EMAIL notification as the accept path stores it; tests override what they look at. */
export function acceptedNotification(overrides: Partial<Notification> = {}): Notification {
  const now = overrides.createdAt ?? new Date();
  return {
    id: randomUUID(),
    requestId: `req-${randomUUID()}`,
    sender: 'admin',
    userId: randomUUID(),
    channel: 'EMAIL',
    templateCode: 'welcome',
    templateVersion: 1,
    locale: 'en',
    category: null,
    variables: {},
    metadata: null,
    priority: 5,
    status: 'ACCEPTED',
    statusDetail: null,
    attempts: 0,
    claimedBy: null,
    claimLease: null,
    outcomeUnknown: false,
    requestHash: 'hash',
    sendAt: null,
    dueAt: null,
    correlationId: 'corr',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** A notification the relay has queued, stored with its ACCEPTED and QUEUED events. */
export async function storeQueuedNotification(repository: NotificationRepository): Promise<Notification> {
  const notification = acceptedNotification({ status: 'QUEUED' });
  const at = notification.createdAt;
  await repository.insertMany([
    {
      notification,
      events: [
        { status: 'ACCEPTED', detail: null, at },
        { status: 'QUEUED', detail: null, at },
      ],
      outbox: undefined,
    },
  ]);
  return notification;
}

/** A worker's report of `status`: attempt 1, no detail, copy or claim; tests override what they look at. */
export function statusReport(
  notificationId: string,
  status: StatusReportCommand['status'],
  overrides: Partial<StatusReportCommand> = {},
): StatusReportCommand {
  return {
    notificationId,
    status,
    detail: null,
    statusCode: null,
    at: undefined,
    attempt: 1,
    deliveryId: null,
    holder: null,
    leaseMs: 0,
    ...overrides,
  };
}
