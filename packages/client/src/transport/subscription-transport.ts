import { createClient, type Client } from 'graphql-ws/client';
import type { ReconnectPolicy } from '../client-options.ts';
import { authorizationOf, readCredential, type CredentialSource } from '../credential.ts';
import { reconnectDelay } from '../watch/reconnect-delay.ts';

export interface SubscriptionTransportOptions {
  readonly url: string;
  readonly webSocketImpl: unknown;
  readonly credential: CredentialSource | undefined;
  readonly reconnect: ReconnectPolicy;
  readonly onReconnected: () => void;
}

export interface SubscriptionResult<TData> {
  readonly data?: TData | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface SubscriptionSink<TData> {
  next(result: SubscriptionResult<TData>): void;
  /** GraphQL errors refusing the subscription, or the close that ended the reconnections. */
  error(error: unknown): void;
  complete(): void;
}

export interface SubscriptionTransport {
  subscribe<TData>(
    request: { readonly query: string; readonly variables: Record<string, unknown> },
    sink: SubscriptionSink<TData>,
  ): () => void;
  readonly closed: boolean;
  close(): Promise<void>;
}

/** The gateway closes with 4403 when it refuses the credential: the same one would be refused again. */
export const CREDENTIAL_REFUSED = 4403;
/** The gateway's close when a credential holds too many subscription connections. */
export const TOO_MANY_CONNECTIONS = 4029;

/**
 * One graphql-ws connection for every watch of a client, opened at the first and closed a moment
 * after the last. A dropped connection is opened again with backoff and graphql-ws subscribes
 * each watch again; the credential is read at each connection.
 */
export function createSubscriptionTransport(options: SubscriptionTransportOptions): SubscriptionTransport {
  let client: Client | undefined;
  let closed = false;
  const connect = (): Client =>
    createClient({
      url: options.url,
      webSocketImpl: options.webSocketImpl,
      connectionParams: () => {
        const authorization = authorizationOf(readCredential(options.credential));
        return authorization ? { authorization } : {};
      },
      lazyCloseTimeout: 1_000,
      retryAttempts: options.reconnect.attempts,
      retryWait: (retries) =>
        new Promise((resolve) =>
          setTimeout(resolve, reconnectDelay(retries, options.reconnect, Math.random)),
        ),
      on: {
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) options.onReconnected();
        },
      },
      shouldRetry: (failure) => {
        const code = closeCodeOf(failure);
        return code !== undefined && code !== CREDENTIAL_REFUSED;
      },
    });
  return {
    subscribe(request, sink) {
      if (closed) throw new Error('the Herald client is closed');
      client ??= connect();
      return client.subscribe(request, sink);
    },
    get closed() {
      return closed;
    },
    async close() {
      closed = true;
      await client?.dispose();
    },
  };
}

/** The code of a WebSocket close event (a browser CloseEvent, or what ws and graphql-ws give). */
export function closeCodeOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value) || !('reason' in value))
    return undefined;
  return typeof value.code === 'number' ? value.code : undefined;
}
