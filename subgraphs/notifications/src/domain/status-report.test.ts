import type { ReportedChange } from '@herald/contracts';
import type { NotificationStatus } from './notification-status';
import type { ClaimLease } from './notification';
import { decideStatusReport, statusAfter, type CurrentDelivery, type StatusReport } from './status-report';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const decide = (delivery: CurrentDelivery, report: StatusReport) => decideStatusReport(delivery, report, NOW);

const current = (
  status: NotificationStatus,
  attempts: number,
  claimedBy: string | null = null,
  outcomeUnknown = false,
  claimLease: ClaimLease | null = null,
) => ({ status, attempts, claimedBy, outcomeUnknown, claimLease });
/** A report from a worker without leases. */
const report = (status: ReportedChange, attempt: number, deliveryId: string | null): StatusReport => ({
  status,
  attempt,
  deliveryId,
  holder: null,
  leaseMs: 0,
});
/** A report about a message published without a delivery id (an older relay). */
const legacy = (status: ReportedChange, attempt: number) => report(status, attempt, null);
const claim = (deliveryId: string, attempt = 1) => report('SENDING', attempt, deliveryId);
const FIRST_COPY = '0b3c7c0e-0000-4000-8000-000000000001';
const SECOND_COPY = '0b3c7c0e-0000-4000-8000-000000000002';

describe('decideStatusReport', () => {
  it('counts an attempt when sending starts', () => {
    expect(decide(current('QUEUED', 0), legacy('SENDING', 1))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: null,
    });
  });

  it('counts an attempt when the worker does not say which one', () => {
    expect(decide(current('RETRYING', 1), legacy('SENDING', 0))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: null,
    });
  });

  it('takes the worker attempt number when an earlier SENDING report was lost', () => {
    expect(decide(current('QUEUED', 0), legacy('SENDING', 3))).toEqual({
      apply: true,
      attempts: 3,
      claimedBy: null,
    });
  });

  it('keeps the attempt count for a delivery', () => {
    expect(decide(current('SENDING', 2), legacy('DELIVERED', 2))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: null,
    });
  });

  it('ignores a report after delivery', () => {
    expect(decide(current('DELIVERED', 1), legacy('FAILED', 1))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('ignores a repeated SENDING for an attempt already started', () => {
    expect(decide(current('RETRYING', 1), legacy('SENDING', 1))).toEqual({
      apply: false,
      reason: 'stale-attempt',
    });
  });

  it('ignores a late RETRYING from an older attempt', () => {
    expect(decide(current('SENDING', 3), legacy('RETRYING', 2))).toEqual({
      apply: false,
      reason: 'stale-attempt',
    });
  });
});

describe('decideStatusReport for a claim naming its copy of the message', () => {
  it('records which copy holds SENDING', () => {
    expect(decide(current('QUEUED', 0), claim(FIRST_COPY))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: FIRST_COPY,
    });
  });

  it('refuses another copy while one holds SENDING', () => {
    expect(decide(current('SENDING', 1, FIRST_COPY), claim(SECOND_COPY))).toEqual({
      apply: false,
      reason: 'claimed-by-another-delivery',
    });
  });

  it('refuses another copy’s RETRYING or FAILED while one holds SENDING, and takes the holder’s', () => {
    const held = current('SENDING', 1, SECOND_COPY);
    for (const status of ['RETRYING', 'FAILED'] as const) {
      expect(decide(held, report(status, 1, FIRST_COPY))).toEqual({
        apply: false,
        reason: 'claimed-by-another-delivery',
      });
    }
    expect(decide(held, report('DELIVERED', 1, SECOND_COPY))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: SECOND_COPY,
    });
  });

  it('lets the holding copy claim again (its redelivery after a worker crash), without recording it', () => {
    expect(decide(current('SENDING', 1, FIRST_COPY), claim(FIRST_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('grants a copy whose attempt number is behind the other copy’s, when nobody holds SENDING', () => {
    expect(decide(current('RETRYING', 5, FIRST_COPY), claim(SECOND_COPY, 3))).toEqual({
      apply: true,
      attempts: 6,
      claimedBy: SECOND_COPY,
    });
  });

  it('does not refuse a copy when SENDING is held by a message without a delivery id', () => {
    expect(decide(current('SENDING', 1), claim(SECOND_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('forgets the holder when a message without a delivery id claims', () => {
    expect(decide(current('RETRYING', 1, FIRST_COPY), legacy('SENDING', 2))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: null,
    });
  });

  it('refuses any copy of a settled notification', () => {
    expect(decide(current('DELIVERED', 1, FIRST_COPY), claim(FIRST_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('records a late DELIVERED after the sweeper gave up on SENDING, and nothing else', () => {
    expect(decide(current('FAILED', 1, FIRST_COPY, true), legacy('DELIVERED', 1))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: FIRST_COPY,
    });
    expect(decide(current('FAILED', 1, FIRST_COPY, false), legacy('DELIVERED', 1))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
    expect(decide(current('FAILED', 1, FIRST_COPY, true), claim(FIRST_COPY))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
    });
  });

  it('moves a delivered mail to BOUNCED or COMPLAINED on its feedback, once', () => {
    for (const status of ['BOUNCED', 'COMPLAINED'] as const) {
      expect(decide(current('DELIVERED', 1, FIRST_COPY), legacy(status, 0))).toEqual({
        apply: true,
        attempts: 1,
        claimedBy: FIRST_COPY,
      });
      expect(decide(current(status, 1), legacy(status, 0))).toEqual({
        apply: false,
        reason: 'transition-not-allowed',
      });
      // The relay has not said 250 yet as far as Herald knows: not a bounce of a delivered mail.
      expect(decide(current('SENDING', 1), legacy(status, 0))).toEqual({
        apply: false,
        reason: 'transition-not-allowed',
      });
    }
  });

  it('records a soft bounce of a delivered mail without changing its status, and of nothing else', () => {
    expect(decide(current('DELIVERED', 2, FIRST_COPY), legacy('SOFT_BOUNCED', 0))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: FIRST_COPY,
    });
    expect(statusAfter('SOFT_BOUNCED', 'DELIVERED')).toBe('DELIVERED');
    expect(statusAfter('BOUNCED', 'DELIVERED')).toBe('BOUNCED');
    for (const status of ['BOUNCED', 'COMPLAINED', 'SENDING', 'FAILED'] as const) {
      expect(decide(current(status, 1), legacy('SOFT_BOUNCED', 0))).toEqual({
        apply: false,
        reason: 'transition-not-allowed',
      });
    }
  });
});

describe('decideStatusReport for a claim with a lease (decision 0030)', () => {
  const LEASE_MS = 10_000;
  const leased = (holder: string, attempt = 1): StatusReport => ({
    ...claim(FIRST_COPY, attempt),
    holder,
    leaseMs: LEASE_MS,
  });
  const leaseOf = (holder: string, msFromNow: number): ClaimLease => ({
    holder,
    expiresAt: new Date(NOW.getTime() + msFromNow),
  });

  it('gives the first claim the lease, from now for its length', () => {
    expect(decide(current('QUEUED', 0), leased('worker-a'))).toEqual({
      apply: true,
      attempts: 1,
      claimedBy: FIRST_COPY,
      lease: leaseOf('worker-a', LEASE_MS),
    });
  });

  it('makes another worker given the same copy wait while the holder’s lease runs', () => {
    const held = current('SENDING', 1, FIRST_COPY, false, leaseOf('worker-a', 4_000));
    expect(decide(held, leased('worker-b'))).toEqual({
      apply: false,
      reason: 'leased-to-another-worker',
      leaseRemainingMs: 4_000,
    });
  });

  it('hands a lapsed lease to the worker claiming, as a repeat it sends on', () => {
    const lapsed = current('SENDING', 1, FIRST_COPY, false, leaseOf('worker-a', -1));
    expect(decide(lapsed, leased('worker-b'))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
      lease: leaseOf('worker-b', LEASE_MS),
    });
  });

  it('renews the holder’s own lease', () => {
    const held = current('SENDING', 1, FIRST_COPY, false, leaseOf('worker-a', 1_000));
    expect(decide(held, leased('worker-a'))).toEqual({
      apply: false,
      reason: 'transition-not-allowed',
      lease: leaseOf('worker-a', LEASE_MS),
    });
  });

  it('refuses the holder’s renewal arriving after its own outcome, so SENDING is not taken back', () => {
    const retrying = current('RETRYING', 1, FIRST_COPY, false, leaseOf('worker-a', 5_000));
    expect(decide(retrying, leased('worker-a'))).toEqual({ apply: false, reason: 'stale-attempt' });
    expect(decide(retrying, leased('worker-b', 2))).toEqual({
      apply: true,
      attempts: 2,
      claimedBy: FIRST_COPY,
      lease: leaseOf('worker-b', LEASE_MS),
    });
  });

  it('does not make a worker without leases wait, and another copy is refused as before', () => {
    const held = current('SENDING', 1, FIRST_COPY, false, leaseOf('worker-a', 4_000));
    expect(decide(held, claim(FIRST_COPY))).toEqual({ apply: false, reason: 'transition-not-allowed' });
    expect(decide(held, { ...leased('worker-b'), deliveryId: SECOND_COPY })).toEqual({
      apply: false,
      reason: 'claimed-by-another-delivery',
    });
  });
});
