import type { Logger } from '@herald/logging';
import type { Recipient, RenderedContent } from './delivery-channel';
import type { DeliveryPeers } from './delivery-peers';
import { classifyFailure } from './failure-policy';

export interface FallbackCacheOptions {
  /** The oldest copy still used when its source cannot be reached. */
  readonly maxAgeMs: number;
  /** Entries per cache; the oldest entry makes room. */
  readonly maxEntries: number;
  readonly now?: () => number;
}

/**
 * Users and rendered templates, remembered from the last successful call, and used only when
 * the peer fails transiently (unreachable, overloaded). A permanent answer (not found, missing
 * variables) is never papered over, and a copy older than maxAgeMs is not used at all.
 */
export function withFallbackCache<P extends DeliveryPeers>(
  peers: P,
  options: FallbackCacheOptions,
  log: Logger,
): P {
  const users = createFallback<Recipient>(options, log, 'user');
  const renders = createFallback<RenderedContent>(options, log, 'rendered template');
  return {
    ...peers,
    users: { ...peers.users, getUser: (id) => users(id, () => peers.users.getUser(id)) },
    templates: {
      ...peers.templates,
      // The notification's variables are part of the key: a copy is the same notification's rendering.
      render: (request) => renders(JSON.stringify(request), () => peers.templates.render(request)),
    },
  };
}

function createFallback<T>(
  { maxAgeMs, maxEntries, now = Date.now }: FallbackCacheOptions,
  log: Logger,
  what: string,
) {
  const entries = new Map<string, { value: T; at: number }>();
  return async (key: string, load: () => Promise<T>): Promise<T> => {
    try {
      const value = await load();
      entries.delete(key);
      entries.set(key, { value, at: now() });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    } catch (error) {
      const cached = entries.get(key);
      if (classifyFailure(error).permanent || !cached || now() - cached.at > maxAgeMs) throw error;
      log.warn({ err: error, age_ms: now() - cached.at }, `using the cached ${what}`);
      return cached.value;
    }
  };
}
