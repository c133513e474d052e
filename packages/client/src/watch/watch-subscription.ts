import type { ReconnectPolicy } from '../client-options.ts';
import { errorFromGraphQL } from '../errors/error-from-graphql.ts';
import { errorFromSubscriptionFailure } from '../errors/error-from-subscription.ts';
import type { SubscriptionTransport } from '../transport/subscription-transport.ts';
import type { TypedDocument } from '../transport/typed-document.ts';
import { createEventStream } from './event-stream.ts';
import { reconnectDelay } from './reconnect-delay.ts';

/**
 * Live events as an async iterable: `for await (const event of watch)`. Leaving the loop or
 * calling close() unsubscribes; a refused subscription or a lost connection that could not be
 * restored is thrown from the loop as a HeraldClientError.
 */
export interface Watch<TEvent> extends AsyncIterableIterator<TEvent, undefined> {
  close(): Promise<void>;
}

export interface WatchSpec<TData, TVariables, TEvent> {
  readonly transport: SubscriptionTransport;
  readonly document: TypedDocument<TData, TVariables>;
  readonly variables: TVariables;
  readonly toEvent: (data: TData) => TEvent;
  /** Events already yielded, which a resubscription may bring again. */
  readonly isRepeat: (event: TEvent) => boolean;
  readonly reconnect: ReconnectPolicy;
}

export function watchSubscription<TData, TVariables, TEvent>(
  spec: WatchSpec<TData, TVariables, TEvent>,
): Watch<TEvent> {
  const stream = createEventStream<TEvent>();
  const request = { query: spec.document.toString(), variables: spec.variables as Record<string, unknown> };
  let unsubscribe: (() => void) | undefined;
  let resubscription: ReturnType<typeof setTimeout> | undefined;
  let endsInARow = 0;
  let stopped = false;

  const stop = (): void => {
    stopped = true;
    clearTimeout(resubscription);
    unsubscribe?.();
  };
  const subscribe = (): void => {
    unsubscribe = spec.transport.subscribe<TData>(request, {
      next: (result) => {
        const [error] = result.errors ?? [];
        if (error) {
          stop();
          stream.fail(errorFromGraphQL(error));
        } else if (result.data) {
          endsInARow = 0;
          const event = spec.toEvent(result.data);
          if (!spec.isRepeat(event)) stream.push(event);
        }
      },
      error: (failure) => {
        stop();
        stream.fail(errorFromSubscriptionFailure(failure));
      },
      complete: () => {
        if (stopped || spec.transport.closed) {
          stream.end();
          return;
        }
        // The gateway ends a stream only when it stops (a restart, a deploy): follow it to the next one.
        const delay = reconnectDelay(endsInARow++, spec.reconnect, Math.random);
        resubscription = setTimeout(subscribe, delay);
      },
    });
  };
  subscribe();

  const close = async (): Promise<IteratorReturnResult<undefined>> => {
    stop();
    stream.end();
    return { done: true, value: undefined };
  };
  return {
    next: () => stream.next(),
    return: close,
    close: async () => {
      await close();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
