import type { RequestHandler, Router } from 'express';
import type { SendEdgeError } from '../../http/edge-errors';
import type { CallNotifications } from '../call-notifications';
import type { RunOperation } from '../run-operation';

/** What every REST route is given by the router that mounts it. */
export interface RestRouteDeps {
  /** The users, login and suppression routes: a GraphQL operation run in-process. */
  readonly run: RunOperation;
  /** The notification routes: one NotificationService call each. */
  readonly notifications: CallNotifications;
  readonly send: SendEdgeError;
  /** A route with a JSON body: its content type, size and nesting depth, refused before it runs. */
  readonly jsonBody: readonly RequestHandler[];
}

/** Adds one route (a method and a path) to the REST router. */
export type MountRestRoute = (router: Router, deps: RestRouteDeps) => void;
