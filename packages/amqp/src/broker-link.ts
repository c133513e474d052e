import type { Logger } from '@herald/logging';
import { connectAmqp, type AmqpConnection, type ConnectOptions } from './connect';
import { QueueTypeMismatchError } from './queue-type';

const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 5000;

/**
 * A broker connection that is re-established after it drops (connectAmqp connects once), on
 * another node of the cluster when AMQP_URL lists several. While it is down, `current()` is
 * undefined and publishing fails (an outbox keeps every message, and a publish whose confirm was
 * lost is published again, which the workers' claim by id makes harmless); `onReconnected`
 * listeners hear as soon as a node is reached.
 */
export interface BrokerLink {
  current(): AmqpConnection | undefined;
  /** Calls `listener` with every new connection after a drop. */
  onReconnected(listener: (connection: AmqpConnection) => void): void;
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects to the first node of `urls` that answers, in order; one of them must (an
 * UnreachableDependencyError naming AMQP_URL otherwise).
 */
export async function connectBrokerLink(options: {
  urls: readonly string[];
  prefix: string;
  log: Logger;
  connectOptions?: ConnectOptions;
}): Promise<BrokerLink> {
  const { log, urls } = options;
  if (urls.length === 0) throw new Error('AMQP_URL lists no node');
  let connection: AmqpConnection | undefined;
  /** The node of the current (or last) connection; a reconnection starts with the next one. */
  let node = 0;
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const listeners: ((connection: AmqpConnection) => void)[] = [];

  const adopt = (next: AmqpConnection) => {
    connection = next;
    next.connection.once('close', () => {
      if (connection === next) connection = undefined;
      if (!closing) scheduleReconnect();
    });
  };

  const scheduleReconnect = () => {
    clearTimeout(timer);
    const delay = Math.min(RECONNECT_MIN_MS * 2 ** failures, RECONNECT_MAX_MS);
    timer = setTimeout(() => void reconnect(), delay);
    timer.unref();
  };

  /** Tries each node once, from `first` on; the last node's error when none can be used. */
  const connectFrom = async (first: number): Promise<AmqpConnection> => {
    let lastError: unknown;
    for (let offset = 0; offset < urls.length; offset += 1) {
      const index = (first + offset) % urls.length;
      try {
        const next = await connectAmqp(urls[index] as string, options.prefix, log, options.connectOptions);
        node = index;
        return next;
      } catch (error) {
        // Every node holds the same queues: another node would refuse them too.
        if (error instanceof QueueTypeMismatchError) throw error;
        lastError = error;
        if (urls.length > 1)
          log.warn({ err: error, node: index + 1 }, 'amqp node unavailable; trying the next');
      }
    }
    throw lastError;
  };

  const reconnect = async () => {
    if (closing) return;
    try {
      const next = await connectFrom(node + 1);
      if (closing) {
        await next.close();
        return;
      }
      failures = 0;
      adopt(next);
      log.info({ node: node + 1 }, 'amqp connection re-established');
      for (const listener of listeners) listener(next);
    } catch (error) {
      failures += 1;
      log.warn({ err: error, failures }, 'amqp reconnect failed; trying again');
      scheduleReconnect();
    }
  };

  adopt(await connectFrom(0));
  return {
    current: () => connection,
    onReconnected: (listener) => void listeners.push(listener),
    check: async () => {
      if (!connection) throw new Error('amqp connection is down; reconnecting');
      await connection.check();
    },
    close: async () => {
      closing = true;
      clearTimeout(timer);
      await connection?.close();
    },
  };
}
