import type { Server } from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import { rpcNameOf } from './rpc-name';

/** The status of the server as a whole: what a probe asks for with no service name. */
const WHOLE_SERVER = '';

type WatchCall = { end(): void; on(event: 'cancelled', listener: () => void): unknown };

/** The grpc.health.v1 statuses of one server: its own ("") and each Herald service it serves. */
export interface HealthStatuses {
  /** Reports a service, with the status the server has (NOT_SERVING until serve()). */
  add(serviceName: string): void;
  serve(): void;
  /** NOT_SERVING for every name; open Watch streams hear it at once. */
  drain(): void;
  /** Ends the open Watch streams, which would otherwise hold a graceful shutdown until it is forced. */
  endWatches(): void;
}

/** Serves grpc.health.v1.Health (Check, Watch, List) from the official grpc-health-check package. */
export function serveHealth(server: Server): HealthStatuses {
  const health = new HealthImplementation({ [WHOLE_SERVER]: 'NOT_SERVING' });
  const names = new Set([WHOLE_SERVER]);
  const watches = new Set<WatchCall>();
  health.addToServer({
    addService: (definition, implementation) => {
      const watch = implementation.watch as (call: WatchCall) => void;
      server.addService(definition, {
        ...implementation,
        watch: (call: WatchCall) => {
          watches.add(call);
          call.on('cancelled', () => watches.delete(call));
          watch(call);
        },
      });
    },
  });
  let current: ServingStatus = 'NOT_SERVING';
  // Watch streams hear changes only: draining twice (stop, then close) sends NOT_SERVING once.
  const setAll = (status: ServingStatus) => {
    if (status === current) return;
    current = status;
    for (const name of names) health.setStatus(name, status);
  };
  return {
    add: (serviceName) => {
      names.add(serviceName);
      health.setStatus(serviceName, current);
    },
    serve: () => setAll('SERVING'),
    drain: () => setAll('NOT_SERVING'),
    endWatches: () => {
      for (const call of watches) call.end();
      watches.clear();
    },
  };
}

/** "herald.v1.UserService": the name a service's health is asked for by. */
export function serviceNameOf(definition: Readonly<Record<string, unknown>>): string {
  const [method] = Object.keys(definition);
  return rpcNameOf(method ? definition[method] : undefined, '').attributes['rpc.service'] ?? '';
}
