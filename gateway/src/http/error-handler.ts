import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isHeraldError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import type { SendEdgeError } from './edge-errors';

/** Unknown paths answer JSON rather than Express's HTML page. */
export function notFoundHandler(send: SendEdgeError): RequestHandler {
  return (req, res) => send(req, res, { code: 'NOT_FOUND', message: 'not found' });
}

/**
 * Body-parser failures are the client's (413 too large, 400 malformed JSON, 415 …) and keep their
 * status; HeraldErrors (users unavailable while verifying a credential) keep their code; anything
 * else is logged once here and masked.
 */
export function errorHandler(send: SendEdgeError, log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const clientError = asClientError(error);
    if (clientError?.status === 413) {
      send(req, res, { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is larger than the limit' });
    } else if (clientError) {
      send(req, res, { code: 'BAD_USER_INPUT', message: clientError.message, status: clientError.status });
    } else if (isHeraldError(error) && error.code !== 'INTERNAL') {
      if (error.code === 'UNAVAILABLE') log.warn({ err: error }, error.message);
      send(req, res, { code: error.code, message: error.message });
    } else {
      log.error({ err: error }, 'unhandled HTTP error');
      send(req, res, { code: 'INTERNAL', message: 'internal error' });
    }
  };
}

/** http-errors style errors (body-parser's) mark what is safe to show with `expose`. */
function asClientError(error: unknown): { status: number; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return undefined;
  return { status, message: error.message };
}
