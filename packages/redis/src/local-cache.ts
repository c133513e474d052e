import { createLruCache } from './lru-cache';

export interface LocalCache<V> {
  /**
   * The remembered value for (group, key), else `load()`'s result. A value is remembered unless
   * it is undefined (not found must be seen at once when it is created) or the group was
   * invalidated while it loaded (it may predate the change that caused the invalidation).
   */
  getOrLoad<R extends V | undefined>(group: string, key: string, load: () => Promise<R>): Promise<R>;
  /** The remembered value, without loading. */
  peek(group: string, key: string): V | undefined;
  /** For a load that answers several groups at once: remember its answers with the returned ticket. */
  startLoad(group: string): LoadTicket<V>;
  /** Forgets every value of the group, including loads already under way. */
  invalidate(group: string): void;
}

export interface LoadTicket<V> {
  /** Remembers a value loaded under this ticket, unless its group was invalidated since the ticket was taken. */
  remember(key: string, value: V): void;
  /** Must be called once the load settled, whatever its outcome. */
  end(): void;
}

export interface LocalCacheOptions {
  /** Groups held at most; the least recently used group makes room. */
  readonly capacity: number;
  /** How long a value is used: what bounds staleness when an invalidation is missed. 0 remembers nothing. */
  readonly ttlMs: number;
  readonly now?: () => number;
}

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * A process-local TTL + LRU cache of values grouped for invalidation: a template code's
 * resolutions per locale, a user's profile. Invalidating drops the group's entries; a load under
 * way when its group is invalidated is counted, so its answer is not remembered. Only groups with
 * a load under way are tracked, so invalidating many groups leaves nothing behind.
 */
export function createLocalCache<V>(options: LocalCacheOptions): LocalCache<V> {
  const now = options.now ?? Date.now;
  const groups = createLruCache<string, Map<string, Entry<V>>>(options.capacity);
  const loading = new Map<string, { loads: number; generation: number }>();

  const peek = (group: string, key: string): V | undefined => {
    const entry = groups.get(group)?.get(key);
    return entry && entry.expiresAt > now() ? entry.value : undefined;
  };

  const startLoad = (group: string): LoadTicket<V> => {
    const state = loading.get(group) ?? { loads: 0, generation: 0 };
    state.loads += 1;
    loading.set(group, state);
    const generation = state.generation;
    let ended = false;
    return {
      remember(key, value) {
        if (state.generation !== generation || options.ttlMs <= 0) return;
        const entries = groups.get(group) ?? new Map<string, Entry<V>>();
        entries.set(key, { value, expiresAt: now() + options.ttlMs });
        groups.set(group, entries);
      },
      end() {
        if (ended) return;
        ended = true;
        state.loads -= 1;
        if (state.loads === 0) loading.delete(group);
      },
    };
  };

  return {
    async getOrLoad<R extends V | undefined>(group: string, key: string, load: () => Promise<R>) {
      const remembered = peek(group, key);
      if (remembered !== undefined) return remembered as R;
      const ticket = startLoad(group);
      try {
        const value = await load();
        if (value !== undefined) ticket.remember(key, value as V);
        return value;
      } finally {
        ticket.end();
      }
    },
    peek,
    startLoad,
    invalidate(group) {
      groups.delete(group);
      const state = loading.get(group);
      if (state) state.generation += 1;
    },
  };
}
