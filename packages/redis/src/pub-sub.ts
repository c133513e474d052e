import type { Logger } from '@herald/logging';
import type { RedisConnection } from './connect-redis';

/**
 * A prefixed pub/sub channel carrying JSON messages. Subscribing uses the connection's one
 * subscriber connection, so a process holds a single Redis subscription and fans out in memory.
 */
export interface PubSubChannel<T> {
  publish(message: T): Promise<void>;
  /** Resolves once Redis confirmed the subscription; returns the unsubscribe function. */
  subscribe(listener: (message: T) => void): Promise<() => void>;
}

export function createPubSubChannel<T>(redis: RedisConnection, name: string, log: Logger): PubSubChannel<T> {
  const channel = redis.channel(name);
  const listeners = new Set<(message: T) => void>();
  let subscribed: Promise<unknown> | undefined;

  const ensureSubscribed = () => {
    if (!subscribed) {
      const subscriber = redis.subscriber();
      subscriber.on('message', (from: string, raw: string) => {
        if (from !== channel) return;
        let message: T;
        try {
          message = JSON.parse(raw) as T;
        } catch (error) {
          log.warn({ err: error, channel }, 'ignoring a malformed pub/sub message');
          return;
        }
        for (const listener of listeners) listener(message);
      });
      subscribed = subscriber.subscribe(channel);
    }
    return subscribed;
  };

  return {
    publish: async (message: T): Promise<void> => {
      await redis.client.publish(channel, JSON.stringify(message));
    },
    subscribe: async (listener: (message: T) => void): Promise<() => void> => {
      listeners.add(listener);
      await ensureSubscribed();
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
