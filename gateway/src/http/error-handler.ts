import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '@herald/logging';
import { sendGraphQLError } from './send-graphql-error';

/** Unknown paths answer JSON rather than Express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
  };
}

/**
 * Body-parser failures are the client's (413 too large, 400 malformed JSON, 415 …) and keep their
 * status; anything else is logged once here and masked.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const clientError = asClientError(error);
    if (clientError?.status === 413) {
      sendGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE', 'the request body is larger than the limit');
    } else if (clientError) {
      sendGraphQLError(res, clientError.status, 'BAD_USER_INPUT', clientError.message);
    } else {
      log.error({ err: error }, 'unhandled HTTP error');
      sendGraphQLError(res, 500, 'INTERNAL', 'internal error');
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
