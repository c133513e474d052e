import type { RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { currentCorrelationId } from '@herald/logging';
import type { PageMeta } from '@herald/paging';
import type { GatewayContext } from '../graphql/gateway-context';
import type { SendEdgeError } from '../http/edge-errors';
import { requestState } from '../http/request-state';
import { statusForCode } from '../http/status-for-code';
import { errorEnvelope, successEnvelope, type RestFailure } from './envelope';
import type { OperationResult } from './run-operation';

export function contextOf(res: Response): GatewayContext {
  const { correlationId, identity } = requestState(res);
  return { correlationId, identity };
}

export function answer<T>(
  res: Response,
  result: OperationResult<T>,
  onData: (data: T) => { status: number; message: string; data: unknown; meta?: PageMeta },
): void {
  if (!result.ok) {
    sendFailure(res, result);
    return;
  }
  const { status, message, data, meta } = onData(result.data);
  res.status(status).json(successEnvelope(data, message, meta));
}

/**
 * The one writer of REST error answers, for the routes and the edge alike. Counted already where
 * it arose (the edge sender, the GraphQL error formatter, the NotificationService caller); only the
 * HTTP mapping happens here.
 */
export function sendFailure(res: Response, failure: RestFailure): void {
  res
    .status(failure.status ?? statusForCode(failure.code))
    .json(errorEnvelope(failure, currentCorrelationId()));
}

/** Express's JSON parser skips other content types silently; the shim says so with 415 instead. */
export function requireJsonContent(send: SendEdgeError): RequestHandler {
  return (req, res, next) => {
    if (req.is('application/json')) {
      next();
      return;
    }
    send(req, res, {
      code: 'BAD_USER_INPUT',
      status: 415,
      message: 'the body must be JSON, sent with Content-Type: application/json',
    });
  };
}

/** zod reports unknown keys on the object holding them; each key is listed as a field of its own. */
export function fieldIssues(issue: z.core.$ZodIssue): { field: string; message: string }[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a known field' }));
  }
  return [{ field: path.join('.') || '(body)', message: issue.message }];
}
