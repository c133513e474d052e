import express, { Router } from 'express';
import type { SendEdgeError } from '../http/edge-errors';
import { jsonDepthLimit } from '../http/json-depth';
import type { CallNotifications } from './call-notifications';
import { requireJsonContent } from './rest-responses';
import type { RunOperation } from './run-operation';
import { mountCreateUser } from './routes/create-user.route';
import { mountGetNotificationStatus } from './routes/get-notification-status.route';
import { mountLiftSuppression } from './routes/lift-suppression.route';
import { mountListNotifications } from './routes/list-notifications.route';
import { mountListSuppressions } from './routes/list-suppressions.route';
import { mountLogin } from './routes/login.route';
import { mountReplayFailed } from './routes/replay-failed.route';
import { mountReportStatus } from './routes/report-status.route';
import type { MountRestRoute } from './routes/rest-route';
import { mountSendNotification } from './routes/send-notification.route';

export interface RestRouterOptions {
  /** The users and login routes: a GraphQL operation run in-process. */
  readonly run: RunOperation;
  /** The notification routes: one NotificationService call each. */
  readonly notifications: CallNotifications;
  readonly send: SendEdgeError;
  readonly bodyLimit: string;
}

/** Matched in this order; `/:channel/status`, whose first segment is any word, comes last. */
const ROUTES: readonly MountRestRoute[] = [
  mountSendNotification,
  mountReplayFailed,
  mountGetNotificationStatus,
  mountListNotifications,
  mountCreateUser,
  mountLogin,
  mountListSuppressions,
  mountLiftSuppression,
  mountReportStatus,
];

/**
 * docs/architecture.md, The public API: the original task's snake_case routes, one file each in routes/. The
 * notification routes (the hot path) call the notifications service over gRPC with the caller's
 * identity; the colder users and login routes run a GraphQL operation in-process. Either way the
 * rules live in the services.
 */
export function createRestRouter(options: RestRouterOptions): Router {
  const { run, notifications, send } = options;
  const router = Router({ strict: false });
  const jsonBody = [
    requireJsonContent(send),
    express.json({ limit: options.bodyLimit }),
    jsonDepthLimit(send),
  ];
  for (const mount of ROUTES) mount(router, { run, notifications, send, jsonBody });
  return router;
}
