import type { Logger } from '@herald/logging';
import type { RedisConnection } from './connect-redis';
import { createPubSubChannel } from './pub-sub';

export interface ChangeFeedOptions {
  /** The channel's name, prefixed like every key of the connection. */
  readonly channel: string;
  /** The message field carrying the changed id: `{ [field]: id }`. */
  readonly field: string;
}

/** users announces a user whose profile, preferences or devices changed; notifications and the workers listen. */
export const USER_CHANGES: ChangeFeedOptions = { channel: 'users:changed', field: 'id' };
/** templates announces a code with a new published version; its replicas and notifications listen. */
export const TEMPLATE_CHANGES: ChangeFeedOptions = { channel: 'templates:changed', field: 'code' };

/** Announces that something with an id changed, so every process drops its copies. */
export interface ChangeFeed {
  /** Tells this process's listeners at once, then every process; a failed publish is logged, not thrown. */
  announce(id: string): Promise<void>;
  /** Calls `listener` with each id changed here or announced by another process. */
  onChange(listener: (id: string) => void): void;
  /** Subscribes; waits at most `waitMs` for Redis, and keeps trying in the background after that. */
  listen(waitMs: number): Promise<void>;
}

/**
 * Invalidation across processes over Redis pub/sub. Fails open: with Redis down a process keeps
 * its cached copies until their TTL ends, which bounds how long a change goes unseen.
 */
export function createChangeFeed(
  redis: RedisConnection,
  options: ChangeFeedOptions,
  log: Logger,
): ChangeFeed {
  const channel = createPubSubChannel<Record<string, unknown>>(redis, options.channel, log);
  const listeners: ((id: string) => void)[] = [];
  const notify = (id: string) => {
    for (const listener of listeners) listener(id);
  };
  return {
    async announce(id) {
      notify(id);
      try {
        await channel.publish({ [options.field]: id });
      } catch (error) {
        log.warn(
          { err: error, channel: options.channel, changed: id },
          'could not announce a change; other processes catch up on TTL',
        );
      }
    },
    onChange(listener) {
      listeners.push(listener);
    },
    async listen(waitMs) {
      const subscribed = channel.subscribe((message) => {
        const id = message?.[options.field];
        if (typeof id === 'string') notify(id);
      });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs);
      });
      const outcome = await Promise.race([
        subscribed.then(
          () => 'subscribed' as const,
          (error: unknown) => {
            log.warn({ err: error, channel: options.channel }, 'change subscription failed');
            return 'failed' as const;
          },
        ),
        timedOut,
      ]).finally(() => clearTimeout(timer));
      if (outcome !== 'subscribed') {
        log.warn(
          { channel: options.channel },
          'not subscribed to changes; changes from other processes arrive on TTL meanwhile',
        );
      }
    },
  };
}
