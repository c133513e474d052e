import type { Logger } from '@herald/logging';
import { connectAmqp, type AmqpConnection, type ConnectOptions } from './connect';

const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 5000;

/**
 * A broker connection that is re-established after it drops (connectAmqp connects once).
 * While it is down, `current()` is undefined and publishing fails (an outbox keeps every
 * message); `onReconnected` listeners hear as soon as the broker is back.
 */
export interface BrokerLink {
  current(): AmqpConnection | undefined;
  /** Calls `listener` with every new connection after a drop. */
  onReconnected(listener: (connection: AmqpConnection) => void): void;
  check(): Promise<void>;
  close(): Promise<void>;
}

/** The first connection must succeed (UnreachableDependencyError naming AMQP_URL otherwise). */
export async function connectBrokerLink(options: {
  url: string;
  prefix: string;
  log: Logger;
  connectOptions?: ConnectOptions;
}): Promise<BrokerLink> {
  const { log } = options;
  let connection: AmqpConnection | undefined;
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

  const reconnect = async () => {
    if (closing) return;
    try {
      const next = await connectAmqp(options.url, options.prefix, log, options.connectOptions);
      if (closing) {
        await next.close();
        return;
      }
      failures = 0;
      adopt(next);
      log.info('amqp connection re-established');
      for (const listener of listeners) listener(next);
    } catch (error) {
      failures += 1;
      log.warn({ err: error, failures }, 'amqp reconnect failed; trying again');
      scheduleReconnect();
    }
  };

  adopt(await connectAmqp(options.url, options.prefix, log, options.connectOptions));
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
