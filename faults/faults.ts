import { SERVICE_NAMES, type ServiceName } from '@herald/testkit';
import { WORKER_PREFETCH, type FaultHarness } from './harness';

/** One injected failure: how to cause it, how long it lasts, and how to end it. */
export interface Fault {
  readonly name: string;
  /** How long the fault is held before restore; 0 restores as soon as it is injected. */
  readonly holdMs: number;
  /**
   * How many second copies the fault may cause without a fault of Herald's: it can strike after a
   * provider accepted a message and before its answer reached Herald (SMTP and FCM have no
   * idempotency key), so those messages are sent again. Bounded by the sends in flight.
   */
  readonly answerWindow: number;
  inject(harness: FaultHarness): Promise<void> | void;
  /** Ends the fault; resolves when the system's side of it is back (a restarted service is healthy). */
  restore(harness: FaultHarness): Promise<void> | void;
}

/** SIGKILL: no shutdown hook runs, as in an OOM kill or a lost machine. */
export function killService(service: ServiceName): Fault {
  return {
    name: `SIGKILL ${service}`,
    holdMs: 0,
    answerWindow: service === 'email' || service === 'push' ? WORKER_PREFETCH : 0,
    inject: (harness) => harness.system.kill(service, 'SIGKILL'),
    restore: (harness) => harness.system.restart(service),
  };
}

/** Every open connection through the proxy is dropped and new ones are refused. */
export function cutDependency(
  label: string,
  dependency: keyof FaultHarness['proxies'],
  holdMs: number,
): Fault {
  return {
    name: `${label} cut ${holdMs / 1000} s`,
    holdMs,
    // Cutting the SMTP connections can drop a 250 on its way back to the worker.
    answerWindow: dependency === 'smtp' ? WORKER_PREFETCH : 0,
    inject: (harness) => harness.proxies[dependency].cut(),
    restore: (harness) => harness.proxies[dependency].restore(),
  };
}

/** FCM answers every send with 503 UNAVAILABLE, as Google does when overloaded. */
export function fcmUnavailable(holdMs: number): Fault {
  return {
    name: `FCM 503 for ${holdMs / 1000} s`,
    holdMs,
    answerWindow: 0,
    inject: (harness) =>
      harness.fcm.answerWith(() => ({
        status: 503,
        body: {
          error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
        },
      })),
    restore: (harness) => harness.fcm.answerWith(undefined),
  };
}

/** The faults of issue 11, in the order the suite runs them. */
export const FAULTS: readonly Fault[] = [
  ...SERVICE_NAMES.map(killService),
  cutDependency('RabbitMQ', 'amqp', 15_000),
  cutDependency('PostgreSQL', 'postgres', 10_000),
  cutDependency('Redis', 'redis', 10_000),
  cutDependency('SMTP sink', 'smtp', 20_000),
  fcmUnavailable(20_000),
];
