import { z } from 'zod';
import { ERROR_CODES } from '@herald/errors';
import {
  createUserBody,
  liftSuppressionData,
  listNotificationsQuery,
  listSuppressionsQuery,
  loginBody,
  loginData,
  notificationData,
  pageMetaSchema,
  replayFailedBody,
  replayResultData,
  restErrorDetailsSchema,
  sendNotificationBody,
  sendResultData,
  statusReportBody,
  statusReportData,
  suppressionData,
  userData,
} from './rest-schemas';

type JsonSchema = Record<string, unknown>;

/** Inputs are documented as clients write them (defaults optional), outputs as the gateway sends them. */
function inputSchema(schema: z.ZodType): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
}

function outputSchema(schema: z.ZodType): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
}

/** OpenAPI 3.1 schemas are JSON Schema 2020-12 already; the per-schema $schema is redundant. */
function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A success: `meta` is the page of a list, and a page of one (total 1) around a single object. */
function envelope(data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['success', 'data', 'error', 'message', 'meta'],
    properties: {
      success: { const: true },
      data,
      error: { type: 'null' },
      message: { type: 'string' },
      meta: ref('PaginationMeta'),
    },
  };
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('ErrorEnvelope') } },
});

const ERRORS = {
  '400': errorResponse('Invalid input; details.fields lists every bad field.'),
  '401': errorResponse('The credential is missing, invalid or expired.'),
  '403': errorResponse('The credential may not do this.'),
  '413': errorResponse('The body is larger than the limit.'),
  '415': errorResponse('The body is not JSON.'),
  '429': errorResponse('Rate limited; see Retry-After and RateLimit-* headers.'),
  '500': errorResponse('Unexpected fault; details.correlation_id finds it in the logs.'),
  '503': errorResponse('A dependency is down; retry later.'),
};

const ok = (description: string, schema: JsonSchema) => ({
  description,
  content: { 'application/json': { schema } },
});

const jsonBody = (name: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});

/** Query parameters from the zod object the route validates them with. */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** The OpenAPI 3.1 document of the REST shim, generated from the schemas it validates with. */
export function buildOpenApiDocument(): JsonSchema {
  const statusRoute = (channel: 'email' | 'push') => ({
    post: {
      operationId: `report${channel === 'email' ? 'Email' : 'Push'}Status`,
      summary: `A ${channel} provider reports a delivery status (scope notifications:status).`,
      tags: ['status callbacks'],
      security: [{ bearer: [] }, { apiKey: [] }],
      requestBody: jsonBody('StatusReportRequest'),
      responses: {
        '200': ok('The report was taken.', envelope(ref('StatusReportResult'))),
        '404': errorResponse('No such notification.'),
        '422': errorResponse('The report does not fit the notification.'),
        '501': errorResponse('Status callbacks are not available on this deployment.'),
        ...ERRORS,
      },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Herald REST API',
      version: '1.0.0',
      description:
        'The snake_case contract of the original task. Every response, success or error, is the ' +
        'envelope {success, data, error, message, meta}: error is the error code (a string) or ' +
        "null, meta is always a PaginationMeta (a list's page; total 1 around a single object, total 0 " +
        'on an error), and an error may add details {fields, correlation_id}. The same rules ' +
        'apply as on POST /graphql.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A JWT from /api/v1/auth/login or an API key.',
        },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      schemas: {
        SendNotificationRequest: inputSchema(sendNotificationBody),
        CreateUserRequest: inputSchema(createUserBody),
        LoginRequest: inputSchema(loginBody),
        StatusReportRequest: inputSchema(statusReportBody),
        ReplayFailedRequest: inputSchema(replayFailedBody),
        SendResult: outputSchema(sendResultData),
        NotificationStatus: outputSchema(notificationData),
        User: outputSchema(userData),
        Login: outputSchema(loginData),
        StatusReportResult: outputSchema(statusReportData),
        ReplayResult: outputSchema(replayResultData),
        EmailSuppression: outputSchema(suppressionData),
        LiftSuppressionResult: outputSchema(liftSuppressionData),
        PaginationMeta: outputSchema(pageMetaSchema),
        ErrorDetails: outputSchema(restErrorDetailsSchema),
        ErrorEnvelope: {
          type: 'object',
          required: ['success', 'data', 'error', 'message', 'meta'],
          properties: {
            success: { const: false },
            data: { type: 'null' },
            error: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'The error code.' },
            message: { type: 'string' },
            meta: ref('PaginationMeta'),
            details: ref('ErrorDetails'),
          },
        },
      },
    },
    security: [{}, { bearer: [] }, { apiKey: [] }],
    paths: {
      '/api/v1/notifications/': {
        post: {
          operationId: 'sendNotification',
          summary: 'Send a notification (idempotent by request_id).',
          tags: ['notifications'],
          requestBody: jsonBody('SendNotificationRequest'),
          responses: {
            '202': ok('Accepted.', envelope(ref('SendResult'))),
            '200': ok(
              'This request_id was already accepted; the original notification (duplicate: true).',
              envelope(ref('SendResult')),
            ),
            '409': errorResponse('The request_id was used with a different body.'),
            '422': errorResponse('Unknown template for that channel, or missing template variables.'),
            ...ERRORS,
          },
        },
        get: {
          operationId: 'listNotifications',
          summary: 'List notifications, newest first, one page at a time.',
          tags: ['notifications'],
          parameters: queryParameters(listNotificationsQuery),
          responses: {
            '200': ok(
              'A page of notifications, with PaginationMeta in meta.',
              envelope({ type: 'array', items: ref('NotificationStatus') }),
            ),
            ...ERRORS,
          },
        },
      },
      '/api/v1/notifications/replay': {
        post: {
          operationId: 'replayFailedNotifications',
          summary:
            'Admin: re-enqueue FAILED notifications by filter, oldest failure first, at most limit per call; ' +
            'concurrent calls never replay one twice. Call again until replayed is 0.',
          tags: ['notifications'],
          requestBody: jsonBody('ReplayFailedRequest'),
          responses: {
            '200': ok('How many were replayed, and which.', envelope(ref('ReplayResult'))),
            ...ERRORS,
          },
        },
      },
      '/api/v1/notifications/{id}/status': {
        get: {
          operationId: 'getNotificationStatus',
          summary: 'The status of one notification.',
          tags: ['notifications'],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': ok('The notification and its status.', envelope(ref('NotificationStatus'))),
            '404': errorResponse('No such notification, or not visible to the caller.'),
            ...ERRORS,
          },
        },
      },
      '/api/v1/users/': {
        post: {
          operationId: 'createUser',
          summary: 'Create a user (public).',
          tags: ['users'],
          requestBody: jsonBody('CreateUserRequest'),
          responses: {
            '201': ok('Created.', envelope(ref('User'))),
            '409': errorResponse('A user with this email exists.'),
            ...ERRORS,
          },
        },
      },
      '/api/v1/auth/login': {
        post: {
          operationId: 'login',
          summary: 'Exchange email and password for a bearer token (public).',
          tags: ['users'],
          requestBody: jsonBody('LoginRequest'),
          responses: { '200': ok('Signed in.', envelope(ref('Login'))), ...ERRORS },
        },
      },
      '/api/v1/suppressions': {
        get: {
          operationId: 'listEmailSuppressions',
          summary:
            'Admin (users:admin): the suppressed email addresses, newest first: why (a hard bounce, a ' +
            'complaint, repeated soft bounces), when, and the notification. Email to them is skipped.',
          tags: ['suppressions'],
          parameters: queryParameters(listSuppressionsQuery),
          responses: {
            '200': ok(
              'A page of suppressions, with PaginationMeta in meta.',
              envelope({ type: 'array', items: ref('EmailSuppression') }),
            ),
            ...ERRORS,
          },
        },
      },
      '/api/v1/suppressions/{user_id}': {
        delete: {
          operationId: 'liftEmailSuppression',
          summary: "Admin (users:admin): lift the user's suppressed addresses, so email is sent again.",
          tags: ['suppressions'],
          parameters: [
            { name: 'user_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': ok('Whether anything was lifted.', envelope(ref('LiftSuppressionResult'))),
            ...ERRORS,
          },
        },
      },
      '/api/v1/email/status/': statusRoute('email'),
      '/api/v1/push/status/': statusRoute('push'),
    },
  };
}
