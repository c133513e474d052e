import type { Clock, ScheduleRepository } from './ports';
import type { RelayPass } from './relay-outbox.use-case';

export type ReleaseScheduled = () => Promise<RelayPass>;

/** One scheduler pass: due notifications go to the outbox, and the relay is woken for them. */
export function makeReleaseScheduled(deps: {
  schedule: ScheduleRepository;
  clock: Clock;
  batchSize: number;
  onReleased: () => void;
}): ReleaseScheduled {
  return async () => {
    const released = await deps.schedule.releaseDue(deps.clock.now(), deps.batchSize);
    if (released > 0) deps.onReleased();
    return { published: released, more: released === deps.batchSize };
  };
}
