import { randomUUID } from 'node:crypto';
import amqp, { type ChannelModel } from 'amqplib';
import { captureLog, createTestEnvironment, waitFor } from '@herald/testkit';
import { declareTopology, topologyNames, type FailedQueueBound, type TopologyNames } from '../src';

const environment = createTestEnvironment();
let connection: ChannelModel;
const declared: TopologyNames[] = [];

beforeAll(async () => {
  connection = await amqp.connect(environment.amqpUrl);
});

afterAll(async () => {
  const channel = await connection.createChannel();
  for (const names of declared) {
    for (const queue of [
      ...Object.values(names.queues),
      names.failedQueue,
      ...names.retryQueues.map((q) => q.name),
    ])
      await channel.deleteQueue(queue);
    for (const exchange of [names.directExchange, names.retryExchange, names.deadLetterExchange])
      await channel.deleteExchange(exchange);
  }
  await connection.close();
  await environment.cleanup();
});

/** A topology of its own, with a small failed.queue bound. */
function topology(bound: FailedQueueBound): TopologyNames {
  const names = topologyNames(`${environment.amqpPrefix}${randomUUID().slice(0, 8)}.`, [60_000], bound);
  declared.push(names);
  return names;
}

/** Dead-letters `count` messages numbered from 1, as a worker's nack would (through the DLX). */
async function deadLetter(names: TopologyNames, count: number): Promise<void> {
  const channel = await connection.createConfirmChannel();
  for (let number = 1; number <= count; number += 1) {
    channel.publish(names.deadLetterExchange, '', Buffer.from(String(number)), { persistent: true });
  }
  await channel.waitForConfirms();
  await channel.close();
}

async function held(names: TopologyNames): Promise<string[]> {
  const channel = await connection.createChannel();
  const bodies: string[] = [];
  for (
    let message = await channel.get(names.failedQueue);
    message;
    message = await channel.get(names.failedQueue)
  ) {
    bodies.push(message.content.toString());
  }
  await channel.close(); // unacked: they return to the queue
  return bodies;
}

async function depth(names: TopologyNames): Promise<number> {
  const channel = await connection.createChannel();
  const { messageCount } = await channel.checkQueue(names.failedQueue);
  await channel.close();
  return messageCount;
}

describe('failed.queue', () => {
  it('keeps the newest dead letters up to its length, dropping the oldest', async () => {
    const names = topology({ maxLength: 3, messageTtlMs: 3_600_000 });
    await declareTopology(connection, names, captureLog('amqp-test').log);

    await deadLetter(names, 5);

    expect(await held(names)).toEqual(['3', '4', '5']);
  });

  it('lets dead letters expire past their age', async () => {
    const names = topology({ maxLength: 100, messageTtlMs: 300 });
    await declareTopology(connection, names, captureLog('amqp-test').log);

    await deadLetter(names, 2);

    await waitFor(async () => (await depth(names)) === 0, { description: 'dead letters expired' });
  });

  it('declares an empty unbounded queue of an earlier version again, bounded', async () => {
    const names = topology({ maxLength: 2, messageTtlMs: 3_600_000 });
    const setup = await connection.createChannel();
    await setup.assertQueue(names.failedQueue, { durable: true });
    await setup.close();
    const { log, lines } = captureLog('amqp-test');

    await declareTopology(connection, names, log);
    await deadLetter(names, 4);

    expect(await held(names)).toEqual(['3', '4']);
    expect(lines.map((line) => line.message)).toContain(
      'failed queue declared again with its bound (it was empty)',
    );
  });

  it('keeps an unbounded queue that holds dead letters, and says how to finish', async () => {
    const names = topology({ maxLength: 2, messageTtlMs: 3_600_000 });
    const setup = await connection.createChannel();
    await setup.assertQueue(names.failedQueue, { durable: true });
    await setup.sendToQueue(names.failedQueue, Buffer.from('old'));
    await setup.close();
    const { log, lines } = captureLog('amqp-test');

    await declareTopology(connection, names, log);
    await deadLetter(names, 3);

    // The rest of the topology is declared: dead letters still reach the old queue, none dropped.
    expect(await held(names)).toEqual(['old', '1', '2', '3']);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', queue: names.failedQueue, messages: 1 }),
    );
  });
});
