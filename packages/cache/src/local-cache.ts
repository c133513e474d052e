import { LRUCache } from 'lru-cache';
import { clockOptions, lruTtl, type Clock } from './clock';
import { fillMisses, shareLoads, type SharedLoads } from './share-loads';

export interface LocalCache<V> {
  /**
   * The remembered value for (group, key), else `load()`'s result. Concurrent misses of one
   * (group, key) share one load. A value is remembered unless it is undefined (not found must be
   * seen at once when it is created), the load failed, or the group was invalidated while it
   * loaded (it may predate the change that caused the invalidation).
   */
  getOrLoad<R extends V | undefined>(group: string, key: string, load: () => Promise<R>): Promise<R>;
  /**
   * The values of `groups` under `key`, in their order: remembered ones from memory, the others
   * from `loadMissing`, called once with the missing groups not already loading (a group it
   * leaves out is not found: undefined). Misses share loads with every other read of the cache,
   * and are remembered as getOrLoad's are.
   */
  getOrLoadMany(
    groups: readonly string[],
    key: string,
    loadMissing: (groups: string[]) => Promise<ReadonlyMap<string, V>>,
  ): Promise<(V | undefined)[]>;
  /** The remembered value, without loading. */
  peek(group: string, key: string): V | undefined;
  /** Forgets every value of the group, including loads already under way. */
  invalidate(group: string): void;
}

interface LoadTicket<V> {
  /** Remembers a value loaded under this ticket, unless its group was invalidated since the ticket was taken. */
  remember(key: string, value: V): void;
  /** Must be called once the load settled, whatever its outcome. */
  end(): void;
}

export interface LocalCacheOptions {
  /** Groups held at most; the least recently used group makes room. */
  readonly capacity: number;
  /**
   * How long the values of a group are used, from the first one remembered: what bounds
   * staleness when an invalidation is missed. 0 remembers nothing.
   */
  readonly ttlMs: number;
  readonly now?: Clock;
}

/** The loads under way for one group; an invalidation replaces it, which voids their answers. */
interface GroupLoads<V> {
  tickets: number;
  readonly share: SharedLoads<string, V | undefined>;
}

/**
 * A process-local TTL + LRU cache of values grouped for invalidation: a template code's
 * resolutions per locale, a user's profile. Invalidating drops the group's entries and its loads
 * under way, whose answers are then not remembered. Only groups with a load under way are
 * tracked, so invalidating many groups leaves nothing behind.
 */
export function createLocalCache<V>(options: LocalCacheOptions): LocalCache<V> {
  const ttl = lruTtl(options.ttlMs);
  const groups = new LRUCache<string, Map<string, V>>({
    max: options.capacity,
    ...clockOptions(options.now),
  });
  const loading = new Map<string, GroupLoads<V>>();

  const peek = (group: string, key: string): V | undefined => groups.get(group)?.get(key);

  const loadsOf = (group: string): GroupLoads<V> => {
    let loads = loading.get(group);
    if (!loads) {
      loads = { tickets: 0, share: shareLoads() };
      loading.set(group, loads);
    }
    return loads;
  };

  const startLoad = (group: string): LoadTicket<V> => {
    const loads = loadsOf(group);
    loads.tickets += 1;
    return {
      remember(key, value) {
        if (loading.get(group) !== loads || ttl === 0) return;
        const entries = groups.get(group);
        // The group's TTL runs from its first value: a later one never extends an earlier one's life.
        if (entries) entries.set(key, value);
        else groups.set(group, new Map([[key, value]]), { ttl });
      },
      end() {
        loads.tickets -= 1;
        if (loads.tickets === 0 && loading.get(group) === loads) loading.delete(group);
      },
    };
  };

  /**
   * Joins the (group, key) load under way, else starts `load`. Its value is remembered unless it
   * is undefined or the group was invalidated meanwhile.
   */
  const loadShared = <R extends V | undefined>(group: string, key: string, load: () => Promise<R>) =>
    loadsOf(group).share(key, async () => {
      const ticket = startLoad(group);
      try {
        const value = await load();
        if (value !== undefined) ticket.remember(key, value);
        return value;
      } finally {
        ticket.end();
      }
    }) as Promise<R>;

  return {
    async getOrLoad<R extends V | undefined>(group: string, key: string, load: () => Promise<R>) {
      const remembered = peek(group, key);
      if (remembered !== undefined) return remembered as R;
      return loadShared(group, key, load);
    },
    getOrLoadMany(asked, key, loadMissing) {
      const loads = {
        isLoading: (group: string) => loading.get(group)?.share.has(key) ?? false,
        load: (group: string, load: () => Promise<V | undefined>) => loadShared(group, key, load),
      };
      const remembered = asked.map((group) => peek(group, key));
      return fillMisses(asked, remembered, loads, loadMissing);
    },
    peek,
    invalidate(group) {
      groups.delete(group);
      loading.delete(group);
    },
  };
}
