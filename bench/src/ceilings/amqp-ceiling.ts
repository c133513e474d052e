import { performance } from 'node:perf_hooks';
import { connect } from 'amqplib';
import { round } from '../stats';
import type { Ceiling } from './ceiling';

/** Confirms outstanding at once, as a pipelining publisher would keep them. */
const CONFIRM_WINDOW = 500;
const PREFETCH = 200;

/**
 * Raw amqplib: persistent messages of a queue message's size published on a confirm channel
 * into a durable queue, and consumed with one ack each, as Herald's workers do.
 */
export async function measureAmqpCeiling(url: string, queue: string, messages: number): Promise<Ceiling> {
  const connection = await connect(url);
  try {
    const publisher = await connection.createConfirmChannel();
    const consumer = await connection.createChannel();
    await publisher.assertQueue(queue, { durable: true });
    await consumer.prefetch(PREFETCH);
    const body = Buffer.from(JSON.stringify({ notification_id: '0'.repeat(36), padding: 'x'.repeat(300) }));
    const start = performance.now();
    let consumed = 0;
    let publishedAt = start;
    const allConsumed = new Promise<void>((resolve) => {
      void consumer.consume(queue, (message) => {
        if (!message) return;
        consumer.ack(message);
        consumed += 1;
        if (consumed === messages) resolve();
      });
    });
    let outstanding = 0;
    let confirmed: () => void = () => undefined;
    for (let sent = 0; sent < messages; sent += 1) {
      if (outstanding >= CONFIRM_WINDOW) await new Promise<void>((resolve) => (confirmed = resolve));
      outstanding += 1;
      publisher.sendToQueue(queue, body, { persistent: true }, () => {
        outstanding -= 1;
        if (outstanding < CONFIRM_WINDOW / 2) confirmed();
      });
    }
    await publisher.waitForConfirms();
    publishedAt = performance.now();
    await allConsumed;
    const seconds = (performance.now() - start) / 1000;
    await publisher.deleteQueue(queue);
    return {
      name: 'amqp',
      title: 'RabbitMQ: persistent publish with confirms + consume with acks (amqplib)',
      perSecond: round(messages / seconds) ?? 0,
      unit: 'messages/s',
      detail: {
        messages,
        publishedPerSecond: round(messages / ((publishedAt - start) / 1000)),
        seconds: round(seconds, 2),
      },
    };
  } finally {
    await connection.close();
  }
}
