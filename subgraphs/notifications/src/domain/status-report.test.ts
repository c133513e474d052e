import { decideStatusReport } from './status-report';

describe('decideStatusReport', () => {
  it('counts an attempt when sending starts', () => {
    expect(decideStatusReport({ status: 'QUEUED', attempts: 0 }, { status: 'SENDING', attempt: 1 })).toEqual({
      apply: true,
      attempts: 1,
    });
  });

  it('counts an attempt when the worker does not say which one', () => {
    expect(
      decideStatusReport({ status: 'RETRYING', attempts: 1 }, { status: 'SENDING', attempt: 0 }),
    ).toEqual({ apply: true, attempts: 2 });
  });

  it('takes the worker attempt number when an earlier SENDING report was lost', () => {
    expect(decideStatusReport({ status: 'QUEUED', attempts: 0 }, { status: 'SENDING', attempt: 3 })).toEqual({
      apply: true,
      attempts: 3,
    });
  });

  it('keeps the attempt count for a delivery', () => {
    expect(
      decideStatusReport({ status: 'SENDING', attempts: 2 }, { status: 'DELIVERED', attempt: 2 }),
    ).toEqual({ apply: true, attempts: 2 });
  });

  it('ignores a report after delivery', () => {
    expect(
      decideStatusReport({ status: 'DELIVERED', attempts: 1 }, { status: 'FAILED', attempt: 1 }),
    ).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('ignores a repeated SENDING for an attempt already started', () => {
    expect(
      decideStatusReport({ status: 'RETRYING', attempts: 1 }, { status: 'SENDING', attempt: 1 }),
    ).toEqual({
      apply: false,
      reason: 'stale-attempt',
    });
  });

  it('ignores a late RETRYING from an older attempt', () => {
    expect(
      decideStatusReport({ status: 'SENDING', attempts: 3 }, { status: 'RETRYING', attempt: 2 }),
    ).toEqual({
      apply: false,
      reason: 'stale-attempt',
    });
  });
});
