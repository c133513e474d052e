import type { RequestHandler } from 'express';
import type { GatewayMetrics } from './gateway-metrics';

/** Labels by the matched route pattern (never the raw path, which carries ids). */
export function httpMetricsMiddleware(metrics: GatewayMetrics): RequestHandler {
  return (req, res, next) => {
    const startedAt = process.hrtime.bigint();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route =
        typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : routeOfUnmatched(req.originalUrl);
      const method = req.method;
      metrics.httpRequests.inc({ route, method, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route, method }, Number(process.hrtime.bigint() - startedAt) / 1e9);
    });
    next();
  };
}

/** /graphql is mounted with app.use, so it has no route pattern; any other unmatched path is lumped. */
function routeOfUnmatched(originalUrl: string): string {
  return originalUrl.split('?')[0] === '/graphql' ? '/graphql' : 'unmatched';
}
