import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import { restEnvelopeSchema } from '@herald/testkit';
import { readSystemState } from '../system-state';

/** What every attack file shares: the running system, HTTP helpers with a deadline, and the shapes every answer must have. */

export const state = readSystemState();
export const admin = { authorization: `Bearer ${state.adminApiKey}` } as const;

/** A request that takes longer than this is a hang, and the case fails. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Fixed by default so CI runs are reproducible; set HERALD_FUZZ_SEED to explore other inputs. */
export const FUZZ_SEED = Number(process.env.HERALD_FUZZ_SEED ?? 20_261_125);

/** A GraphQL answer: data, or errors that each carry a code a client can branch on. */
export const graphQLAnswer = z
  .object({
    data: z.record(z.string(), z.unknown()).nullable().optional(),
    errors: z
      .array(
        z.object({
          message: z.string().min(1),
          extensions: z.looseObject({ code: z.string().regex(/^[A-Z_]+$/) }),
        }),
      )
      .min(1)
      .optional(),
  })
  .refine((answer) => answer.data != null || answer.errors !== undefined, 'data or errors');

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly body: unknown;
}

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent verbatim (malformed bodies), with the content type in headers. */
  readonly raw?: string;
}

/** Any request to the gateway, failing (not hanging) past REQUEST_TIMEOUT_MS. */
export async function request(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpAnswer> {
  const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  const response = await fetch(`${state.gatewayUrl}${path}`, {
    method,
    headers: {
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: parseJson(text) };
}

/** A GraphQL POST to the gateway. */
export function graphql(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = admin,
): Promise<HttpAnswer> {
  return request('POST', '/graphql', { json: { query, variables }, headers });
}

/** The data of an answer that must have succeeded. */
export function dataFrom<T>(answer: HttpAnswer): T {
  const body = answer.body as { data?: T; errors?: unknown };
  if (answer.status >= 400 || body?.errors || !body?.data) {
    throw new Error(`expected data, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  return body.data;
}

/** The codes of a GraphQL answer's errors (empty when it succeeded). */
export function errorCodes(answer: HttpAnswer): string[] {
  const errors = (answer.body as { errors?: { extensions?: { code?: string } }[] } | undefined)?.errors;
  return (errors ?? []).map((error) => error.extensions?.code ?? '(none)');
}

/**
 * Throws, quoting the answer, when it is a 5xx, when its body is not `schema` (`unparsed` says
 * what it should have been), or when `problemOf` finds something wrong with the parsed body.
 */
function expectAnswer<T>(
  answer: HttpAnswer,
  schema: z.ZodType<T>,
  unparsed: string,
  problemOf: (parsed: T) => string | undefined,
): void {
  const parsed = schema.safeParse(answer.body);
  const problem = answer.status >= 500 ? 'a 5xx' : !parsed.success ? unparsed : problemOf(parsed.data);
  if (problem) throw new Error(`${problem} (${answer.status}): ${answer.text.slice(0, 500)}`);
}

/** No 5xx, a valid envelope, and success exactly on 2xx; the failure quotes the answer. */
export function expectRestEnvelope(answer: HttpAnswer): void {
  expectAnswer(answer, restEnvelopeSchema, 'not an envelope', (envelope) =>
    envelope.success !== answer.status < 400 ? 'success does not match the status' : undefined,
  );
}

/** No 5xx and a GraphQL answer whose errors carry codes, never a masked internal error; the failure quotes the answer. */
export function expectGraphQLAnswer(answer: HttpAnswer): void {
  expectAnswer(answer, graphQLAnswer, 'not a GraphQL answer', (body) =>
    body.errors?.some((error) => INTERNAL_CODES.has(error.extensions.code)) ? 'an internal error' : undefined,
  );
}

const INTERNAL_CODES = new Set(['INTERNAL', 'INTERNAL_SERVER_ERROR']);

/** Every service still answers /health: nothing the attack did crashed a process. */
export async function expectAllServicesAlive(): Promise<void> {
  const names = ['gateway', 'users', 'templates', 'notifications', 'email', 'push'];
  for (const name of names) {
    const response = await fetch(`http://127.0.0.1:${state.ports[name]}/health`, {
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    expect({ name, status: response.status }).toEqual({ name, status: 200 });
  }
}

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
  readonly bearer: { readonly authorization: string };
}

/** A new user and its JWT. Sign-up and login go with the admin key, so they never meet the per-IP rate limit. */
export async function createUserWithToken(label: string): Promise<TestUser> {
  const email = `${label}.${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const created = dataFrom<{ createUser: { id: string } }>(
    await graphql(
      `
        mutation ($input: CreateUserInput!) {
          createUser(input: $input) {
            id
          }
        }
      `,
      {
        input: { name: label, email, password },
      },
    ),
  );
  const token = dataFrom<{ login: { token: string } }>(
    await graphql(
      `
        mutation ($email: String!, $password: String!) {
          login(email: $email, password: $password) {
            token
          }
        }
      `,
      { email, password },
    ),
  ).login.token;
  return { id: created.createUser.id, email, password, token, bearer: { authorization: `Bearer ${token}` } };
}

/** An API key with exactly these scopes, made by the admin. */
export async function createApiKey(name: string, scopes: readonly string[]): Promise<string> {
  return dataFrom<{ createApiKey: { secret: string } }>(
    await graphql(
      `
        mutation ($name: String!, $scopes: [String!]!) {
          createApiKey(name: $name, scopes: $scopes) {
            secret
          }
        }
      `,
      {
        name: `${name}-${randomUUID().slice(0, 8)}`,
        scopes,
      },
    ),
  ).createApiKey.secret;
}

export const SEND_NOTIFICATION = `mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { duplicate notification { id } } }`;

/** Sends an EMAIL notification as `headers` (the admin by default): a fresh request id, then `overrides`. */
export function sendEmail(
  userId: string,
  templateCode: string,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = admin,
): Promise<HttpAnswer> {
  const input = {
    channel: 'EMAIL',
    userId,
    templateCode,
    variables: { name: 'Ada' },
    requestId: randomUUID(),
    ...overrides,
  };
  return graphql(SEND_NOTIFICATION, { input }, headers);
}

/** The id of the notification a successful sendEmail answered with. */
export const sentId = (answer: HttpAnswer): string =>
  dataFrom<{ sendNotification: { notification: { id: string } } }>(answer).sendNotification.notification.id;

/** An EMAIL template; its code is returned. */
export async function createEmailTemplate(input: Record<string, unknown>): Promise<string> {
  const code = `atk-${randomUUID().slice(0, 12)}`;
  dataFrom(
    await graphql(
      `
        mutation ($input: CreateTemplateInput!) {
          createTemplate(input: $input) {
            code
          }
        }
      `,
      {
        input: { code, channel: 'EMAIL', ...input },
      },
    ),
  );
  return code;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Checks `numRuns` generated values one after another (bounded load on a shared machine), with
 * the fixed seed. No shrinking: the reported seed and path replay the failing case.
 */
export async function fuzz<T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  check: (value: T) => Promise<void>,
): Promise<void> {
  await fc.assert(fc.asyncProperty(arbitrary, check), { numRuns, seed: FUZZ_SEED, endOnFailure: true });
}
