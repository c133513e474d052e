import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { STATUS_CHANNEL } from '@herald/contracts';
import { connectRedis, createPubSubChannel, type RedisConnection } from '@herald/redis';
import { waitFor } from '@herald/testkit';
import { ADMIN_KEY, API_KEYS, log, startHarness, tokenFor, type Harness } from './harness/gateway-harness';

const USER_A = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const USER_B = 'bbbbbbbb-0000-4000-8000-0000000000b1';

interface Received {
  readonly events: Record<string, unknown>[];
  readonly errors: unknown[];
  completed: boolean;
}

/** Real status events, published the way notifications publishes them (decision 0005). */
describe('status subscriptions over graphql-ws', () => {
  let harness: Harness;
  let redis: RedisConnection;
  let publish: (event: Record<string, unknown>) => Promise<void>;
  const clients: Client[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    harness.state.addUser({ id: USER_A, email: 'a@example.com', name: 'A', password: 'password-a' });
    harness.state.addUser({ id: USER_B, email: 'b@example.com', name: 'B', password: 'password-b' });
    redis = connectRedis({ url: harness.env.redisUrl, prefix: harness.env.redisPrefix }, log);
    const channel = createPubSubChannel<Record<string, unknown>>(redis, STATUS_CHANNEL, log);
    publish = (event) => channel.publish(event);
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await redis.close();
    await harness.stop();
  });

  const connect = (baseUrl: string, authorization: string | undefined): Client => {
    const client = createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: authorization === undefined ? {} : { authorization },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    return client;
  };

  const watch = (client: Client, query: string, variables: Record<string, unknown>): Received => {
    const received: Received = { events: [], errors: [], completed: false };
    client.subscribe<{ notificationStatusChanged: Record<string, unknown> }>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) received.errors.push(...result.errors);
          if (result.data) received.events.push(result.data.notificationStatusChanged);
        },
        error: (error) => received.errors.push(error),
        complete: () => (received.completed = true),
      },
    );
    return received;
  };

  const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  const BY_ID = `subscription ($id: ID) { notificationStatusChanged(notificationId: $id) {
    status sequence detail notification { status owner: user { email } } } }`;

  it('sends the current status first, then later events in sequence order', async () => {
    const notification = harness.state.addNotification({ userId: USER_A, status: 'QUEUED' });
    const received = watch(connect(harness.url, tokenFor(USER_A)), BY_ID, { id: notification.id });
    await waitFor(() => received.events.length === 1 || received.errors.length > 0, {
      description: 'the current status',
    });
    expect(received.errors.map((error) => (error instanceof Error ? error.message : error))).toEqual([]);
    expect(received.events[0]).toMatchObject({
      status: 'QUEUED',
      sequence: null,
      notification: { status: 'QUEUED', owner: { email: 'a@example.com' } },
    });
    const base = { notificationId: notification.id, userId: USER_A };
    await publish({ ...base, status: 'SENDING', at: later(1), detail: null, sequence: 5 });
    await publish({ ...base, status: 'RETRYING', at: later(2), detail: 'late', sequence: 3 });
    await publish({ ...base, status: 'DELIVERED', at: later(3), detail: null, sequence: 7 });
    await publish({ ...base, status: 'DELIVERED', at: later(3), detail: null, sequence: 7 });
    await waitFor(() => received.events.length >= 3, { description: 'the later events' });
    await publish({ ...base, status: 'FAILED', at: later(4), detail: 'marker', sequence: 8 });
    await waitFor(() => received.events.length >= 4, { description: 'the marker event' });
    expect(received.events.map((event) => [event.status, event.sequence])).toEqual([
      ['QUEUED', null],
      ['SENDING', 5],
      ['DELIVERED', 7],
      ['FAILED', 8],
    ]);
  });

  /** An event as notifications publishes it: with the notification as the change left it. */
  const carrying = (
    notification: ReturnType<Harness['state']['addNotification']>,
    status: string,
    sequence: number,
  ) => {
    const at = later(sequence);
    return {
      notificationId: notification.id,
      userId: notification.userId,
      status,
      at,
      detail: null,
      sequence,
      notification: {
        id: notification.id,
        requestId: notification.requestId,
        userId: notification.userId,
        channel: notification.channel,
        templateCode: notification.templateCode,
        templateVersion: 3,
        locale: 'en',
        category: null,
        priority: notification.priority,
        status,
        statusDetail: null,
        attempts: 1,
        sendAt: null,
        scheduledFor: null,
        createdAt: notification.createdAt.toISOString(),
        updatedAt: at,
      },
    };
  };
  const notificationQueries = () =>
    harness.state.seen.filter((seen) => seen.operation === 'notification').length;

  it('answers the notification fields an event carries without asking the notifications service', async () => {
    const notification = harness.state.addNotification({ userId: USER_A });
    const selection = `notificationId status notification {
      __typename id requestId kind: channel status attempts priority createdAt updatedAt
      ... on Notification { user { id } } ...Keys }`;
    const fragment = 'fragment Keys on Notification { template { code __typename } }';
    const byUser = watch(
      connect(harness.url, tokenFor(USER_A)),
      `subscription { notificationStatusChanged { ${selection} } } ${fragment}`,
      {},
    );
    const byId = watch(
      connect(harness.url, ADMIN_KEY),
      `subscription ($id: ID) { notificationStatusChanged(notificationId: $id) { ${selection} } } ${fragment}`,
      { id: notification.id },
    );
    await waitFor(() => byId.events.length === 1, { description: 'the current status' });
    const before = notificationQueries();
    await waitFor(
      async () => {
        await publish(carrying(notification, 'SENDING', 41));
        return byUser.events.length > 0;
      },
      { description: "the user's stream live" },
    );
    const delivered = carrying(notification, 'DELIVERED', 42);
    await publish(delivered);
    await waitFor(() => byUser.events.length >= 2 && byId.events.length >= 3, { description: 'both events' });

    expect([...byUser.errors, ...byId.errors]).toEqual([]);
    expect(notificationQueries()).toBe(before);
    expect(byUser.events.at(-1)).toEqual({
      notificationId: notification.id,
      status: 'DELIVERED',
      notification: {
        __typename: 'Notification',
        id: notification.id,
        requestId: notification.requestId,
        kind: 'EMAIL',
        status: 'DELIVERED',
        attempts: 1,
        priority: 5,
        createdAt: notification.createdAt.toISOString(),
        updatedAt: delivered.notification.updatedAt,
        user: { id: USER_A },
        template: { code: 'welcome', __typename: 'Template' },
      },
    });
    expect(byId.events.slice(1).map((event) => event.status)).toEqual(['SENDING', 'DELIVERED']);
    // The opening event too came from the one current-status read.
    expect(byId.events[0]).toMatchObject({ notification: { id: notification.id, user: { id: USER_A } } });
  });

  it("still resolves what an event does not carry, such as the user's email, through the federated query", async () => {
    const notification = harness.state.addNotification({ userId: USER_A });
    const own = watch(
      connect(harness.url, tokenFor(USER_A)),
      'subscription { notificationStatusChanged { status notification { status owner: user { id email } } } }',
      {},
    );
    await waitFor(
      async () => {
        await publish(carrying(notification, 'SENDING', 51));
        return own.events.length > 0 || own.errors.length > 0;
      },
      { description: 'the event' },
    );
    expect(own.errors).toEqual([]);
    expect(own.events[0]).toEqual({
      status: 'SENDING',
      notification: { status: 'QUEUED', owner: { id: USER_A, email: 'a@example.com' } },
    });
  });

  it("passes every notification's events to a user's stream, though their sequences interleave", async () => {
    const first = harness.state.addNotification({ userId: USER_A });
    const second = harness.state.addNotification({ userId: USER_A });
    const own = watch(
      connect(harness.url, tokenFor(USER_A)),
      'subscription { notificationStatusChanged { notificationId status sequence } }',
      {},
    );
    const event = (notificationId: string, status: string, sequence: number) =>
      publish({ notificationId, userId: USER_A, status, at: later(sequence), detail: null, sequence });
    // Each event is published once the subscription is known to be live: the first one is retried until it arrives.
    await waitFor(
      async () => {
        await event(first.id, 'SENDING', 31);
        return own.events.length > 0;
      },
      { description: 'the first event' },
    );
    // The second notification's event was numbered earlier and committed later: it still belongs to the stream.
    await event(second.id, 'SENDING', 30);
    // A straggler of the first notification is not.
    await event(first.id, 'RETRYING', 29);
    await event(first.id, 'DELIVERED', 32);
    await waitFor(() => own.events.some((received) => received.sequence === 32), {
      description: 'the marker event',
    });
    expect(
      own.events.map((received) => [received.notificationId, received.status, received.sequence]),
    ).toEqual([
      [first.id, 'SENDING', 31],
      [second.id, 'SENDING', 30],
      [first.id, 'DELIVERED', 32],
    ]);
  });

  it("keeps a user out of another user's notifications, by id and by userId", async () => {
    const ofA = harness.state.addNotification({ userId: USER_A });
    const asB = connect(harness.url, tokenFor(USER_B));
    const byId = watch(asB, BY_ID, { id: ofA.id });
    const byUser = watch(asB, 'subscription ($u: ID) { notificationStatusChanged(userId: $u) { status } }', {
      u: USER_A,
    });
    const own = watch(asB, 'subscription { notificationStatusChanged { notificationId status } }', {});
    await waitFor(() => byId.errors.length > 0 && byUser.errors.length > 0, { description: 'two refusals' });
    expect(JSON.stringify(byId.errors)).toContain('NOT_FOUND');
    expect(JSON.stringify(byUser.errors)).toContain('FORBIDDEN');
    const ofB = harness.state.addNotification({ userId: USER_B });
    // Own events keep flowing; A's never arrive, even before B's in the same stream.
    await waitFor(
      async () => {
        await publish({
          notificationId: ofA.id,
          userId: USER_A,
          status: 'SENDING',
          at: later(1),
          sequence: 11,
        });
        await publish({
          notificationId: ofB.id,
          userId: USER_B,
          status: 'SENDING',
          at: later(1),
          sequence: 12,
        });
        return own.events.length > 0;
      },
      { description: "B's own event" },
    );
    expect(own.events.every((event) => event.notificationId === ofB.id)).toBe(true);
  });

  it('refuses a key without notifications:read and a connection without a credential', async () => {
    const keyed = watch(
      connect(harness.url, API_KEYS.noScope),
      'subscription { notificationStatusChanged { status } }',
      {},
    );
    await waitFor(() => keyed.errors.length > 0, { description: 'the refusal' });
    expect(JSON.stringify(keyed.errors)).toContain('FORBIDDEN');
    const anonymous = watch(
      connect(harness.url, undefined),
      'subscription { notificationStatusChanged { status } }',
      {},
    );
    await waitFor(() => anonymous.errors.length > 0, { description: 'the closed connection' });
    expect((anonymous.errors[0] as { code?: number }).code).toBe(4403);
  });

  it('refuses a subscription past the document limits with the codes POST /graphql gives', async () => {
    const chained = [
      'subscription Chained { ...F0 }',
      ...Array.from(
        { length: 25 },
        (_, level) => `fragment F${level} on Subscription { ...F${level + 1} ...F${level + 1} }`,
      ),
      'fragment F25 on Subscription { notificationStatusChanged { status } }',
    ].join(' ');
    const tooManyTokens = `subscription { notificationStatusChanged { ${'status '.repeat(1000)} } }`;
    const deepVariables = { id: JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) as unknown };
    const client = connect(harness.url, ADMIN_KEY);
    const refusals = [
      watch(client, chained, {}),
      watch(client, tooManyTokens, {}),
      watch(client, BY_ID, deepVariables),
    ];
    await waitFor(() => refusals.every((refused) => refused.errors.length > 0), {
      description: 'the refusals',
    });
    // graphql-ws hands the client the refusal's list of errors.
    expect(refusals.map((refused) => refused.errors[0])).toEqual([
      [
        expect.objectContaining({
          message: 'the query spreads fragments more often than the limit of 50',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      ],
      [expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } })],
      [
        expect.objectContaining({
          message: 'the variables are nested deeper than 64 levels',
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ],
    ]);
  });

  it('closes a connection whose message is larger than BODY_LIMIT with 1009', async () => {
    const gateway = await harness.startGateway({ BODY_LIMIT: '1kb' });
    const refused = watch(connect(gateway, ADMIN_KEY), BY_ID, { id: 'x'.repeat(2048) });
    await waitFor(() => refused.errors.length > 0, { description: 'the closed connection' });
    expect((refused.errors[0] as { code?: number }).code).toBe(1009);
  });

  it('delivers to subscribers on two gateway replicas', async () => {
    const second = await harness.startGateway();
    const notification = harness.state.addNotification({ userId: USER_A });
    const onFirst = watch(connect(harness.url, ADMIN_KEY), BY_ID, { id: notification.id });
    const onSecond = watch(connect(second, ADMIN_KEY), BY_ID, { id: notification.id });
    await waitFor(() => onFirst.events.length === 1 && onSecond.events.length === 1, {
      description: 'current status on both',
    });
    await publish({
      notificationId: notification.id,
      userId: USER_A,
      status: 'DELIVERED',
      at: later(1),
      sequence: 21,
    });
    await waitFor(() => onFirst.events.length === 2 && onSecond.events.length === 2, {
      description: 'the event on both replicas',
    });
    expect(onSecond.events[1]).toMatchObject({
      status: 'DELIVERED',
      notification: { owner: { email: 'a@example.com' } },
    });
  });

  it('closes a client that does not read with 4008', async () => {
    const gateway = await harness.startGateway({ SUBSCRIPTION_BUFFER_LIMIT: '5' });
    const notification = harness.state.addNotification({ userId: USER_A });
    const socket = new WebSocket(`${gateway.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { type: string }[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
    const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: ADMIN_KEY } }));
    await waitFor(() => messages.some((message) => message.type === 'connection_ack'), {
      description: 'ack',
    });
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: {
          query:
            'subscription ($id: ID) { notificationStatusChanged(notificationId: $id) { status detail } }',
          variables: { id: notification.id },
        },
      }),
    );
    await waitFor(() => messages.some((message) => message.type === 'next'), {
      description: 'current status',
    });
    // Stop reading: the kernel buffers fill, sends stop completing, the gateway's buffer grows.
    const raw = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    const detail = 'x'.repeat(64 * 1024);
    for (let sequence = 1; sequence <= 400; sequence += 1) {
      await publish({
        notificationId: notification.id,
        userId: USER_A,
        status: 'SENDING',
        at: later(1),
        detail,
        sequence,
      });
    }
    raw.resume();
    expect(await closed).toBe(4008);
  });

  it('limits connections per credential', async () => {
    const gateway = await harness.startGateway({ SUBSCRIPTION_CONNECTIONS_PER_CREDENTIAL: '1' });
    const notification = harness.state.addNotification({ userId: USER_A });
    const first = watch(connect(gateway, tokenFor(USER_A)), BY_ID, { id: notification.id });
    await waitFor(() => first.events.length === 1, { description: 'the first connection' });
    const second = watch(connect(gateway, tokenFor(USER_A)), BY_ID, { id: notification.id });
    await waitFor(() => second.errors.length > 0, { description: 'the refused connection' });
    expect((second.errors[0] as { code?: number }).code).toBe(4029);
    expect(first.errors).toEqual([]);
  });

  it('completes open subscriptions when the gateway stops', async () => {
    const gateway = await harness.startGatewayApp();
    const notification = harness.state.addNotification({ userId: USER_A });
    const received = watch(connect(gateway.url, ADMIN_KEY), BY_ID, { id: notification.id });
    await waitFor(() => received.events.length === 1, { description: 'the current status' });
    await gateway.stop();
    await waitFor(() => received.completed || received.errors.length > 0, { description: 'the end' });
    expect(received.completed).toBe(true);
  });
});
