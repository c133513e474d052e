/**
 * A bounded push-to-pull queue: the feed pushes, graphql-ws pulls as fast as the client reads.
 * Past `limit` waiting items the consumer is too slow: onOverflow runs once and the queue ends.
 */
export interface EventQueue<T> extends AsyncIterableIterator<T> {
  push(item: T): void;
  /** Drops waiting items the predicate refuses (used once the current status is known). */
  retain(keep: (item: T) => boolean): void;
  unshift(item: T): void;
  end(): void;
}

export function createEventQueue<T>(limit: number, onOverflow: () => void, onEnd: () => void): EventQueue<T> {
  const items: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    items.length = 0;
    onEnd();
    waiting?.({ done: true, value: undefined });
    waiting = undefined;
  };
  const queue: EventQueue<T> = {
    push(item) {
      if (ended) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ done: false, value: item });
        return;
      }
      items.push(item);
      if (items.length > limit) {
        finish();
        onOverflow();
      }
    },
    unshift(item) {
      if (ended) return;
      if (waiting) queue.push(item);
      else items.unshift(item);
    },
    retain(keep) {
      const kept = items.filter(keep);
      items.splice(0, items.length, ...kept);
    },
    end: finish,
    next() {
      const item = items.shift();
      if (item !== undefined) return Promise.resolve({ done: false, value: item });
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return queue;
    },
  };
  return queue;
}
