import type { ChannelModel } from 'amqplib';

export type AmqpChannel = Awaited<ReturnType<ChannelModel['createChannel']>>;

/** RabbitMQ's answer to a declaration whose arguments differ from the existing queue's. */
const PRECONDITION_FAILED = 406;

/**
 * Runs `work` on a channel of its own, so a refused declaration closes only that channel; false
 * when RabbitMQ refused it with PRECONDITION_FAILED, other errors thrown.
 */
export async function onOwnChannel<T>(
  connection: ChannelModel,
  work: (channel: AmqpChannel) => Promise<T>,
): Promise<T | false> {
  const channel = await connection.createChannel();
  // The refusal also arrives as a channel 'error' event; the rejected call below reports it.
  channel.on('error', () => undefined);
  try {
    const result = await work(channel);
    await channel.close();
    return result;
  } catch (error) {
    if ((error as { code?: unknown }).code === PRECONDITION_FAILED) return false;
    await channel.close().catch(() => undefined);
    throw error;
  }
}
