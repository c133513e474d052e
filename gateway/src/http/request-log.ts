import type { RequestHandler } from 'express';
import type { Logger } from '@herald/logging';
import { requestState } from './request-state';

/**
 * One info line per request once its response is done, carrying the request's correlation id,
 * so an operator can follow a caller's id from the edge into every service.
 */
export function requestLogMiddleware(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      log.info(
        {
          correlation_id: requestState(res).correlationId,
          method: req.method,
          path: loggedPath(req.originalUrl),
          status: res.statusCode,
          duration_ms: Math.round(performance.now() - started),
        },
        'request handled',
      );
    });
    next();
  };
}

/**
 * The path without its query, and without an unsubscribe token: the token is a credential (it
 * unsubscribes its user), so it stays out of the logs.
 */
function loggedPath(originalUrl: string): string {
  return (originalUrl.split('?')[0] ?? '').replace(/^\/unsubscribe\/[^/]+/, '/unsubscribe/:token');
}
