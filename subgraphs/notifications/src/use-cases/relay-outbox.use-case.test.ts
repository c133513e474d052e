import { createLogger } from '@herald/logging';
import { captureLog } from '@herald/testkit';
import type { NotificationStatus } from '../domain/notification-status';
import { buildQueueMessage } from '../domain/queue-message';
import type { NotificationsTransactions, PendingOutboxMessage } from './ports';
import { makeRelayOutbox } from './relay-outbox.use-case';

const log = createLogger({ service: 'notifications-test', level: 'silent' });
const at = new Date('2025-01-02T03:04:05.000Z');
const statusFeed = { publish: async () => undefined };

function pending(id: string, notificationStatus: NotificationStatus = 'ACCEPTED'): PendingOutboxMessage {
  const notificationId = `00000000-0000-4000-8000-00000000000${id}`;
  return {
    id,
    notificationId,
    notificationStatus,
    routingKey: 'email',
    priority: 5,
    correlationId: `corr-${id}`,
    traceContext: null,
    payload: buildQueueMessage(
      {
        id: notificationId,
        requestId: `req-${id}`,
        userId: '5a4d3f2e-1c0b-4a9e-8d7c-6b5a4f3e2d1c',
        channel: 'EMAIL',
        templateCode: 'welcome',
        templateVersion: 1,
        locale: 'en',
        category: null,
        variables: {},
        priority: 5,
        createdAt: at,
      },
      `corr-${id}`,
    ),
  };
}

/** An outbox holding `messages` that records what the relay marked. */
function fakeOutbox(messages: PendingOutboxMessage[]) {
  const recorded: { messageIds: readonly string[]; queued: readonly string[]; at: Date }[] = [];
  const transactions: NotificationsTransactions = {
    transaction: (work) =>
      work({
        notifications: {
          lock: () => Promise.reject(new Error('not used')),
          lockVersioned: () => Promise.reject(new Error('not used')),
          recordChange: () => Promise.reject(new Error('not used')),
          recordChangesIfUnchanged: () => Promise.reject(new Error('not used')),
        },
        outbox: {
          claimUnpublished: async (limit) => messages.slice(0, limit),
          recordPublished: async (messageIds, queued, when) => {
            recorded.push({ messageIds, queued, at: when });
            return [];
          },
        },
      }),
  };
  return { transactions, recorded };
}

describe('relayOutbox', () => {
  it('marks published and queues only what the broker confirmed', async () => {
    const { transactions, recorded } = fakeOutbox([pending('1'), pending('2'), pending('3')]);
    const relay = makeRelayOutbox({
      transactions,
      publish: async (message) => {
        if (message.id === '2') throw new Error('nacked');
      },
      clock: { now: () => at },
      batchSize: 10,
      statusFeed,
      log,
    });

    await expect(relay()).resolves.toEqual({ published: 2, more: false });
    expect(recorded).toEqual([
      {
        messageIds: ['1', '3'],
        queued: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003'],
        at,
      },
    ]);
  });

  it('logs one "queued" line per confirmed message, under its own correlation id', async () => {
    const { log: capture, lines } = captureLog('notifications');
    const relay = makeRelayOutbox({
      transactions: fakeOutbox([pending('1'), pending('2')]).transactions,
      publish: async (message) => {
        if (message.id === '2') throw new Error('nacked');
      },
      clock: { now: () => at },
      batchSize: 10,
      statusFeed,
      log: capture,
    });
    await relay();
    expect(lines.filter((line) => line.message === 'notification queued')).toEqual([
      expect.objectContaining({
        level: 'info',
        correlation_id: 'corr-1',
        notification_id: '00000000-0000-4000-8000-000000000001',
      }),
    ]);
  });

  it('publishes the stored message to the channel routing key', async () => {
    const { transactions } = fakeOutbox([pending('1')]);
    const published: unknown[] = [];
    const relay = makeRelayOutbox({
      transactions,
      publish: async (message) => void published.push(message.payload),
      clock: { now: () => at },
      batchSize: 10,
      statusFeed,
      log,
    });
    await relay();
    expect(published).toEqual([pending('1').payload]);
  });

  it('leaves the status of a notification a worker already moved on', async () => {
    const { transactions, recorded } = fakeOutbox([pending('1', 'SENDING'), pending('2')]);
    const relay = makeRelayOutbox({
      transactions,
      publish: async () => undefined,
      clock: { now: () => at },
      batchSize: 10,
      statusFeed,
      log,
    });
    await relay();
    expect(recorded[0]).toMatchObject({
      messageIds: ['1', '2'],
      queued: ['00000000-0000-4000-8000-000000000002'],
    });
  });

  it('asks for another pass after a full, clean batch', async () => {
    const { transactions } = fakeOutbox([pending('1'), pending('2'), pending('3')]);
    const relay = makeRelayOutbox({
      transactions,
      publish: async () => undefined,
      clock: { now: () => at },
      batchSize: 2,
      statusFeed,
      log,
    });
    await expect(relay()).resolves.toEqual({ published: 2, more: true });
  });

  it('does nothing when the outbox is empty', async () => {
    const { transactions, recorded } = fakeOutbox([]);
    const relay = makeRelayOutbox({
      transactions,
      publish: async () => undefined,
      clock: { now: () => at },
      batchSize: 2,
      statusFeed,
      log,
    });
    await expect(relay()).resolves.toEqual({ published: 0, more: false });
    expect(recorded).toEqual([]);
  });
});
