import type { RequestHandler } from 'express';
import type { Authenticator } from '../auth/authenticate';
import { sendGraphQLError } from './send-graphql-error';
import { requestState } from './request-state';

/** Establishes the caller's identity; a presented credential that is not valid ends the request with 401. */
export function authenticateMiddleware(authenticate: Authenticator): RequestHandler {
  return (req, res, next) => {
    const result = authenticate(req.headers);
    if (result.kind === 'rejected') {
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', result.reason);
      return;
    }
    if (result.kind === 'authenticated') requestState(res).identity = result.identity;
    next();
  };
}
