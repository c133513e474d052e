import { createLogger } from '@herald/logging';
import { buildQueueMessage } from '../domain/queue-message';
import type { OutboxMessage, OutboxRepository } from '../store/outbox.repository';
import { makePublishCommitted, type DirectPublishOutcome } from './publish-committed.use-case';

const log = createLogger({ service: 'notifications-test', level: 'silent' });
const at = new Date('2025-01-02T03:04:05.000Z');

function message(id: string): OutboxMessage {
  const notificationId = `00000000-0000-4000-8000-00000000000${id}`;
  return {
    id,
    notificationId,
    routingKey: 'push',
    priority: 5,
    correlationId: `corr-${id}`,
    traceContext: null,
    payload: buildQueueMessage(
      {
        id: notificationId,
        requestId: `req-${id}`,
        userId: '5a4d3f2e-1c0b-4a9e-8d7c-6b5a4f3e2d1c',
        channel: 'PUSH',
        templateCode: 'promo',
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

/** Publishes that the test confirms by hand, and an outbox recording what was recorded. */
function setUp(maxInFlight: number) {
  const confirms: (() => void)[] = [];
  const recorded: string[][] = [];
  const outcomes: [DirectPublishOutcome, number][] = [];
  const outbox: OutboxRepository = {
    withUnpublishedBatch: () => Promise.reject(new Error('not used')),
    recordPublishedDirectly: async (messages) => {
      recorded.push(messages.map((published) => published.id));
      return [];
    },
  };
  const publishCommitted = makePublishCommitted({
    outbox,
    publish: () => new Promise<void>((resolve) => confirms.push(resolve)),
    clock: { now: () => at },
    statusFeed: { publish: async () => undefined },
    maxInFlight,
    log,
    onOutcome: (outcome, count) => outcomes.push([outcome, count]),
  });
  return { publishCommitted, confirms, recorded, outcomes };
}

describe('publishCommitted', () => {
  it('publishes at most maxInFlight messages at once and leaves the rest to the relay', async () => {
    const { publishCommitted, confirms, recorded, outcomes } = setUp(2);

    publishCommitted([message('1'), message('2'), message('3')]);
    publishCommitted([message('4')]);

    expect(confirms).toHaveLength(2);
    expect(outcomes).toEqual([
      ['overflow', 1],
      ['overflow', 1],
    ]);
    confirms.splice(0).forEach((confirm) => confirm());
    await publishCommitted.drain();
    expect(recorded).toEqual([['1', '2']]);

    // Room again once recorded.
    publishCommitted([message('5')]);
    expect(confirms).toHaveLength(1);
  });

  it('drains: resolves only once the publishes in flight are recorded', async () => {
    const { publishCommitted, confirms, recorded } = setUp(10);
    publishCommitted([message('1')]);
    let drained = false;
    const draining = publishCommitted.drain().then(() => (drained = true));

    await Promise.resolve();
    expect(drained).toBe(false);
    confirms[0]!();
    await draining;
    expect(recorded).toEqual([['1']]);
  });
});
