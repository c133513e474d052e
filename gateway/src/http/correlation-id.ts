import type { RequestHandler } from 'express';
import { CORRELATION_HEADER } from '@herald/identity';
import { newCorrelationId, runWithContext } from '@herald/logging';
import { setRequestState } from './request-state';

// A client-chosen id lands in every log line downstream, so only plain tokens are taken.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-correlation-id when it is a plain token, else a fresh one. */
export function acceptCorrelationId(header: string | undefined): string {
  return header !== undefined && ACCEPTABLE_ID.test(header) ? header : newCorrelationId();
}

/** Echoes the correlation id in the response, and runs the rest of the request in its log context. */
export function correlationIdMiddleware(): RequestHandler {
  return (req, res, next) => {
    const correlationId = acceptCorrelationId(req.header(CORRELATION_HEADER));
    res.setHeader(CORRELATION_HEADER, correlationId);
    setRequestState(res, { correlationId });
    runWithContext({ correlation_id: correlationId }, next);
  };
}
