import { queuedNotification } from '@herald/testkit';
import type { QueuedNotification } from '@herald/contracts';
import type { DeliveryChannel } from './delivery-channel';
import type { StatusChange } from './delivery-peers';
import { ada, silentLog } from '../test/fixtures';
import { makeDeliverNotification } from './deliver-notification';
import { createStatusBatcher } from './status-batcher';

/** A status batch's round trip to notifications, and the provider's SMTP dialogue, in ms. */
const ROUND_TRIP_MS = 3;
const SEND_MS = 8;
const NOTIFICATIONS = 200;

function message(index: number): QueuedNotification {
  return queuedNotification({
    notification_id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    request_id: `req-${index}`,
  });
}

/** Arrival times (ms) at 100/s on average: exponential gaps from a seeded generator. */
function arrivals(seed: number): number[] {
  let state = seed;
  const random = () => (state = (state * 48271) % 0x7fffffff) / 0x7fffffff;
  let at = 0;
  return Array.from({ length: NOTIFICATIONS }, () => {
    at += -10 * Math.log(1 - random());
    return Math.round(at);
  });
}

/**
 * One worker delivering at 100 notifications/s with the real pipeline and batcher (flush 10 ms),
 * against a status service that answers each batch after a round trip. Returns the batches sent.
 */
async function deliverAtLowRate(terminalLingerMs: number, seed: number) {
  const batches: StatusChange[][] = [];
  const statuses = createStatusBatcher(
    (changes) => {
      batches.push([...changes]);
      return new Promise((resolve) =>
        setTimeout(
          () => resolve(changes.map((change) => ({ applied: true, status: change.status }))),
          ROUND_TRIP_MS,
        ),
      );
    },
    { flushMs: 10, terminalLingerMs, maxBatch: 500, maxInFlight: 2 },
  );
  const channel: DeliveryChannel = {
    name: 'email',
    send: () =>
      new Promise((resolve) =>
        setTimeout(() => resolve({ kind: 'delivered', providerMessageId: '<m@herald.local>' }), SEND_MS),
      ),
    close: async () => undefined,
  };
  const deliver = makeDeliverNotification({
    channel,
    peers: {
      statuses,
      users: {
        getUser: async () => ada,
      },
      templates: {
        render: async () => ({
          templateCode: 'welcome',
          version: 1,
          locale: 'en',
          subject: 'Hi',
          body: 'Hi',
        }),
      },
    },
    maxAttempts: 5,
    claimLeaseMs: 10_000,
    metrics: { count: () => undefined },
  });
  const outcomes = arrivals(seed).map(
    (at, index) =>
      new Promise((resolve) => setTimeout(() => resolve(deliver(message(index), silentLog)), at)),
  );
  await jest.runAllTimersAsync();
  await expect(Promise.all(outcomes)).resolves.toEqual(Array(NOTIFICATIONS).fill({ kind: 'ack' }));
  return batches;
}

/**
 * Status batches per notification at 100/s (decision 0020): each batch is one message on the
 * worker's stream and, in notifications, one read and one compare-and-set write.
 */
describe('status batches per notification at 100 notifications/s', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each([17, 4242, 90001])(
    'sends fewer batches when terminal reports ride with the next claim (arrivals seeded %d)',
    async (seed) => {
      // Before: every report waited the flush (10 ms) and no longer.
      const before = await deliverAtLowRate(10, seed);
      const riding = await deliverAtLowRate(25, seed);

      const perNotification = (batches: StatusChange[][]) => batches.length / NOTIFICATIONS;
      console.log(
        `status batches per notification at 100/s (seed ${seed}): terminal reports waiting 10 ms ${perNotification(before)}, 25 ms ${perNotification(riding)}`,
      );
      expect(perNotification(riding)).toBeLessThan(perNotification(before));
      // Every report still goes, once.
      expect(riding.flat()).toHaveLength(2 * NOTIFICATIONS);
    },
  );
});
