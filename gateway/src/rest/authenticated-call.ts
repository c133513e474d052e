import type { Request, Response } from 'express';
import { anonymousCallerError, type Identity } from '@herald/identity';
import type { SendEdgeError } from '../http/edge-errors';
import { requestState } from '../http/request-state';

/** The caller of a REST request, authenticated: the shim refuses anonymous callers before calling. */
export interface AuthenticatedCall {
  readonly correlationId: string;
  readonly identity: Identity;
}

/**
 * The notification routes need a caller; an anonymous one is answered 401 here, without a call
 * (so an UNAUTHENTICATED answer of the service can only mean a refused internal token).
 * Undefined when it answered.
 */
export function authenticatedCall(
  send: SendEdgeError,
  req: Request,
  res: Response,
): AuthenticatedCall | undefined {
  const { correlationId, identity } = requestState(res);
  if (identity) return { correlationId, identity };
  const { code, message } = anonymousCallerError();
  send(req, res, { code, message });
  return undefined;
}
