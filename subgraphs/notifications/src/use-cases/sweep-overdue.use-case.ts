import type { Logger } from '@herald/logging';
import {
  overdueBefore,
  resolutionOf,
  type BoundedStatus,
  type StatusBounds,
  type SweepReason,
} from '../domain/status-bounds';
import type { Clock, StatusFeed, SweepRepository } from './ports';
import type { RelayPass } from './relay-outbox.use-case';

export type SweepOverdue = () => Promise<RelayPass>;

/**
 * One sweeper pass (docs/architecture.md, Statuses; decision 0019): notifications past their
 * status's time bound are resolved FAILED with the reason in the event's detail, published like
 * any change, counted and logged. Nothing is sent again: a notification left SENDING may have been
 * delivered, and one never sent is left for an admin to replay.
 */
export function makeSweepOverdue(deps: {
  sweep: SweepRepository;
  bounds: StatusBounds;
  clock: Clock;
  batchSize: number;
  statusFeed: StatusFeed;
  /** Counts one resolution (a metric). */
  onSwept: (status: BoundedStatus, reason: SweepReason) => void;
  log: Logger;
}): SweepOverdue {
  return async () => {
    const now = deps.clock.now();
    const overdue = overdueBefore(deps.bounds, now).map((bound) => ({
      ...bound,
      resolution: resolutionOf(bound.status, deps.bounds),
    }));
    const swept = await deps.sweep.resolveOverdue(overdue, now, deps.batchSize);
    for (const { from, resolution, correlationId, event } of swept) {
      deps.onSwept(from, resolution.reason);
      deps.log.warn(
        {
          ...(correlationId ? { correlation_id: correlationId } : {}),
          notification_id: event.notificationId,
          swept_from: from,
          reason: resolution.reason,
        },
        'notification resolved past its status bound',
      );
    }
    await deps.statusFeed.publish(swept.map(({ event }) => event));
    return { published: swept.length, more: swept.length === deps.batchSize };
  };
}
