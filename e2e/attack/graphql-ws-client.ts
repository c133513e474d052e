import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { state } from './attack-kit';

export interface Stream {
  readonly events: unknown[];
  /** Errors sent on the stream (a refused subscription) or reported by the client. */
  readonly errors: unknown[];
  /** True once the server accepted the connection. */
  readonly ready: boolean;
  /** Settles when the socket closes, with the close code the server gave. */
  readonly closed: Promise<{ code: number; reason: string }>;
  dispose(): void;
}

/** One graphql-ws subscription on its own connection, with `credential` in connectionParams. */
export function subscribe(
  credential: string,
  query: string,
  variables: Record<string, unknown> = {},
): Stream {
  const events: unknown[] = [];
  const errors: unknown[] = [];
  let ready = false;
  let settle: (value: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (settle = resolve));
  const client = createClient({
    url: `${state.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: credential },
    retryAttempts: 0,
    on: {
      connected: () => (ready = true),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        settle({ code, reason });
      },
    },
  });
  client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    get ready() {
      return ready;
    },
    closed,
    dispose: () => void client.dispose(),
  };
}
