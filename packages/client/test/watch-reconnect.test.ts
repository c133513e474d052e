import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { createHeraldClient, UnauthenticatedError, type HeraldClient } from '@herald/client';
import { waitFor } from '@herald/testkit';

const CREDENTIAL = 'hk_component_test';

/** Status events the test publishes to every open subscription; endAll() ends them as a stopping gateway does. */
function createEventHub() {
  const streams = new Set<{ push(event: unknown): void; end(): void }>();
  return {
    get subscribers() {
      return streams.size;
    },
    publish: (event: unknown) => streams.forEach((stream) => stream.push(event)),
    endAll: () => streams.forEach((stream) => stream.end()),
    subscribe(): AsyncIterableIterator<unknown> {
      const queued: unknown[] = [];
      let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
      const stream = {
        push(event: unknown) {
          if (waiting) waiting({ done: false, value: event });
          else queued.push(event);
          waiting = undefined;
        },
        end() {
          streams.delete(stream);
          waiting?.({ done: true, value: undefined });
          waiting = undefined;
        },
      };
      streams.add(stream);
      return {
        next: () =>
          queued.length > 0
            ? Promise.resolve({ done: false, value: queued.shift() })
            : streams.has(stream)
              ? new Promise((resolve) => (waiting = resolve))
              : Promise.resolve({ done: true, value: undefined }),
        return: async () => {
          stream.end();
          return { done: true, value: undefined };
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}

/** The client's own API schema served by graphql-ws, with the gateway's credential check. */
function subscriptionSchema(hub: ReturnType<typeof createEventHub>): GraphQLSchema {
  const sdl = readFileSync(join(__dirname, '..', 'src', 'generated', 'api-schema.graphql'), 'utf8');
  const schema = buildSchema(sdl);
  const field = schema.getSubscriptionType()?.getFields().notificationStatusChanged;
  if (!field) throw new Error('the API schema has no notificationStatusChanged');
  field.subscribe = () => hub.subscribe();
  field.resolve = (event: unknown) => event;
  return schema;
}

function statusEvent(status: string, sequence: number) {
  const at = new Date(Date.UTC(2026, 11, 4, 12, 0, sequence)).toISOString();
  return {
    notificationId: 'n1',
    status,
    at,
    detail: null,
    sequence,
    notification: {
      id: 'n1',
      requestId: 'r1',
      channel: 'EMAIL',
      status,
      statusDetail: null,
      priority: 5,
      attempts: 0,
      templateVersion: 1,
      locale: 'en',
      category: null,
      sendAt: null,
      scheduledFor: null,
      createdAt: at,
      updatedAt: at,
      user: { id: 'u1' },
      template: { code: 'welcome' },
    },
  };
}

describe('watchUser over a real graphql-ws server', () => {
  const hub = createEventHub();
  let server: Server;
  let sockets: WebSocketServer;
  let connections = 0;
  let url: string;
  const clients: HeraldClient[] = [];
  let reconnections = 0;

  beforeAll(async () => {
    server = createServer();
    sockets = new WebSocketServer({ server, path: '/graphql' });
    sockets.on('connection', () => (connections += 1));
    useServer(
      {
        schema: subscriptionSchema(hub),
        onConnect: (context) => context.connectionParams?.authorization === `Bearer ${CREDENTIAL}`,
      },
      sockets,
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    for (const socket of sockets.clients) socket.terminate();
    await new Promise((resolve) => sockets.close(resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  const clientWith = (apiKey: string): HeraldClient => {
    const client = createHeraldClient({
      url,
      credential: { apiKey },
      webSocketImpl: WebSocket,
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      onReconnected: () => (reconnections += 1),
    });
    clients.push(client);
    return client;
  };

  it('keeps yielding typed events across a dropped connection and a stream the server ended', async () => {
    const watch = clientWith(CREDENTIAL).watchUser('u1');
    const next = async () => (await watch.next()).value;
    await waitFor(() => hub.subscribers === 1, { description: 'the subscription' });
    hub.publish(statusEvent('ACCEPTED', 1));
    expect(await next()).toMatchObject({
      status: 'ACCEPTED',
      sequence: 1,
      notification: { user: { id: 'u1' } },
    });

    const before = connections;
    for (const socket of sockets.clients) socket.terminate();
    await waitFor(() => connections > before && hub.subscribers === 1, { description: 'a new connection' });
    expect(reconnections).toBe(1);
    hub.publish(statusEvent('QUEUED', 2));
    expect(await next()).toMatchObject({ status: 'QUEUED', sequence: 2 });

    hub.endAll();
    await waitFor(() => hub.subscribers === 0, { description: 'the stream to end' });
    await waitFor(() => hub.subscribers === 1, { description: 'the subscription again' });
    hub.publish(statusEvent('DELIVERED', 3));
    expect(await next()).toMatchObject({ status: 'DELIVERED', sequence: 3 });

    await watch.close();
    await waitFor(() => hub.subscribers === 0, { description: 'the unsubscription' });
  });

  it('throws UnauthenticatedError, without retrying, when the credential is refused', async () => {
    const before = connections;
    const watch = clientWith('hk_wrong').watchUser('u1');
    await expect(watch.next()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(connections).toBe(before + 1);
  });
});
