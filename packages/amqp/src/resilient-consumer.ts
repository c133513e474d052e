import type { Logger } from '@herald/logging';
import type { BrokerLink } from './broker-link';
import type { AmqpConnection } from './connect';
import { consumeQueue, type ConsumeOptions, type ConsumerHandle, type MessageHandler } from './consumer';

/**
 * A consumer that outlives broker outages: it starts on the link's connection and again on
 * every reconnection, keeping a pause (an open circuit breaker) across them. Messages that were
 * in flight when the connection dropped are redelivered by the broker; the handler's claim
 * makes them safe to see twice.
 */
export async function consumeAcrossReconnects<T>(
  link: BrokerLink,
  options: ConsumeOptions,
  handler: MessageHandler<T>,
  log: Logger,
): Promise<ConsumerHandle> {
  let current: ConsumerHandle | undefined;
  let paused = false;
  let stopped = false;

  const startOn = async (connection: AmqpConnection) => {
    // Started paused when the pause is on, so a reconnection never takes a message meanwhile.
    const next = await consumeQueue(connection, options, handler, log, { paused });
    if (stopped) return next.stop();
    current = next;
    // The pause may have changed while the consumer started.
    await (paused ? next.pause() : next.resume());
  };

  const initial = link.current();
  if (!initial) throw new Error('the broker link has no connection');
  await startOn(initial);
  link.onReconnected((connection) => {
    if (stopped) return;
    startOn(connection).catch((error: unknown) =>
      log.error({ err: error, queue: options.queue }, 'could not resume consuming after a reconnect'),
    );
  });

  return {
    pause: async () => {
      paused = true;
      await current?.pause();
    },
    resume: async () => {
      paused = false;
      await current?.resume();
    },
    stop: async () => {
      stopped = true;
      await current?.stop();
    },
  };
}
