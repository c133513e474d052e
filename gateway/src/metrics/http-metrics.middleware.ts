import type { Request, RequestHandler } from 'express';
import { timeHttpRequests, type MetricsRegistry } from '@herald/observability';

/** The shared HTTP latency histogram, labelled by the matched route pattern (never the raw path, which carries ids). */
export function httpMetricsMiddleware(registry: MetricsRegistry): RequestHandler {
  const time = timeHttpRequests(registry, routeOf);
  return (req, res, next) => {
    time(req, res);
    next();
  };
}

function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : routeOfUnmatched(req.originalUrl);
}

/** /graphql is mounted with app.use, so it has no route pattern; any other unmatched path is lumped. */
function routeOfUnmatched(originalUrl: string): string {
  return originalUrl.split('?')[0] === '/graphql' ? '/graphql' : 'unmatched';
}
