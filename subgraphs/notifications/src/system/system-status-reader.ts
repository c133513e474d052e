import type { QueueInspector, QueueReading } from '@herald/amqp';
import { readReadiness, withTimeout } from '@herald/lifecycle';
import type { GetSystemStatusDeps, ServiceReadiness } from '../use-cases/get-system-status.use-case';

/**
 * The I/O behind systemStatus: each peer's /ready over HTTP and the queue depths from the
 * broker, each bounded by `timeoutMs` so one dead peer shows as not ready instead of hanging.
 * This service's own readiness (`self`) is read in-process and listed after its peers.
 */
export function createSystemStatusReader(options: {
  readonly self: ServiceReadiness;
  readonly peers: readonly { readonly name: string; readonly url: string }[];
  readonly queues: QueueInspector;
  readonly timeoutMs: number;
}): Omit<GetSystemStatusDeps, 'clock'> {
  return {
    services: [
      ...options.peers.map(({ name, url }) => ({
        name,
        read: () => readReadiness(name, url, options.timeoutMs),
      })),
      options.self,
    ],
    readQueues: (): Promise<readonly QueueReading[]> =>
      withTimeout(options.queues.readAll(), options.timeoutMs).catch(() => []),
  };
}
