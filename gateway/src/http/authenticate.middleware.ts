import type { RequestHandler } from 'express';
import type { Authenticator } from '../auth/authenticate';
import type { SendEdgeError } from './edge-errors';
import { requestState } from './request-state';

/**
 * Establishes the caller's identity. No credential is anonymous (the subgraphs decide what that
 * may do); a presented credential that is not valid ends the request with 401.
 */
export function authenticateMiddleware(authenticate: Authenticator, send: SendEdgeError): RequestHandler {
  return async (req, res, next) => {
    const result = await authenticate(req.headers);
    if (result.kind === 'rejected') {
      send(req, res, { code: 'UNAUTHENTICATED', message: result.reason });
      return;
    }
    if (result.kind === 'authenticated') requestState(res).identity = result.identity;
    next();
  };
}
