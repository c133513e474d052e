import {
  status,
  type Metadata,
  type ServiceError,
  type handleUnaryCall,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { histogramIn, type MetricsRegistry } from '@herald/observability';

/** Internal calls take milliseconds; the top buckets catch calls that ran into their deadline. */
const GRPC_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type ClientCallback = (error: ServiceError | null, response: unknown) => void;
/** A bound unary method of a grpc-js client. */
export type UnaryCall = (
  request: unknown,
  metadata: Metadata,
  options: { deadline: Date },
  callback: ClientCallback,
) => void;
type ServerHandler = handleUnaryCall<unknown, unknown>;

/** "OK", "NOT_FOUND", "UNAVAILABLE"…: the status names every gRPC dashboard uses. */
export function codeName(code: number | undefined): string {
  return code === undefined ? 'UNKNOWN' : (status[code] ?? String(code));
}

function handlingHistogram(registry: MetricsRegistry, side: 'server' | 'client') {
  return histogramIn(registry, {
    name: `herald_grpc_${side}_handling_seconds`,
    help:
      side === 'server'
        ? 'gRPC calls served, from arrival to response, by method and status code.'
        : 'gRPC calls made, from start to response, by method and status code (deadline and transport failures included).',
    labelNames: ['method', 'code'] as const,
    buckets: GRPC_BUCKETS,
  });
}

/**
 * Starts timing one call, or one request of a stream; the function it returns records the
 * outcome by status name. Records nothing without a registry.
 */
export function callTimer(
  registry: MetricsRegistry | undefined,
  side: 'server' | 'client',
  method: string,
): () => (code: string) => void {
  if (!registry) return () => () => undefined;
  const histogram = handlingHistogram(registry, side);
  return () => {
    const stop = histogram.startTimer({ method });
    return (code) => void stop({ code });
  };
}

/** `herald_grpc_server_handling_seconds{method,code}` around a unary handler; unchanged without a registry. */
export function timeServerCalls(
  registry: MetricsRegistry | undefined,
  method: string,
  handler: ServerHandler,
): ServerHandler {
  if (!registry) return handler;
  const start = callTimer(registry, 'server', method);
  return (call, callback) => {
    const stop = start();
    const timed: sendUnaryData<unknown> = (error, value, trailer, flags) => {
      stop(error ? codeName(error.code) : 'OK');
      callback(error, value, trailer, flags);
    };
    handler(call, timed);
  };
}

/** `herald_grpc_client_handling_seconds{method,code}` around a client's unary method; unchanged without a registry. */
export function timeClientCalls(
  registry: MetricsRegistry | undefined,
  method: string,
  call: UnaryCall,
): UnaryCall {
  if (!registry) return call;
  const start = callTimer(registry, 'client', method);
  return (request, metadata, options, callback) => {
    const stop = start();
    call(request, metadata, options, (error, response) => {
      stop(error ? codeName(error.code) : 'OK');
      callback(error, response);
    });
  };
}
