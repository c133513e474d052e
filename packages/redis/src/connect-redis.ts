import { Redis, type RedisOptions } from 'ioredis';
import type { RedisSettings } from '@herald/config';
import type { CleanupStack } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';

export interface RedisConnection {
  /** Commands; every key gets the prefix (ioredis keyPrefix). */
  readonly client: Redis;
  readonly prefix: string;
  /** Prefixes a pub/sub channel name (keyPrefix does not apply to channels). */
  channel(name: string): string;
  /** A second connection in subscriber mode, created on first use. */
  subscriber(): Redis;
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Redis holds nothing that cannot be rebuilt (docs/architecture.md, Databases), so a service starts and runs
 * without it: commands fail fast while it is down (no offline queue), callers fall back, and
 * the client keeps reconnecting in the background. Every Redis connection of a service is made
 * here, to one server or, in Sentinel mode, to whichever server the sentinels name as primary.
 */
export function connectRedis(settings: RedisSettings, log: Logger): RedisConnection {
  const { url, prefix } = settings;
  const options: RedisOptions = {
    keyPrefix: prefix,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // ioredis keeps a timer this long after disconnect() to destroy a socket that will not end.
    disconnectTimeout: 200,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
    // A connection that is accepted and then dropped (a proxy or load balancer in front of a dead
    // Redis) keeps a sent command waiting for the reconnect; bounded, the caller falls back.
    commandTimeout: 1000,
    // Commands issued in the same tick go out in one write (one syscall, one round trip):
    // a request's GET, SET and PUBLISHes, or many requests' at once.
    enableAutoPipelining: true,
    // A server demoted to replica (a failover) refuses writes: reconnecting finds the primary again.
    // The command itself fails, and its caller falls back as it does with Redis down.
    reconnectOnError: isReadOnlyReply,
    ...(settings.sentinel && sentinelOptions(url, settings.sentinel)),
  };
  const client = new Redis(url, options);
  let subscriber: Redis | undefined;
  let lastError = '';
  const onError = (error: Error) => {
    // A down Redis retries every two seconds; log each distinct failure once.
    if (error.message !== lastError) log.warn({ err: error }, 'redis unavailable; continuing without it');
    lastError = error.message;
  };
  client.on('error', onError);
  client.on('ready', () => (lastError = ''));
  return {
    client,
    prefix,
    channel: (name) => `${prefix}${name}`,
    subscriber() {
      if (!subscriber) {
        subscriber = new Redis(url, {
          ...options,
          keyPrefix: undefined,
          enableAutoPipelining: false,
          enableOfflineQueue: true,
          maxRetriesPerRequest: null,
          // SUBSCRIBE waits for Redis however long it takes: its promise is kept for every listener.
          commandTimeout: undefined,
        });
        subscriber.on('error', onError);
      }
      return subscriber;
    },
    check: async () => {
      await client.ping();
    },
    close: async () => {
      await Promise.all([client, subscriber].map((connection) => connection && closeGracefully(connection)));
    },
  };
}

/** connectRedis for an app: the connection is closed when the app's cleanup stack runs. */
export function connectRedisOn(cleanup: CleanupStack, settings: RedisSettings, log: Logger): RedisConnection {
  return cleanup.push('redis', connectRedis(settings, log), (connection) => connection.close());
}

/** QUIT lets the socket end cleanly; a connection that is not up is just dropped. */
async function closeGracefully(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    await connection.quit().catch(() => connection.disconnect());
  } else {
    connection.disconnect();
  }
}

/**
 * Sentinel mode: ask the sentinels for the primary on every (re)connect, and watch them for a
 * failover, so a connection to a primary that was demoted without dying also moves.
 */
function sentinelOptions(url: string, sentinel: NonNullable<RedisSettings['sentinel']>): RedisOptions {
  return {
    sentinels: sentinel.addresses.map(({ host, port }) => ({ host, port })),
    name: sentinel.name,
    // rediss: means TLS to the data nodes; the sentinels themselves are asked in plain TCP.
    enableTLSForSentinelMode: new URL(url).protocol === 'rediss:',
    sentinelRetryStrategy: (times: number) => Math.min(times * 200, 2000),
    // A sentinel that accepts and never answers would hold the lookup; bounded, the next one is asked.
    sentinelCommandTimeout: 1000,
  };
}

/**
 * A Redis error reply begins with its error code (READONLY, ERR, MOVED …) by the protocol; ioredis
 * passes the reply on as the message, so the code is read from its first word.
 */
function isReadOnlyReply(error: Error): boolean {
  return error.message.split(' ', 1)[0] === 'READONLY';
}
