import { UNSETTLED_STATUSES, type NotificationStatus, type UnsettledStatus } from '@herald/contracts';

/** The statuses that are not settled (docs/architecture.md, Statuses): each has a time bound. */
export const BOUNDED_STATUSES = UNSETTLED_STATUSES;
export type BoundedStatus = UnsettledStatus;

/** How long, in ms, a notification may stay in each status (SCHEDULED: past its due time). */
export type StatusBounds = Readonly<Record<BoundedStatus, number>>;

/** Why a notification was resolved by the sweeper, one per status it was found in (a metric label). */
export type SweepReason =
  'not-published' | 'not-released' | 'not-consumed' | 'outcome-unknown' | 'retry-lost';

export interface SweepResolution {
  /** Always FAILED: the only terminal status the lifecycle offers for "did not finish". */
  readonly status: Extract<NotificationStatus, 'FAILED'>;
  readonly reason: SweepReason;
  /** The event's detail, read by people on the timeline. */
  readonly detail: string;
  /**
   * The provider may have taken the message (SENDING): a late DELIVERED report still counts. In
   * every other status nothing was handed to a provider.
   */
  readonly outcomeUnknown: boolean;
}

/**
 * The resolution of a notification found past its bound. None sends anything again: an unknown
 * outcome is not a failure to send, and what was never sent is left for an admin to replay.
 */
export function resolutionOf(status: BoundedStatus, bounds: StatusBounds): SweepResolution {
  const within = formatDuration(bounds[status]);
  const resolve = (reason: SweepReason, detail: string): SweepResolution => ({
    status: 'FAILED',
    reason,
    detail,
    outcomeUnknown: reason === 'outcome-unknown',
  });
  switch (status) {
    case 'ACCEPTED':
      return resolve('not-published', `not published: not handed to the broker within ${within}`);
    case 'SCHEDULED':
      return resolve('not-released', `not released: still scheduled ${within} after its due time`);
    case 'QUEUED':
      return resolve('not-consumed', `not consumed: no worker took it within ${within}`);
    case 'SENDING':
      return resolve(
        'outcome-unknown',
        `outcome unknown: no report within ${within} of SENDING; the provider may have delivered it, so it is not sent again`,
      );
    case 'RETRYING':
      return resolve('retry-lost', `retry lost: no new attempt within ${within} of RETRYING`);
    default: {
      const unknown: never = status;
      throw new Error(`no bound for status ${String(unknown)}`);
    }
  }
}

/** For each bounded status, the time before which entering it (SCHEDULED: being due) is overdue at `now`. */
export function overdueBefore(bounds: StatusBounds, now: Date): { status: BoundedStatus; before: Date }[] {
  return BOUNDED_STATUSES.map((status) => ({ status, before: new Date(now.getTime() - bounds[status]) }));
}

/** 900000 → "15m", 5400000 → "90m", 1500 → "1500ms": the largest whole unit, as the config reads. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
