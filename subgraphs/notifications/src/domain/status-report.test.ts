import type { NotificationStatus } from './notification-status';
import { decideStatusReport, statusAfter, type ReportedChange } from './status-report';

const current = (
  status: NotificationStatus,
  attempts: number,
  claimedBy: string | null = null,
  outcomeUnknown = false,
) => ({ status, attempts, claimedBy, outcomeUnknown });
/** A report about a message published without a delivery id (an older relay). */
const legacy = (status: ReportedChange, attempt: number) => ({ status, attempt, deliveryId: null });
const claim = (deliveryId: string, attempt = 1) => ({ status: 'SENDING' as const, attempt, deliveryId });
const FIRST_COPY = '0b3c7c0e-0000-4000-8000-000000000001';
const SECOND_COPY = '0b3c7c0e-0000-4000-8000-000000000002';

describe('decideStatusReport', () => {
  it('counts an attempt when sending starts', () => {
    expect(decideStatusReport(current('QUEUED', 0), legacy('SENDING', 1))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: null,
    });
  });

  it('counts an attempt when the worker does not say which one', () => {
    expect(decideStatusReport(current('RETRYING', 1), legacy('SENDING', 0))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: null,
    });
  });

  it('takes the worker attempt number when an earlier SENDING report was lost', () => {
    expect(decideStatusReport(current('QUEUED', 0), legacy('SENDING', 3))).toEqual({
      apply: true,
      attempts: 3,
      claimedBy: null,
    });
  });

  it('keeps the attempt count for a delivery', () => {
    expect(decideStatusReport(current('SENDING', 2), legacy('DELIVERED', 2))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: null,
    });
  });

  it('ignores a report after delivery', () => {
    expect(decideStatusReport(current('DELIVERED', 1), legacy('FAILED', 1))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('ignores a repeated SENDING for an attempt already started', () => {
    expect(decideStatusReport(current('RETRYING', 1), legacy('SENDING', 1))).toEqual({
      apply: false,
      reason: 'stale-attempt',
    });
  });

  it('ignores a late RETRYING from an older attempt', () => {
    expect(decideStatusReport(current('SENDING', 3), legacy('RETRYING', 2))).toEqual({
      apply: false,
      reason: 'stale-attempt',
    });
  });
});

describe('decideStatusReport for a claim naming its copy of the message', () => {
  it('records which copy holds SENDING', () => {
    expect(decideStatusReport(current('QUEUED', 0), claim(FIRST_COPY))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: FIRST_COPY,
    });
  });

  it('refuses another copy while one holds SENDING', () => {
    expect(decideStatusReport(current('SENDING', 1, FIRST_COPY), claim(SECOND_COPY))).toEqual({
      apply: false,
      reason: 'claimed-by-another-delivery',
    });
  });

  it('refuses another copy’s RETRYING or FAILED while one holds SENDING, and takes the holder’s', () => {
    const held = current('SENDING', 1, SECOND_COPY);
    for (const status of ['RETRYING', 'FAILED'] as const) {
      expect(decideStatusReport(held, { status, attempt: 1, deliveryId: FIRST_COPY })).toEqual({
        apply: false,
        reason: 'claimed-by-another-delivery',
      });
    }
    expect(decideStatusReport(held, { status: 'DELIVERED', attempt: 1, deliveryId: SECOND_COPY })).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: SECOND_COPY,
    });
  });

  it('lets the holding copy claim again (its redelivery after a worker crash), without recording it', () => {
    expect(decideStatusReport(current('SENDING', 1, FIRST_COPY), claim(FIRST_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('grants a copy whose attempt number is behind the other copy’s, when nobody holds SENDING', () => {
    expect(decideStatusReport(current('RETRYING', 5, FIRST_COPY), claim(SECOND_COPY, 3))).toEqual({
      apply: true,
      attempts: 6,
      claimedBy: SECOND_COPY,
    });
  });

  it('does not refuse a copy when SENDING is held by a message without a delivery id', () => {
    expect(decideStatusReport(current('SENDING', 1), claim(SECOND_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('forgets the holder when a message without a delivery id claims', () => {
    expect(decideStatusReport(current('RETRYING', 1, FIRST_COPY), legacy('SENDING', 2))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: null,
    });
  });

  it('refuses any copy of a settled notification', () => {
    expect(decideStatusReport(current('DELIVERED', 1, FIRST_COPY), claim(FIRST_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('records a late DELIVERED after the sweeper gave up on SENDING, and nothing else', () => {
    expect(decideStatusReport(current('FAILED', 1, FIRST_COPY, true), legacy('DELIVERED', 1))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: FIRST_COPY,
    });
    expect(decideStatusReport(current('FAILED', 1, FIRST_COPY, false), legacy('DELIVERED', 1))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
    expect(decideStatusReport(current('FAILED', 1, FIRST_COPY, true), claim(FIRST_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('moves a delivered mail to BOUNCED or COMPLAINED on its feedback, once', () => {
    for (const status of ['BOUNCED', 'COMPLAINED'] as const) {
      expect(decideStatusReport(current('DELIVERED', 1, FIRST_COPY), legacy(status, 0))).toEqual({
        apply: true,
        attempts: 1,
        claimedBy: FIRST_COPY,
      });
      expect(decideStatusReport(current(status, 1), legacy(status, 0))).toEqual({
        apply: false,
        reason: 'transition-not-allowed',
      });
      // The relay has not said 250 yet as far as Herald knows: not a bounce of a delivered mail.
      expect(decideStatusReport(current('SENDING', 1), legacy(status, 0))).toEqual({
        apply: false,
        reason: 'transition-not-allowed',
      });
    }
  });

  it('records a soft bounce of a delivered mail without changing its status, and of nothing else', () => {
    expect(decideStatusReport(current('DELIVERED', 2, FIRST_COPY), legacy('SOFT_BOUNCED', 0))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: FIRST_COPY,
    });
    expect(statusAfter('SOFT_BOUNCED', 'DELIVERED')).toBe('DELIVERED');
    expect(statusAfter('BOUNCED', 'DELIVERED')).toBe('BOUNCED');
    for (const status of ['BOUNCED', 'COMPLAINED', 'SENDING', 'FAILED'] as const) {
      expect(decideStatusReport(current(status, 1), legacy('SOFT_BOUNCED', 0))).toEqual({
        apply: false,
        reason: 'transition-not-allowed',
      });
    }
  });
});
