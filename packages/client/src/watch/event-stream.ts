/**
 * A push-to-pull queue: the subscription pushes events as they come, the caller pulls them with
 * `for await`. Events buffered before a failure are read first, then the failure is thrown once.
 */
export interface EventStream<T> {
  push(value: T): void;
  fail(error: unknown): void;
  end(): void;
  next(): Promise<IteratorResult<T, undefined>>;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export function createEventStream<T>(): EventStream<T> {
  const buffered: T[] = [];
  let ended = false;
  let failure: { readonly error: unknown } | undefined;
  let waiting:
    { resolve(result: IteratorResult<T, undefined>): void; reject(error: unknown): void } | undefined;

  const settle = (): void => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (buffered.length > 0) resolve({ done: false, value: buffered.shift() as T });
    else if (failure) reject(takeFailure());
    else if (ended) resolve(DONE);
    else return;
    waiting = undefined;
  };
  const takeFailure = (): unknown => {
    const { error } = failure as { error: unknown };
    failure = undefined;
    return error;
  };

  return {
    push(value) {
      if (ended) return;
      buffered.push(value);
      settle();
    },
    fail(error) {
      if (ended) return;
      ended = true;
      failure = { error };
      settle();
    },
    end() {
      ended = true;
      settle();
    },
    next() {
      if (buffered.length > 0) return Promise.resolve({ done: false, value: buffered.shift() as T });
      if (failure) return Promise.reject(takeFailure());
      if (ended) return Promise.resolve(DONE);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
  };
}
