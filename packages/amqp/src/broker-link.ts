import type { Logger } from '@herald/logging';
import { connectAmqp, type AmqpConnection } from './connect';

const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 5000;

/**
 * A broker connection that is re-established after it drops (connectAmqp connects once).
 * While it is down, `current()` is undefined and publishing fails (an outbox keeps every
 * message); `onReconnected` tells the owner as soon as the broker is back.
 */
export interface BrokerLink {
  current(): AmqpConnection | undefined;
  check(): Promise<void>;
  close(): Promise<void>;
}

/** The first connection must succeed (UnreachableDependencyError naming AMQP_URL otherwise). */
export async function connectBrokerLink(options: {
  url: string;
  prefix: string;
  log: Logger;
  onReconnected: () => void;
}): Promise<BrokerLink> {
  const { log } = options;
  let connection: AmqpConnection | undefined;
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

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
      const next = await connectAmqp(options.url, options.prefix, log);
      if (closing) {
        await next.close();
        return;
      }
      failures = 0;
      adopt(next);
      log.info('amqp connection re-established');
      options.onReconnected();
    } catch (error) {
      failures += 1;
      log.warn({ err: error, failures }, 'amqp reconnect failed; trying again');
      scheduleReconnect();
    }
  };

  adopt(await connectAmqp(options.url, options.prefix, log));
  return {
    current: () => connection,
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
