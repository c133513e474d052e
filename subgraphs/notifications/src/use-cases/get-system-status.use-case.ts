import type { QueueReading } from '@herald/amqp';
import { ForbiddenError } from '@herald/errors';
import type { ReadinessReport } from '@herald/lifecycle';
import { isAdmin, requireIdentity, type Caller } from '@herald/identity';
import { summarizeServices, type SystemStatus } from '../domain/system-status';
import type { Clock } from './ports';

/** A service of the system and how to ask it for its /ready report (bounded, never rejecting). */
export interface ServiceReadiness {
  readonly name: string;
  readonly read: () => Promise<ReadinessReport>;
}

export interface GetSystemStatusDeps {
  readonly services: readonly ServiceReadiness[];
  /** The topology's queues the broker answered for, bounded; none while it is away. */
  readonly readQueues: () => Promise<readonly QueueReading[]>;
  readonly clock: Clock;
}

export type GetSystemStatus = (caller: Caller) => Promise<SystemStatus>;

/** Every service's readiness and the queues, read at once: the answer takes as long as the slowest bound. */
export function makeGetSystemStatus({ services, readQueues, clock }: GetSystemStatusDeps): GetSystemStatus {
  return async (caller) => {
    if (!isAdmin(requireIdentity(caller))) throw new ForbiddenError('the system status needs an admin');
    const [reports, queues] = await Promise.all([
      Promise.all(services.map(async ({ name, read }) => ({ name, report: await read() }))),
      readQueues(),
    ]);
    return {
      ...summarizeServices(reports),
      queues: queues.map(({ queue, messages, consumers }) => ({ name: queue, messages, consumers })),
      checkedAt: clock.now(),
    };
  };
}
