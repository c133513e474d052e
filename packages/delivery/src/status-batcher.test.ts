import { UnavailableError } from '@herald/errors';
import type { StatusChange, StatusReceipt } from './delivery-peers';
import { createStatusBatcher } from './status-batcher';

const change = (notificationId: string): StatusChange => ({
  notificationId,
  status: 'SENDING',
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
      { flushMs: 5, maxBatch: 10 },
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
      { flushMs: 60_000, maxBatch: 2 },
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
      { flushMs: 60_000, maxBatch: 10 },
    );

    const receipt = batcher.report(change('a'));
    await batcher.flush();

    await expect(receipt).resolves.toEqual({ applied: true, status: 'SENDING' });
  });
});
