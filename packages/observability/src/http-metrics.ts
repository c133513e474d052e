import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsRegistry } from './metrics-registry';
import { histogramIn } from './registered-metric';

/** From a millisecond health probe to a slow GraphQL batch. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Starts timing a request; the sample is taken when its response is done or abandoned. */
export type HttpRequestTimer<R extends IncomingMessage> = (req: R, res: ServerResponse) => void;

/**
 * `herald_http_request_duration_seconds{method,route,status}` for every HTTP server. `routeOf`
 * runs when the response is done (a framework has matched its route by then) and must return a
 * pattern, never a raw path, so ids in URLs do not make a series each.
 */
export function timeHttpRequests<R extends IncomingMessage>(
  registry: MetricsRegistry,
  routeOf: (req: R) => string,
): HttpRequestTimer<R> {
  const duration = histogramIn(registry, {
    name: 'herald_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
  });
  return (req, res) => {
    const stop = duration.startTimer();
    res.once('close', () =>
      stop({ method: req.method ?? 'UNKNOWN', route: routeOf(req), status: String(res.statusCode) }),
    );
  };
}

/** Routes for a server with a fixed set of paths: the path itself, or `unmatched`. */
export function fixedRoutes(paths: readonly string[]): (req: IncomingMessage) => string {
  const known = new Set(paths);
  return (req) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    return known.has(path) ? path : 'unmatched';
  };
}
