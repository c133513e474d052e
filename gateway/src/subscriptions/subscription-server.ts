import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GraphQLError, getOperationAST, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '@herald/logging';
import { createLruCache } from '@herald/cache';
import { SCOPES, canRead, notificationReaderOf, type Identity } from '@herald/identity';
import type { Authenticator } from '../auth/authenticate';
import type { GatewayContext } from '../graphql/gateway-context';
import type { DocumentGuard } from '../limits/document-guard';
import { createEventQueue } from './event-queue';
import type { StatusEvent } from '@herald/contracts';
import type { StatusFeed } from './status-feed';
import { carriedFromAnswer, currentNotificationQuery } from './carried-notification';
import {
  buildSubscriptionSchema,
  responseKeyResolver,
  type EventSource,
  type RunQuery,
} from './subscription-schema';

export interface SubscriptionServerOptions {
  readonly httpServer: Server;
  readonly path: string;
  readonly apiSchema: () => GraphQLSchema | undefined;
  /** The bounds POST /graphql applies, applied to every subscribe message. */
  readonly documentGuard: DocumentGuard;
  /** Largest message accepted, as for an HTTP body; a larger one closes the socket with 1009. */
  readonly maxPayloadBytes: number;
  readonly authenticate: Authenticator;
  readonly feed: StatusFeed;
  readonly runQuery: RunQuery;
  readonly keepAliveMs: number;
  /** Events waiting for one subscription before its client counts as too slow. */
  readonly bufferLimit: number;
  readonly connectionsPerCredential: number;
  readonly log: Logger;
}

/** RFC 6455 1008 is "policy violation"; graphql-ws reserves 4400-4499 for its own codes. */
export const SLOW_CLIENT_CLOSE_CODE = 4008;
/** Notifications a subscription remembers the last event of: a straggler comes within moments. */
const SEQUENCES_REMEMBERED = 1_000;
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4029;

/** graphql-ws on the gateway's HTTP server; stop() completes open subscriptions and closes. */
export function startSubscriptionServer(options: SubscriptionServerOptions): { stop(): Promise<void> } {
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.maxPayloadBytes,
  });
  const identities = new WeakMap<object, { identity: Identity; key: string; correlationId: string }>();
  const openPerCredential = new Map<string, number>();
  let built: { api: GraphQLSchema; schema: GraphQLSchema } | undefined;
  /** Open streams: stop() ends them, so each client gets `complete` before the socket closes. */
  const open = new Set<{ end(): void; done: Promise<void> }>();

  const subscribe: GraphQLFieldResolver<unknown, GatewayContext> = async (_source, args, context, info) => {
    const { notificationId, userId } = args as { notificationId?: string | null; userId?: string | null };
    const identity = context.identity;
    if (!identity) throw forbidden('a credential is required');
    if (!notificationReaderOf(identity)) {
      throw forbidden(`the credential lacks the ${SCOPES.notificationsRead} scope`);
    }
    if (userId && !canRead(identity, { userId }))
      throw forbidden('you may watch only your own notifications');
    const socket = (context as GatewayContext & { socket: Extra['socket'] }).socket;
    // The sequence is the event's id: it orders one notification's events, not those of two
    // notifications, whose events commit in their own transactions and may be published in
    // either order. So stragglers are told apart per notification.
    const lastSequences = createLruCache<string, number>(SEQUENCES_REMEMBERED);
    const listening: { stop?: () => void } = {};
    const queue = createEventQueue<EventSource>(
      options.bufferLimit,
      () => {
        options.log.warn({ identity: identity.id }, 'closing a subscriber that does not keep up');
        socket.close(SLOW_CLIENT_CLOSE_CODE, 'subscriber too slow: event buffer full');
      },
      () => listening.stop?.(),
    );
    const accept = (event: StatusEvent) => {
      if (notificationId && event.notificationId !== notificationId) return;
      if (userId && event.userId !== userId) return;
      if (!canRead(identity, event)) return;
      queue.push({ ...event, detail: event.detail ?? null });
    };
    listening.stop = await options.feed.listen(accept);
    if (notificationId) {
      // Listening first, then reading the current status: no transition falls in between.
      try {
        const current = await readCurrent(notificationId, info.schema, context, options.runQuery);
        if (!current || !canRead(identity, { userId: current.event.notification?.userId })) {
          throw new GraphQLError(`notification ${notificationId} not found`, {
            extensions: { code: 'NOT_FOUND' },
          });
        }
        queue.retain((event) => !isReflectedIn(event, current.event));
        queue.unshift(current.event);
      } catch (error) {
        queue.end();
        throw error;
      }
    }
    let finished: () => void = () => undefined;
    const stream = { end: () => queue.end(), done: new Promise<void>((resolve) => (finished = resolve)) };
    open.add(stream);
    const ordered = async function* () {
      try {
        for await (const event of queue) {
          if (event.sequence !== null) {
            // Redis may deliver a straggler after a later event; what was passed is not sent again.
            const last = lastSequences.get(event.notificationId);
            if (last !== undefined && event.sequence <= last) continue;
            lastSequences.set(event.notificationId, event.sequence);
          }
          yield event;
        }
      } finally {
        open.delete(stream);
        finished();
      }
    };
    const iterator = ordered();
    return Object.assign(iterator, {
      return: async () => {
        queue.end();
        open.delete(stream);
        finished();
        return { done: true as const, value: undefined };
      },
    });
  };

  const currentSchema = (): GraphQLSchema => {
    const api = options.apiSchema();
    if (!api)
      throw new GraphQLError('the supergraph is not loaded yet', { extensions: { code: 'UNAVAILABLE' } });
    if (built?.api !== api)
      built = { api, schema: buildSubscriptionSchema(api, subscribe, options.runQuery) };
    return built.schema;
  };

  const server = useServer(
    {
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        if (typeof raw !== 'string' || raw.trim() === '') return false;
        const authorization = /^Bearer\s/i.test(raw) ? raw : `Bearer ${raw.trim()}`;
        const result = await options.authenticate({ authorization });
        if (result.kind !== 'authenticated') return false;
        const key = `${result.identity.kind}:${result.identity.id}`;
        const open = openPerCredential.get(key) ?? 0;
        if (open >= options.connectionsPerCredential) {
          ctx.extra.socket.close(
            TOO_MANY_CONNECTIONS_CLOSE_CODE,
            'too many subscription connections for this credential',
          );
          return false;
        }
        openPerCredential.set(key, open + 1);
        identities.set(ctx, { identity: result.identity, key, correlationId: randomUUID() });
        return true;
      },
      onClose: (ctx) => {
        const entry = identities.get(ctx);
        if (!entry) return;
        identities.delete(ctx);
        const open = (openPerCredential.get(entry.key) ?? 1) - 1;
        if (open <= 0) openPerCredential.delete(entry.key);
        else openPerCredential.set(entry.key, open);
      },
      onSubscribe: (ctx, _id, payload) => {
        const entry = identities.get(ctx);
        if (!entry) return [forbidden('not authenticated')];
        const schema = currentSchema();
        const document = options.documentGuard.check(schema, payload.query, payload.variables);
        if (Array.isArray(document)) return document;
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (operation?.operation !== 'subscription') {
          return [
            new GraphQLError(
              'only subscriptions are served over WebSocket; send queries and mutations to POST /graphql',
            ),
          ];
        }
        const contextValue = {
          correlationId: entry.correlationId,
          identity: entry.identity,
          socket: ctx.extra.socket,
        };
        return {
          schema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? undefined,
          contextValue,
          fieldResolver: responseKeyResolver,
        };
      },
    },
    wss,
    options.keepAliveMs,
  );

  return {
    async stop() {
      const streams = [...open];
      for (const stream of streams) stream.end();
      await Promise.all(streams.map((stream) => stream.done));
      // graphql-ws sends `complete` once the stream's loop has ended; let those writes go out.
      await new Promise((resolve) => setImmediate(resolve));
      await server.dispose();
      // A client closed as too slow may still hold its close frame behind unread data.
      for (const client of wss.clients) client.terminate();
    },
  };
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

const currentQueries = new WeakMap<GraphQLSchema, string>();

async function readCurrent(
  notificationId: string,
  schema: GraphQLSchema,
  context: GatewayContext,
  runQuery: RunQuery,
): Promise<{ event: EventSource } | undefined> {
  let query = currentQueries.get(schema);
  if (!query) {
    query = currentNotificationQuery(schema);
    currentQueries.set(schema, query);
  }
  const { data, errors } = await runQuery(query, { id: notificationId }, context);
  const first = errors?.[0];
  if (first && first.extensions?.code !== 'NOT_FOUND' && first.extensions?.code !== 'FORBIDDEN') {
    throw new GraphQLError(first.message, { extensions: first.extensions });
  }
  const found = data?.notification as
    | { status: string; statusDetail: string | null; updatedAt: string; user: { id: string } }
    | null
    | undefined;
  if (!found) return undefined;
  const notification = carriedFromAnswer(found);
  const at = new Date(found.updatedAt).toISOString();
  return {
    event: {
      notificationId,
      status: found.status,
      at,
      detail: found.statusDetail,
      sequence: null,
      notification,
    },
  };
}

/**
 * Whether the current status read after listening already shows this event, which committed
 * before the read. A notification's updated_at is at least its last event's time and never goes
 * back (decision 0005), so an earlier updated_at is an earlier change, and an equal one with the
 * same status is the same change. An event from an older publisher, without its notification,
 * has only its own time to compare.
 */
function isReflectedIn(event: EventSource, current: EventSource): boolean {
  const changedAt = Date.parse(event.notification?.updatedAt ?? event.at);
  const currentAt = Date.parse(current.at);
  return changedAt < currentAt || (changedAt === currentAt && event.status === current.status);
}
