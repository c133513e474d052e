import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { PageMeta } from '@herald/paging';
import type { SendEdgeError } from '../http/edge-errors';
import { jsonDepthLimit } from '../http/json-depth';
import { requestState } from '../http/request-state';
import type { AuthenticatedCall, CallNotifications } from './call-notifications';
import {
  pageMetaOf,
  present,
  restNotification,
  restStatus,
  restSuppression,
  restUser,
  type SuppressionFields,
  type UserFields,
} from './rest-mappers';
import { answer, contextOf, fieldIssues, requireJsonContent } from './rest-responses';
import {
  createUserBody,
  listNotificationsQuery,
  listSuppressionsQuery,
  loginBody,
  notificationIdParams,
  replayFailedBody,
  sendNotificationBody,
  statusReportBody,
  userIdParams,
} from './rest-schemas';
import { OPERATIONS } from './rest-operations';
import type { RunOperation } from './run-operation';

export interface RestRouterOptions {
  /** The users and login routes: a GraphQL operation run in-process. */
  readonly run: RunOperation;
  /** The notification routes: one NotificationService call each. */
  readonly notifications: CallNotifications;
  readonly send: SendEdgeError;
  readonly bodyLimit: string;
}

/**
 * ARCHITECTURE §6: the original task's snake_case routes. The notification routes (the hot path)
 * call the notifications service over gRPC with the caller's identity; the colder users and
 * login routes run a GraphQL operation in-process. Either way the rules live in the services.
 */
export function createRestRouter(options: RestRouterOptions): Router {
  const { run, notifications, send } = options;
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

  /**
   * The notification routes need a caller; an anonymous one is answered 401 here, without a call
   * (so an UNAUTHENTICATED answer of the service can only mean a refused internal token).
   */
  function authenticated(req: Request, res: Response): AuthenticatedCall | undefined {
    const { correlationId, identity } = requestState(res);
    if (identity) return { correlationId, identity };
    send(req, res, { code: 'UNAUTHENTICATED', message: 'sign in or present an API key' });
    return undefined;
  }

  router.post('/notifications', ...jsonBody, async (req, res) => {
    const body = parse(sendNotificationBody, req.body, req, res);
    if (!body) return;
    const caller = authenticated(req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) =>
      client.Send(
        {
          channel: body.notification_type.toUpperCase(),
          user_id: body.user_id,
          template_code: body.template_code,
          variables_json: JSON.stringify(body.variables),
          request_id: body.request_id,
          priority: body.priority,
          metadata_json: body.metadata ? JSON.stringify(body.metadata) : '',
        },
        metadata,
      ),
    );
    answer(res, result, ({ duplicate, notification }) => {
      const { id, status, request_id } = present(notification, 'the notification');
      return {
        status: duplicate ? 200 : 202,
        message: duplicate ? 'this request_id was already accepted' : 'notification accepted',
        data: { notification_id: id, status: restStatus(status), request_id, duplicate },
      };
    });
  });

  router.post('/notifications/replay', ...jsonBody, async (req, res) => {
    const body = parse(replayFailedBody, req.body, req, res);
    if (!body) return;
    const caller = authenticated(req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) =>
      client.ReplayFailed(
        {
          channel: body.notification_type?.toUpperCase() ?? '',
          failed_from: body.failed_from ?? '',
          failed_to: body.failed_to ?? '',
          reason: body.reason ?? '',
          limit: body.limit,
        },
        metadata,
      ),
    );
    answer(res, result, ({ replayed, notification_ids }) => ({
      status: 200,
      message: `${replayed} failed notification(s) replayed`,
      data: { replayed, notification_ids },
    }));
  });

  router.get('/notifications/:id/status', async (req, res) => {
    const params = parse(notificationIdParams, req.params, req, res);
    if (!params) return;
    const caller = authenticated(req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) => client.Get({ id: params.id }, metadata));
    answer(res, result, (notification) => ({
      status: 200,
      message: 'notification status',
      data: restNotification(notification),
    }));
  });

  router.get('/notifications', async (req, res) => {
    const query = parse(listNotificationsQuery, req.query, req, res);
    if (!query) return;
    const caller = authenticated(req, res);
    if (!caller) return;
    const filter = {
      user_id: query.user_id ?? '',
      status: query.status?.toUpperCase() ?? '',
      channel: query.notification_type?.toUpperCase() ?? '',
    };
    const result = await notifications(caller, (client, metadata) =>
      client.List({ filter, page: query.page, limit: query.limit }, metadata),
    );
    answer(res, result, (page) => ({
      status: 200,
      message: 'notifications',
      data: page.items.map(restNotification),
      meta: pageMetaOf(present(page.meta, 'the page meta')),
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

  router.get('/suppressions', async (req, res) => {
    const query = parse(listSuppressionsQuery, req.query, req, res);
    if (!query) return;
    const result = await run<{ emailSuppressions: { items: SuppressionFields[]; meta: PageMeta } }>(
      OPERATIONS.emailSuppressions,
      { page: query.page, limit: query.limit },
      contextOf(res),
    );
    answer(res, result, ({ emailSuppressions }) => ({
      status: 200,
      message: 'suppressed email addresses',
      data: emailSuppressions.items.map(restSuppression),
      meta: emailSuppressions.meta,
    }));
  });

  router.delete('/suppressions/:user_id', async (req, res) => {
    const params = parse(userIdParams, req.params, req, res);
    if (!params) return;
    const result = await run<{ liftEmailSuppression: boolean }>(
      OPERATIONS.liftEmailSuppression,
      { userId: params.user_id },
      contextOf(res),
    );
    answer(res, result, ({ liftEmailSuppression: lifted }) => ({
      status: 200,
      message: lifted ? 'suppression lifted; email is sent to the address again' : 'nothing was suppressed',
      data: { user_id: params.user_id, lifted },
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
    const caller = authenticated(req, res);
    if (!caller) return;
    const result = await notifications(caller, (client, metadata) =>
      client.ReportStatus(
        {
          notification_id: body.notification_id,
          channel: channel.toUpperCase(),
          status: REPORTED_STATUS[body.status],
          detail: body.error ?? '',
          at: body.timestamp ?? '',
        },
        metadata,
      ),
    );
    answer(res, result, (report) => ({
      status: 200,
      message: report.applied ? 'status recorded' : 'status already superseded; not applied',
      data: {
        notification_id: report.notification_id,
        status: restStatus(report.status),
        applied: report.applied,
      },
    }));
  });

  return router;
}

/** The callback's statuses in the lifecycle of ARCHITECTURE §5. */
const REPORTED_STATUS = {
  delivered: 'DELIVERED',
  failed: 'FAILED',
  pending: 'SENDING',
  bounced: 'BOUNCED',
  complained: 'COMPLAINED',
} as const;
