import { performance } from 'node:perf_hooks';
import type { DeliveryLedger } from '@herald/testkit';
import type { Channel, Fixtures, Gateway } from './fixtures';

/** What the driver saw while a fault ran. */
export interface LoadResult {
  readonly sent: number;
  /** Accepted notification id → when its request was sent (performance.now()). */
  readonly accepted: ReadonlyMap<string, number>;
  /** Why requests were refused ("rest 503 UNAVAILABLE", "graphql network", …) → how many. */
  readonly rejected: ReadonlyMap<string, number>;
  /** Requests a gateway failed that another then accepted, under the same request_id. */
  readonly retried: number;
}

export interface LoadDriver {
  /** Stops sending, waits for the answers still due, and returns the tally. */
  stop(): Promise<LoadResult>;
}

export interface LoadOptions {
  /**
   * Request n goes to gateway n mod their number; a request one fails (no answer, a 5xx, an
   * error) is sent again to the next, with the same request_id: the idempotency contract.
   */
  readonly gateways: readonly Gateway[];
  readonly fixtures: Fixtures;
  readonly ledger: DeliveryLedger;
  /** Makes request ids unique to this phase. */
  readonly label: string;
  readonly ratePerSecond: number;
}

type Api = 'graphql' | 'rest';
/** retryable: no answer, or one that says the gateway or a service behind it failed. */
type Outcome = { accepted: string } | { rejected: string; retryable: boolean };
const RETRYABLE_GRAPHQL_CODES = new Set(['UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/** A request that has no answer by then is counted as refused (a client would give up too). */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Sends notifications at a steady rate, whatever the answers: alternately EMAIL and PUSH, and
 * alternately through GraphQL and the REST shim, as the admin (exempt from rate limits), spread
 * over the gateways.
 */
export function startLoad(options: LoadOptions): LoadDriver {
  const intervalMs = 1000 / options.ratePerSecond;
  const accepted = new Map<string, number>();
  const rejected = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let retried = 0;
  let stopped = false;
  let pause: { timer: NodeJS.Timeout; resume: () => void } | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resume) => (pause = { timer: setTimeout(resume, ms), resume }));

  const sendOne = async (index: number) => {
    const sentAt = performance.now();
    const channel: Channel = index % 2 === 0 ? 'EMAIL' : 'PUSH';
    const api: Api = Math.floor(index / 2) % 2 === 0 ? 'graphql' : 'rest';
    const request = {
      channel,
      userId: options.fixtures.userIds[index % options.fixtures.userIds.length] ?? '',
      templateCode: options.fixtures.templates[channel],
      requestId: `${options.label}-${index}`,
      variables: { name: 'Grace', order: `${options.label}-${index}` },
    };
    // Every fourth request moves to the next gateway, so each serves both channels and both APIs.
    const first = Math.floor(index / 4);
    const { outcome, retried: wasRetried } = await sendWithFailover(options.gateways, first, api, request);
    if (wasRetried) retried += 1;
    if ('accepted' in outcome) {
      accepted.set(outcome.accepted, sentAt);
      options.ledger.accept(outcome.accepted);
    } else {
      rejected.set(outcome.rejected, (rejected.get(outcome.rejected) ?? 0) + 1);
    }
  };

  const pace = async () => {
    const start = performance.now();
    while (!stopped) {
      const waitMs = start + sent * intervalMs - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      if (stopped) break;
      const request = sendOne(sent).finally(() => inFlight.delete(request));
      inFlight.add(request);
      sent += 1;
    }
  };
  const pacing = pace();

  return {
    stop: async () => {
      stopped = true;
      if (pause) {
        clearTimeout(pause.timer);
        pause.resume();
      }
      await pacing;
      await Promise.all(inFlight);
      return { sent, accepted, rejected, retried };
    },
  };
}

interface SendRequest {
  readonly channel: Channel;
  readonly userId: string;
  readonly templateCode: string;
  readonly requestId: string;
  readonly variables: Record<string, string>;
}

/** Tries the gateways in turn from `first` while the answer is one worth another try. */
async function sendWithFailover(
  gateways: readonly Gateway[],
  first: number,
  api: Api,
  request: SendRequest,
): Promise<{ outcome: Outcome; retried: boolean }> {
  let outcome: Outcome = { rejected: 'no gateway', retryable: true };
  for (let attempt = 0; attempt < gateways.length; attempt += 1) {
    const gateway = gateways[(first + attempt) % gateways.length]!;
    outcome = await send(gateway, api, request).catch((error: Error) => ({
      rejected: `${api} ${error.name === 'TimeoutError' ? 'timeout' : 'network error'}`,
      retryable: true,
    }));
    if ('accepted' in outcome) return { outcome, retried: attempt > 0 };
    if (!outcome.retryable) break;
  }
  return { outcome, retried: false };
}

async function send(gateway: Gateway, api: Api, request: SendRequest): Promise<Outcome> {
  return api === 'graphql' ? sendGraphQL(gateway, request) : sendRest(gateway, request);
}

async function sendGraphQL(gateway: Gateway, request: SendRequest): Promise<Outcome> {
  const response = await post(`${gateway.gatewayUrl}/graphql`, gateway, {
    query: `mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
    variables: { input: request },
  });
  const body = (await response.json().catch(() => undefined)) as
    | {
        data?: { sendNotification?: { notification?: { id: string } } } | null;
        errors?: { extensions?: { code?: string } }[];
      }
    | undefined;
  const id = body?.data?.sendNotification?.notification?.id;
  if (id) return { accepted: id };
  const code = body?.errors?.[0]?.extensions?.code;
  return {
    rejected: `graphql ${code ?? `HTTP ${response.status}`}`,
    retryable: response.status >= 500 || code === undefined || RETRYABLE_GRAPHQL_CODES.has(code),
  };
}

async function sendRest(gateway: Gateway, request: SendRequest): Promise<Outcome> {
  const response = await post(`${gateway.gatewayUrl}/api/v1/notifications/`, gateway, {
    notification_type: request.channel.toLowerCase(),
    user_id: request.userId,
    template_code: request.templateCode,
    variables: request.variables,
    request_id: request.requestId,
  });
  const body = (await response.json().catch(() => undefined)) as
    { data?: { notification_id?: string } | null; error?: string | null } | undefined;
  const id = body?.data?.notification_id;
  if (response.ok && id) return { accepted: id };
  return {
    rejected: `rest ${response.status} ${body?.error ?? ''}`.trim(),
    retryable: response.status >= 500,
  };
}

function post(url: string, gateway: Gateway, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.adminApiKey}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}
