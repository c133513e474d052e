import { performance } from 'node:perf_hooks';
import type { ScenarioTracker } from './deliveries';
import type { JsonClient, JsonResponse } from './json-client';
import { variablesFor, type Seed } from './seed';

export type Channel = 'email' | 'push';

/** One notification for user `index mod users`, with a request id unique to the run. */
export interface Send {
  readonly index: number;
  readonly channel: Channel;
  readonly priority: number;
  readonly requestId: string;
}

export function planSend(
  seed: Seed,
  scenario: string,
  index: number,
  channel: Channel = 'email',
  priority = 5,
): Send {
  return { index, channel, priority, requestId: `${seed.runId}-${scenario}-${index}` };
}

function userOf(seed: Seed, index: number): string {
  return seed.userIds[index % seed.userIds.length]!;
}

function templateOf(seed: Seed, channel: Channel): string {
  return channel === 'email' ? seed.emailTemplate : seed.pushTemplate;
}

/** The REST shim's POST /api/v1/notifications: 202 with the new notification's id. */
export async function sendRest(
  client: JsonClient,
  seed: Seed,
  tracker: ScenarioTracker,
  send: Send,
  since: number,
): Promise<void> {
  const body = JSON.stringify({
    notification_type: send.channel,
    user_id: userOf(seed, send.index),
    template_code: templateOf(seed, send.channel),
    variables: variablesFor(send.index),
    request_id: send.requestId,
    priority: send.priority,
  });
  const response = await client.post('/api/v1/notifications', body).catch(failureOf);
  const id = (response.body as { data?: { notification_id?: string } } | null)?.data?.notification_id;
  const ok = response.status === 202 && id !== undefined;
  tracker.answered(performance.now() - since, ok ? undefined : restFailure(response));
  if (ok) tracker.accepted(id);
}

const SEND_ONE = `mutation ($input: SendNotificationInput!) {
  sendNotification(input: $input) { duplicate notification { id } }
}`;
const SEND_MANY = `mutation ($inputs: [SendNotificationInput!]!) {
  sendNotifications(inputs: $inputs) { duplicate notification { id } }
}`;

function graphqlInput(seed: Seed, send: Send) {
  return {
    channel: send.channel.toUpperCase(),
    userId: userOf(seed, send.index),
    templateCode: templateOf(seed, send.channel),
    variables: variablesFor(send.index),
    requestId: send.requestId,
    priority: send.priority,
  };
}

interface SendResultBody {
  readonly duplicate: boolean;
  readonly notification: { readonly id: string } | null;
}

/**
 * GraphQL sendNotification; `group` labels the delivery latency (e.g. by priority), and `since`
 * is when the request was due (open loop), else now.
 */
export async function sendGraphQL(
  client: JsonClient,
  seed: Seed,
  tracker: ScenarioTracker,
  send: Send,
  options: { group?: string; since?: number } = {},
): Promise<void> {
  const { group, since = performance.now() } = options;
  const body = JSON.stringify({ query: SEND_ONE, variables: { input: graphqlInput(seed, send) } });
  const response = await client.post('/graphql', body).catch(failureOf);
  const result = (response.body as { data?: { sendNotification?: SendResultBody } } | null)?.data
    ?.sendNotification;
  const id = result && !result.duplicate ? result.notification?.id : undefined;
  tracker.answered(performance.now() - since, id === undefined ? graphqlFailure(response) : undefined);
  if (id !== undefined) tracker.accepted(id, group);
}

/** GraphQL sendNotifications with a batch; each item's outcome is its own. */
export async function sendBulk(
  client: JsonClient,
  seed: Seed,
  tracker: ScenarioTracker,
  sends: readonly Send[],
  since: number,
): Promise<void> {
  const inputs = sends.map((send) => graphqlInput(seed, send));
  const response = await client
    .post('/graphql', JSON.stringify({ query: SEND_MANY, variables: { inputs } }))
    .catch(failureOf);
  const results =
    (response.body as { data?: { sendNotifications?: SendResultBody[] } } | null)?.data?.sendNotifications ??
    [];
  const ids = results.flatMap((result) =>
    result.notification && !result.duplicate ? [result.notification.id] : [],
  );
  tracker.answered(
    performance.now() - since,
    ids.length === sends.length
      ? undefined
      : `${sends.length - ids.length} items: ${graphqlFailure(response)}`,
  );
  for (const id of ids) tracker.accepted(id);
}

/** A request that got no HTTP answer, as a pseudo-response carrying the error code. */
function failureOf(error: unknown): JsonResponse {
  const code = (error as { code?: unknown }).code;
  return { status: 0, body: { error: typeof code === 'string' ? code : 'network error' } };
}

/** The envelope's error code of a refused REST request, else its HTTP status. */
function restFailure(response: JsonResponse): string {
  const body = response.body as { error?: { code?: unknown } | string } | null;
  const code = typeof body?.error === 'object' ? body.error?.code : body?.error;
  return typeof code === 'string' ? `HTTP ${response.status} ${code}` : `HTTP ${response.status}`;
}

/** The first GraphQL error code of a failed answer, else its HTTP status. */
function graphqlFailure(response: JsonResponse): string {
  const body = response.body as { errors?: { extensions?: { code?: unknown } }[]; error?: string } | null;
  const code = body?.errors?.[0]?.extensions?.code;
  if (typeof code === 'string') return code;
  return body?.error ?? `HTTP ${response.status}`;
}
