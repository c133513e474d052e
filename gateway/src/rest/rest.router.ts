import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { PageMeta } from '@herald/paging';
import { SCOPES, hasScope } from '@herald/subgraph';
import type { SendEdgeError } from '../http/edge-errors';
import { jsonDepthLimit } from '../http/json-depth';
import { requestState } from '../http/request-state';
import {
  restNotification,
  restStatus,
  restUser,
  type NotificationFields,
  type UserFields,
} from './rest-mappers';
import { answer, contextOf, fieldIssues, requireJsonContent, sendGraphQLFailure } from './rest-responses';
import {
  createUserBody,
  listNotificationsQuery,
  loginBody,
  notificationIdParams,
  sendNotificationBody,
  statusReportBody,
} from './rest-schemas';
import { OPERATIONS } from './rest-operations';
import type { RunOperation } from './run-operation';

export interface RestRouterOptions {
  readonly run: RunOperation;
  readonly send: SendEdgeError;
  readonly bodyLimit: string;
  /** Whether the loaded supergraph has this mutation (the status callback depends on one). */
  readonly hasMutation: (name: string) => boolean;
}

/** ARCHITECTURE §6: the original task's snake_case routes, each one GraphQL operation run in-process. */
export function createRestRouter(options: RestRouterOptions): Router {
  const { run, send } = options;
  const router = Router({ strict: false });
  const json = express.json({ limit: options.bodyLimit });
  const jsonBody: RequestHandler[] = [requireJsonContent(send), json, jsonDepthLimit(send)];

  /** Validates at the edge, answering 400 with every bad field; undefined when it answered. */
  function parse<S extends z.ZodType>(schema: S, value: unknown, req: Request, res: Response) {
    const parsed = schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data as z.output<S>;
    // One issue per field: zod can report a wrong type and then a length check on the same value.
    const listed = new Set<string>();
    const issues = parsed.error.issues
      .flatMap(fieldIssues)
      .filter((issue) => !listed.has(issue.field) && Boolean(listed.add(issue.field)));
    send(req, res, { code: 'BAD_USER_INPUT', message: 'the request is invalid', issues });
    return undefined;
  }

  router.post('/notifications', ...jsonBody, async (req, res) => {
    const body = parse(sendNotificationBody, req.body, req, res);
    if (!body) return;
    const result = await run<{
      sendNotification: {
        duplicate: boolean;
        notification: { id: string; requestId: string; status: string };
      };
    }>(
      OPERATIONS.sendNotification,
      {
        input: {
          channel: body.notification_type.toUpperCase(),
          userId: body.user_id,
          templateCode: body.template_code,
          variables: body.variables,
          requestId: body.request_id,
          priority: body.priority,
          metadata: body.metadata ?? null,
        },
      },
      contextOf(res),
    );
    answer(res, result, ({ sendNotification: { duplicate, notification } }) => ({
      status: duplicate ? 200 : 202,
      message: duplicate ? 'this request_id was already accepted' : 'notification accepted',
      data: {
        notification_id: notification.id,
        status: restStatus(notification.status),
        request_id: notification.requestId,
        duplicate,
      },
    }));
  });

  router.get('/notifications/:id/status', async (req, res) => {
    const params = parse(notificationIdParams, req.params, req, res);
    if (!params) return;
    const result = await run<{ notification: NotificationFields | null }>(
      OPERATIONS.notificationStatus,
      { id: params.id },
      contextOf(res),
    );
    if (result.ok && result.data.notification === null) {
      sendGraphQLFailure(res, {
        ok: false,
        code: 'NOT_FOUND',
        message: `notification ${params.id} not found`,
      });
      return;
    }
    answer(res, result, ({ notification }) => ({
      status: 200,
      message: 'notification status',
      data: restNotification(notification as NotificationFields),
    }));
  });

  router.get('/notifications', async (req, res) => {
    const query = parse(listNotificationsQuery, req.query, req, res);
    if (!query) return;
    const filter = {
      ...(query.user_id ? { userId: query.user_id } : {}),
      ...(query.status ? { status: query.status.toUpperCase() } : {}),
      ...(query.notification_type ? { channel: query.notification_type.toUpperCase() } : {}),
    };
    const result = await run<{ notifications: { items: NotificationFields[]; meta: PageMeta } }>(
      OPERATIONS.listNotifications,
      { filter, page: query.page, limit: query.limit },
      contextOf(res),
    );
    answer(res, result, ({ notifications }) => ({
      status: 200,
      message: 'notifications',
      data: notifications.items.map(restNotification),
      meta: notifications.meta,
    }));
  });

  router.post('/users', ...jsonBody, async (req, res) => {
    const body = parse(createUserBody, req.body, req, res);
    if (!body) return;
    const result = await run<{ createUser: UserFields }>(
      OPERATIONS.createUser,
      {
        input: {
          name: body.name,
          email: body.email,
          password: body.password,
          ...(body.push_token ? { pushToken: body.push_token } : {}),
          ...(body.preferences ? { preferences: body.preferences } : {}),
        },
      },
      contextOf(res),
    );
    answer(res, result, ({ createUser }) => ({
      status: 201,
      message: 'user created',
      data: restUser(createUser),
    }));
  });

  router.post('/auth/login', ...jsonBody, async (req, res) => {
    const body = parse(loginBody, req.body, req, res);
    if (!body) return;
    const result = await run<{
      login: { token: string; expiresAt: string; user: { id: string; name: string; email: string } };
    }>(OPERATIONS.login, { email: body.email, password: body.password }, contextOf(res));
    answer(res, result, ({ login }) => ({
      status: 200,
      message: 'signed in',
      data: {
        token: login.token,
        expires_at: login.expiresAt,
        user: { user_id: login.user.id, name: login.user.name, email: login.user.email },
      },
    }));
  });

  router.post('/:channel/status', ...jsonBody, async (req, res) => {
    const channel = req.params.channel;
    if (channel !== 'email' && channel !== 'push') {
      send(req, res, { code: 'NOT_FOUND', message: 'not found' });
      return;
    }
    const body = parse(statusReportBody, req.body, req, res);
    if (!body) return;
    const { identity } = requestState(res);
    if (!identity) {
      send(req, res, { code: 'UNAUTHENTICATED', message: 'sign in or present an API key' });
      return;
    }
    if (!hasScope(identity, SCOPES.notificationsStatus)) {
      send(req, res, { code: 'FORBIDDEN', message: `needs the ${SCOPES.notificationsStatus} scope` });
      return;
    }
    if (!options.hasMutation('reportNotificationStatus')) {
      send(req, res, {
        code: 'UNAVAILABLE',
        status: 501,
        message:
          'status callbacks are not implemented: the notifications service has no reportNotificationStatus',
      });
      return;
    }
    const result = await run<{
      reportNotificationStatus: { notificationId: string; applied: boolean; status: string };
    }>(
      OPERATIONS.reportNotificationStatus,
      {
        input: {
          notificationId: body.notification_id,
          channel: channel.toUpperCase(),
          status: REPORTED_STATUS[body.status],
          detail: body.error ?? null,
          at: body.timestamp ?? null,
        },
      },
      contextOf(res),
    );
    answer(res, result, ({ reportNotificationStatus: report }) => ({
      status: 200,
      message: report.applied ? 'status recorded' : 'status already superseded; not applied',
      data: {
        notification_id: report.notificationId,
        status: restStatus(report.status),
        applied: report.applied,
      },
    }));
  });

  return router;
}

/** The original contract's three callback statuses in the lifecycle of ARCHITECTURE §5. */
const REPORTED_STATUS = { delivered: 'DELIVERED', failed: 'FAILED', pending: 'SENDING' } as const;
