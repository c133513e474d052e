import { UnavailableError } from '@herald/errors';
import type { ReportedStatus, StatusChange, StatusReceipt } from './delivery-peers';
import { createStatusBatcher } from './status-batcher';

const change = (notificationId: string, status: ReportedStatus = 'SENDING'): StatusChange => ({
  notificationId,
  status,
  detail: '',
  attempt: 1,
  at: new Date('2026-01-02T03:04:05.000Z'),
});

describe('createStatusBatcher', () => {
  it('sends concurrent reports in one call and gives each its own receipt', async () => {
    const calls: string[][] = [];
    const batcher = createStatusBatcher(
      async (changes) => {
        calls.push(changes.map((entry) => entry.notificationId));
        return changes.map((entry): StatusReceipt | Error =>
          entry.notificationId === 'gone' ? new Error('not found') : { applied: true, status: entry.status },
        );
      },
      { flushMs: 5, terminalLingerMs: 5, maxBatch: 10, maxInFlight: 4 },
    );

    const results = await Promise.allSettled([
      batcher.report(change('a')),
      batcher.report(change('gone')),
      batcher.report(change('b')),
    ]);

    expect(calls).toEqual([['a', 'gone', 'b']]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('sends a full batch at once and fails every report of a failed call', async () => {
    const calls: number[] = [];
    const failure = new UnavailableError('ReportStatusBatch failed: UNAVAILABLE');
    const batcher = createStatusBatcher(
      async (changes) => {
        calls.push(changes.length);
        throw failure;
      },
      { flushMs: 60_000, terminalLingerMs: 60_000, maxBatch: 2, maxInFlight: 4 },
    );

    const results = await Promise.allSettled([batcher.report(change('a')), batcher.report(change('b'))]);

    expect(calls).toEqual([2]);
    expect(results).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
  });

  it('flush() sends what is waiting and waits for the answer', async () => {
    const batcher = createStatusBatcher(
      async (changes) => changes.map((entry) => ({ applied: true, status: entry.status })),
      { flushMs: 60_000, terminalLingerMs: 60_000, maxBatch: 10, maxInFlight: 4 },
    );

    const receipt = batcher.report(change('a'));
    await batcher.flush();

    await expect(receipt).resolves.toEqual({ applied: true, status: 'SENDING' });
  });

  it('holds reports while the calls in flight are at the bound, then sends them as one batch', async () => {
    // Fake timers: the flush timer fires when the test says, so "nothing was sent" needs no sleep.
    jest.useFakeTimers();
    try {
      const calls: string[][] = [];
      const answers: (() => void)[] = [];
      const batcher = createStatusBatcher(
        (changes) => {
          calls.push(changes.map((entry) => entry.notificationId));
          return new Promise((resolve) => {
            answers.push(() => resolve(changes.map((entry) => ({ applied: true, status: entry.status }))));
          });
        },
        { flushMs: 10, terminalLingerMs: 10, maxBatch: 2, maxInFlight: 1 },
      );

      const first = batcher.report(change('a'));
      await jest.advanceTimersByTimeAsync(10);
      expect(calls).toEqual([['a']]);
      const waiting = [batcher.report(change('b')), batcher.report(change('c')), batcher.report(change('d'))];
      await jest.advanceTimersByTimeAsync(10);
      expect(calls).toEqual([['a']]);

      answers.shift()?.();
      await first;
      await jest.advanceTimersByTimeAsync(0);
      expect(calls).toEqual([['a'], ['b', 'c']]);
      answers.shift()?.();
      await jest.advanceTimersByTimeAsync(0);
      expect(calls).toEqual([['a'], ['b', 'c'], ['d']]);
      answers.shift()?.();
      await expect(Promise.all(waiting)).resolves.toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('createStatusBatcher, terminal reports', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A batcher whose batches answer at once, recording the reports of each. */
  function answering(options: { flushMs: number; terminalLingerMs: number }) {
    const calls: string[][] = [];
    const batcher = createStatusBatcher(
      async (changes) => {
        calls.push(changes.map((entry) => `${entry.status} ${entry.notificationId}`));
        return changes.map((entry) => ({ applied: true, status: entry.status }));
      },
      { ...options, maxBatch: 100, maxInFlight: 2 },
    );
    return { calls, batcher };
  }

  it("rides with the next claim's batch instead of going alone", async () => {
    const { calls, batcher } = answering({ flushMs: 10, terminalLingerMs: 25 });

    const delivered = batcher.report(change('a', 'DELIVERED'));
    await jest.advanceTimersByTimeAsync(12);
    expect(calls).toEqual([]);
    const claim = batcher.report(change('b', 'SENDING'));
    await jest.advanceTimersByTimeAsync(10);

    expect(calls).toEqual([['DELIVERED a', 'SENDING b']]);
    await expect(Promise.all([delivered, claim])).resolves.toHaveLength(2);
  });

  it('goes alone once its linger passes without a claim', async () => {
    const { calls, batcher } = answering({ flushMs: 10, terminalLingerMs: 25 });

    const failed = batcher.report(change('a', 'FAILED'));
    await jest.advanceTimersByTimeAsync(24);
    expect(calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);

    expect(calls).toEqual([['FAILED a']]);
    await expect(failed).resolves.toEqual({ applied: true, status: 'FAILED' });
  });

  it('keeps lingering when a batch answers meanwhile', async () => {
    const calls: string[][] = [];
    const answers: (() => void)[] = [];
    const batcher = createStatusBatcher(
      (changes) => {
        calls.push(changes.map((entry) => `${entry.status} ${entry.notificationId}`));
        return new Promise((resolve) => {
          answers.push(() => resolve(changes.map((entry) => ({ applied: true, status: entry.status }))));
        });
      },
      { flushMs: 10, terminalLingerMs: 25, maxBatch: 100, maxInFlight: 2 },
    );

    const claim = batcher.report(change('a', 'SENDING'));
    await jest.advanceTimersByTimeAsync(12);
    expect(calls).toEqual([['SENDING a']]);
    const delivered = batcher.report(change('b', 'DELIVERED'));
    await jest.advanceTimersByTimeAsync(3);
    answers.shift()!();
    await claim;
    await jest.advanceTimersByTimeAsync(5);
    expect(calls).toEqual([['SENDING a']]);

    await jest.advanceTimersByTimeAsync(17);
    expect(calls).toEqual([['SENDING a'], ['DELIVERED b']]);
    answers.shift()!();
    await expect(delivered).resolves.toEqual({ applied: true, status: 'DELIVERED' });
  });

  it('goes at once when the worker flushes on shutdown', async () => {
    const { calls, batcher } = answering({ flushMs: 10, terminalLingerMs: 60_000 });

    const delivered = batcher.report(change('a', 'DELIVERED'));
    await batcher.flush();

    expect(calls).toEqual([['DELIVERED a']]);
    await expect(delivered).resolves.toEqual({ applied: true, status: 'DELIVERED' });
  });
});
