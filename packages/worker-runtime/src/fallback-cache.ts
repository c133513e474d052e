import { createTtlCache } from '@herald/cache';
import type { Logger } from '@herald/logging';
import type { Recipient } from './delivery-channel';
import type { TemplateVersions, TemplateVersionSource, UserDirectory } from './delivery-peers';
import { classifyFailure } from './failure-policy';

export interface FallbackCacheOptions {
  /** The oldest copy still used when its source cannot be reached. */
  readonly maxAgeMs: number;
  /** Entries per cache; the least recently used entry makes room. */
  readonly maxEntries: number;
  readonly now?: () => number;
}

/** The lookups a worker makes before it can send. */
export interface LookupPeers {
  readonly users: UserDirectory;
  readonly templateVersions: TemplateVersions;
}

/**
 * Users and template versions, remembered from the last successful call, and used only when
 * the peer fails transiently (unreachable, overloaded). A permanent answer (not found) is never
 * papered over, and a copy older than maxAgeMs is not used at all.
 */
export function withFallbackCache<P extends LookupPeers>(
  peers: P,
  options: FallbackCacheOptions,
  log: Logger,
): P {
  const users = createFallback<Recipient>(options, log, 'user');
  const versions = createFallback<TemplateVersionSource>(options, log, 'template version');
  return {
    ...peers,
    users: { ...peers.users, getUser: (id) => users(id, () => peers.users.getUser(id)) },
    templateVersions: {
      ...peers.templateVersions,
      // A copy serves any notification asking for the same version: rendering happens here.
      getVersion: (request) =>
        versions(`${request.code}\u0000${request.locale}\u0000${request.version}`, () =>
          peers.templateVersions.getVersion(request),
        ),
    },
  };
}

function createFallback<T>(
  { maxAgeMs, maxEntries, now = Date.now }: FallbackCacheOptions,
  log: Logger,
  what: string,
) {
  // A copy expires maxAgeMs after it was taken; `at` only tells the log how old it is.
  const copies = createTtlCache<{ readonly value: T; readonly at: number }>(maxEntries, now);
  return async (key: string, load: () => Promise<T>): Promise<T> => {
    try {
      const value = await load();
      copies.set(key, { value, at: now() }, maxAgeMs);
      return value;
    } catch (error) {
      const copy = copies.get(key);
      if (classifyFailure(error).permanent || !copy) throw error;
      log.warn({ err: error, age_ms: now() - copy.at }, `using the cached ${what}`);
      return copy.value;
    }
  };
}
