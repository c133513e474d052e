import type { OutboxMessage } from '../store/outbox.repository';
import type { ScheduleRepository } from '../store/schedule.repository';
import type { Clock } from './ports';
import type { RelayPass } from './relay-outbox.use-case';

export type ReleaseScheduled = () => Promise<RelayPass>;

/** One scheduler pass: due notifications go to the outbox, and are published once committed. */
export function makeReleaseScheduled(deps: {
  schedule: ScheduleRepository;
  clock: Clock;
  batchSize: number;
  publishCommitted: (messages: readonly OutboxMessage[]) => void;
}): ReleaseScheduled {
  return async () => {
    const released = await deps.schedule.releaseDue(deps.clock.now(), deps.batchSize);
    if (released.length > 0) deps.publishCommitted(released);
    return { published: released.length, more: released.length === deps.batchSize };
  };
}
