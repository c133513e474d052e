import type { CredentialSource } from './credential.ts';

export interface ReconnectPolicy {
  /** Reconnections tried in a row before a watch fails with the last close; Infinity by default. */
  readonly attempts: number;
  /** The first wait; each next one doubles, up to maxDelayMs, with jitter. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface HeraldClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:8000/graphql`. */
  readonly url: string;
  /** Where subscriptions go; by default `url` with ws: or wss:. */
  readonly subscriptionUrl?: string;
  readonly credential?: CredentialSource;
  /** Sent with every HTTP request (e.g. `x-correlation-id`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Defaults to the global fetch (Node 20+, browsers). */
  readonly fetch?: typeof fetch;
  /**
   * A WebSocket constructor for subscriptions; defaults to the global WebSocket (browsers,
   * Node 22+). On Node 20, pass the `ws` package's default export.
   */
  readonly webSocketImpl?: unknown;
  readonly reconnect?: Partial<ReconnectPolicy>;
  /**
   * The subscription connection is back after it dropped. Watches go on by themselves, but the
   * changes of the gap were not delivered: refetch what a `watchUser` view shows.
   */
  readonly onReconnected?: () => void;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = {
  attempts: Infinity,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
};

/** Per call: a signal to abort it (a React effect's cleanup) and headers of its own. */
export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
}
