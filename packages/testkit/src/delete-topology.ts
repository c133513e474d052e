import amqp from 'amqplib';
import { topologyNames } from '@herald/amqp';

/** Deletes the exchanges and queues declared under an AMQP prefix. */
export async function deleteTopology(url: string, prefix: string): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    const names = topologyNames(prefix);
    const queues = [
      ...Object.values(names.queues),
      names.failedQueue,
      ...names.retryQueues.map((q) => q.name),
    ];
    for (const queue of queues) await channel.deleteQueue(queue);
    for (const exchange of [names.directExchange, names.retryExchange, names.deadLetterExchange]) {
      await channel.deleteExchange(exchange);
    }
    await channel.close();
  } finally {
    await connection.close();
  }
}
