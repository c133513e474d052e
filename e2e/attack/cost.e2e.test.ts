import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import {
  REQUEST_TIMEOUT_MS,
  admin,
  errorCodes,
  expectAllServicesAlive,
  expectGraphQLAnswer,
  request,
  state,
  type HttpAnswer,
} from './attack-kit';
import { createTally } from './attack-report';

/**
 * Hostile documents that cost the server more than they cost the sender (issue 18): each is
 * refused before it is validated or run (the error code and message say at which step), and
 * the gateway keeps serving while it refuses: the refusal arrives within REFUSAL_DEADLINE_MS and
 * every /health probe meanwhile within HEALTH_DEADLINE_MS. These are deadlines, not speed
 * targets (speed belongs in the bench): a document that really costs the gateway seconds
 * misses them, while a pause of a loaded test machine does not. A millisecond bound here failed
 * CI runs on runner pauses (146 to 482 ms for a refusal that takes 12 ms on a quiet machine).
 */
const tally = createTally('cost', state.logDir);
afterAll(() => tally.save());

const REFUSAL_DEADLINE_MS = 2000;
const HEALTH_DEADLINE_MS = 1000;

/** A fresh operation name per request, so no cache keyed by the document can answer it. */
const uniqueName = () => `Q_${randomUUID().replaceAll('-', '')}`;

/** `...F0`, with F0 … F{levels-1} each spreading the next twice: 2^levels spreads once expanded. */
function chainedSpreads(levels: number, onType: string, leaf: string): string {
  const fragments = Array.from(
    { length: levels },
    (_, level) => `fragment F${level} on ${onType} { ...F${level + 1} ...F${level + 1} }`,
  );
  return `${fragments.join(' ')} fragment F${levels} on ${onType} { ${leaf} }`;
}

/** F0 → F1 → … → F{length-1} → F0, each spreading the next twice. */
function fragmentCycle(length: number, onType: string): string {
  return Array.from(
    { length },
    (_, index) =>
      `fragment F${index} on ${onType} { ...F${(index + 1) % length} ...F${(index + 1) % length} }`,
  ).join(' ');
}

const nestedJson = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const nestedLiteral = (levels: number): string => `${'{ a: '.repeat(levels)}1${' }'.repeat(levels)}`;
const many = (count: number, item: (index: number) => string): string =>
  Array.from({ length: count }, (_, index) => item(index)).join(' ');

/** Milliseconds `run` took, beside its value. */
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/**
 * Probes GET /health from the moment `attack` starts until it settles, one probe after another,
 * and gives the slowest: a gateway busy with the attack answers them late.
 */
async function slowestHealthDuring(attack: Promise<unknown>): Promise<number> {
  let settled = false;
  const done = attack.then(
    () => (settled = true),
    () => (settled = true),
  );
  let slowest = 0;
  do {
    const probe = await timed(() =>
      fetch(`${state.gatewayUrl}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    );
    expect(probe.value.status).toBe(200);
    slowest = Math.max(slowest, probe.ms);
  } while (!settled);
  await done;
  return slowest;
}

/** Runs the hostile request and the health probes together; both must meet their deadlines. */
async function expectCheapRefusal<T>(send: () => Promise<T>): Promise<T> {
  const attack = timed(send);
  const slowestHealth = await slowestHealthDuring(attack);
  const { value, ms } = await attack;
  if (ms >= REFUSAL_DEADLINE_MS || slowestHealth >= HEALTH_DEADLINE_MS) {
    throw new Error(
      `refused in ${ms.toFixed(0)} ms (deadline ${REFUSAL_DEADLINE_MS} ms), /health slowest ` +
        `${slowestHealth.toFixed(0)} ms (deadline ${HEALTH_DEADLINE_MS} ms)`,
    );
  }
  return value;
}

/** A POST /graphql as the admin (exempt from rate limits, so only the document decides). */
const post = (query: string, variablesJson: string): Promise<HttpAnswer> =>
  request('POST', '/graphql', {
    raw: `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`,
    headers: { ...admin, 'content-type': 'application/json' },
  });

interface HostileDocument {
  readonly query: string;
  /** Sent as written: JSON.stringify itself overflows on the deepest values. */
  readonly variablesJson?: string;
  readonly code: string;
  /** Part of the message the refusal must carry. */
  readonly says: string;
}

const SPREADS = 'the query spreads fragments more often than the limit of 50';
const TOKENS = 'Document contains more that 1000 tokens';
const ALIASES = 'the query uses more aliases than the limit of 30';
const DIRECTIVES = 'the query uses more directives than the limit of 50';
const ARGUMENT_DEPTH = 'an argument value is nested deeper than the limit of 64';

/** The same families over both transports: `root` is the operation type. */
function hostileDocuments(root: 'query' | 'subscription'): Record<string, () => HostileDocument> {
  const type = root === 'query' ? 'Query' : 'Subscription';
  /** A root field, and the type and a leaf field of its selection. */
  const [field, innerType, leaf] =
    root === 'query'
      ? ['me', 'User', 'id']
      : ['notificationStatusChanged', 'NotificationStatusEvent', 'status'];
  const selected = (selection: string) => `${field} { ${selection} }`;
  const operation = (body: string, variables = '') => `${root} ${uniqueName()}${variables} { ${body} }`;
  return {
    '25 chained spreads (the issue’s 1 KB request)': () => ({
      query: `${operation('...F0')} ${chainedSpreads(25, type, selected(leaf))}`,
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: SPREADS,
    }),
    '70 chained spreads beside a field': () => ({
      query: `${operation(`${selected(leaf)} ...F0`)} ${chainedSpreads(70, type, selected(leaf))}`,
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: SPREADS,
    }),
    '40 operations with unique names over one chain of 25 spreads': () => ({
      query: `${many(40, () => operation('...F0'))} ${chainedSpreads(25, type, selected(leaf))}`,
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: SPREADS,
    }),
    'a fragment cycle': () => ({
      query: `${operation('...F0')} ${fragmentCycle(2, type)}`,
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: 'Cannot spread fragment',
    }),
    'a 60-fragment cycle, each spreading the next twice': () => ({
      query: `${operation('...F0')} ${fragmentCycle(60, type)}`,
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: 'Cannot spread fragment',
    }),
    '300 aliases': () => ({
      query: operation(selected(many(300, (index) => `a${index}: ${leaf}`))),
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: ALIASES,
    }),
    '20 aliases in a fragment spread 20 times': () => ({
      query: `${operation(selected(many(20, () => '...A')))} fragment A on ${innerType} { ${many(20, (index) => `a${index}: ${leaf}`)} }`,
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: ALIASES,
    }),
    '50,000 aliases': () => ({
      query: operation(selected(many(50_000, (index) => `a${index}: ${leaf}`))),
      code: 'GRAPHQL_PARSE_FAILED',
      says: TOKENS,
    }),
    '100 directives on one field': () => ({
      query: operation(selected(`${leaf} ${'@include(if: true) '.repeat(100)}`)),
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: DIRECTIVES,
    }),
    '40,000 directives': () => ({
      query: operation(selected(`${leaf} ${'@include(if: true) '.repeat(40_000)}`)),
      code: 'GRAPHQL_PARSE_FAILED',
      says: TOKENS,
    }),
    '5,000 variable definitions': () => ({
      query: operation(selected(leaf), `(${many(5000, (index) => `$v${index}: Int`)})`),
      code: 'GRAPHQL_PARSE_FAILED',
      says: TOKENS,
    }),
    'a list variable of 30,000 items': () => ({
      query: operation(selected(leaf), '($ids: [ID!])'),
      variablesJson: JSON.stringify({ ids: Array.from({ length: 30_000 }, (_, index) => String(index)) }),
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: 'Variable "$ids" is never used',
    }),
    'an argument object nested 200 deep': () => ({
      query: operation(`__typename a: __type(name: ${nestedLiteral(200)}) { name }`),
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: ARGUMENT_DEPTH,
    }),
    'an argument list nested 400 deep': () => ({
      query: operation(`__typename a: __type(name: ${'['.repeat(400)}"x"${']'.repeat(400)}) { name }`),
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: ARGUMENT_DEPTH,
    }),
    'variables nested 100,000 deep': () => ({
      query: operation(selected(leaf), '($deep: JSON)'),
      variablesJson: `{"deep":${nestedJson(100_000)}}`,
      code: 'BAD_USER_INPUT',
      says: 'nested deeper than 64 levels',
    }),
    'fields nested 300 deep': () => ({
      query: operation(`${'me { '.repeat(300)}id${' }'.repeat(300)}`),
      code: 'GRAPHQL_VALIDATION_FAILED',
      says: 'the query is nested deeper than the limit of 12',
    }),
  };
}

/**
 * One refused document over each transport before anything is timed: the first request after
 * start compiles the code it runs, which is not what these cases measure.
 */
beforeAll(async () => {
  const warmUp = `query ${uniqueName()} { ...F0 } ${fragmentCycle(2, 'Query')}`;
  expect((await post(warmUp, '{}')).status).toBe(400);
  const socket = await openSocket();
  try {
    const payload = JSON.stringify({ query: `subscription { ...F0 } ${fragmentCycle(2, 'Subscription')}` });
    expect((await subscribeRaw(socket, randomUUID(), payload)).kind).toBe('error');
  } finally {
    socket.terminate();
  }
});

describe('hostile documents over POST /graphql are refused at once, and /health keeps answering', () => {
  it.each(Object.entries(hostileDocuments('query')))('%s', async (name, make) => {
    await tally.attempt(`cost over HTTP: ${name}`, async () => {
      const hostile = make();
      const answer = await expectCheapRefusal(() => post(hostile.query, hostile.variablesJson ?? '{}'));
      expectGraphQLAnswer(answer);
      expect(answer.status).toBe(400);
      expect(errorCodes(answer)).toContain(hostile.code);
      const { errors } = answer.body as { errors: { message: string }[] };
      expect(errors.map((error) => error.message).join('\n')).toContain(hostile.says);
    });
  });
});

type Refusal =
  | {
      readonly kind: 'error';
      readonly errors: readonly { message: string; extensions?: { code?: string } }[];
    }
  | { readonly kind: 'accepted' }
  | { readonly kind: 'closed'; readonly code: number };

/** A graphql-ws connection as the admin, acknowledged. */
function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `${state.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      'graphql-transport-ws',
    );
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: admin.authorization } }),
      ),
    );
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve(socket);
    });
    socket.on('close', (code) => reject(new Error(`closed with ${code} before connection_ack`)));
    socket.on('error', reject);
  });
}

/** Sends one subscribe message, written as given, and waits for what the gateway makes of it. */
function subscribeRaw(socket: WebSocket, id: string, payloadJson: string): Promise<Refusal> {
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: string; type: string; payload?: unknown };
      if (message.id !== id) return;
      if (message.type === 'error') resolve({ kind: 'error', errors: message.payload as never });
      else resolve({ kind: 'accepted' });
    });
    socket.on('close', (code) => resolve({ kind: 'closed', code }));
    socket.send(`{"id":"${id}","type":"subscribe","payload":${payloadJson}}`);
  });
}

describe('the same documents over graphql-ws are refused at once, and /health keeps answering', () => {
  let socket: WebSocket;

  beforeEach(async () => {
    socket = await openSocket();
  });

  afterEach(() => socket.terminate());

  it.each(Object.entries(hostileDocuments('subscription')))('%s', async (name, make) => {
    await tally.attempt(`cost over graphql-ws: ${name}`, async () => {
      const hostile = make();
      const payload = `{"query":${JSON.stringify(hostile.query)},"variables":${hostile.variablesJson ?? '{}'}}`;
      const refusal = await expectCheapRefusal(() => subscribeRaw(socket, randomUUID(), payload));
      expect(refusal.kind).toBe('error');
      const errors = refusal.kind === 'error' ? refusal.errors : [];
      expect(errors.map((error) => error.extensions?.code)).toContain(hostile.code);
      expect(errors.map((error) => error.message).join('\n')).toContain(hostile.says);
    });
  });

  it('closes the connection on a message larger than the body limit (1009)', async () => {
    await tally.attempt('cost over graphql-ws: a variable past the 1 MB body limit', async () => {
      const payload = `{"query":"subscription ($pad: String) { notificationStatusChanged { status } }","variables":{"pad":"${'x'.repeat(1_100_000)}"}}`;
      const refusal = await expectCheapRefusal(() => subscribeRaw(socket, randomUUID(), payload));
      expect(refusal).toEqual({ kind: 'closed', code: 1009 });
    });
  });
});

describe('after the cost attacks', () => {
  it('every service still answers', async () => {
    await tally.attempt('services alive after the cost attacks', expectAllServicesAlive);
  });
});
