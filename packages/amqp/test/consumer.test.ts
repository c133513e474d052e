import amqp from 'amqplib';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import {
  connectAmqp,
  consumeQueue,
  createPublisher,
  type AmqpConnection,
  type ConsumerHandle,
  type Outcome,
} from '../src';

interface Job {
  readonly id: string;
  readonly attempt: number;
}

const log = createLogger({ service: 'amqp-test', level: 'silent' });
const environment = createTestEnvironment();
let connection: AmqpConnection;
let consumer: ConsumerHandle | undefined;
const seen: Job[] = [];
let decide: (job: Job) => Outcome = () => ({ kind: 'ack' });

beforeAll(async () => {
  connection = await connectAmqp(environment.amqpUrl, environment.amqpPrefix, log);
  consumer = await consumeQueue(
    connection,
    { queue: connection.names.queues.email, routingKey: 'email', prefetch: 5 },
    {
      parse: (body) => {
        const job = body as Partial<Job>;
        if (typeof job.id !== 'string' || typeof job.attempt !== 'number')
          throw new Error('id and attempt are required');
        return job as Job;
      },
      attemptOf: (job) => job.attempt,
      withAttempt: (job, attempt) => ({ ...job, attempt }),
      notificationIdOf: (job) => job.id,
      handle: async (job) => {
        seen.push(job);
        return decide(job);
      },
    },
    log,
  );
});

afterAll(async () => {
  await consumer?.stop();
  await connection?.close();
  await environment.cleanup();
});

async function publish(body: unknown): Promise<void> {
  await createPublisher(connection.publishChannel).publishJson(
    connection.names.directExchange,
    'email',
    body,
  );
}

async function takeDeadLetter(): Promise<amqp.GetMessage> {
  const channel = await connection.createChannel();
  try {
    return await waitFor(() => channel.get(connection.names.failedQueue, { noAck: true }), {
      description: 'a message in failed.queue',
    });
  } finally {
    await channel.close();
  }
}

describe('consumeQueue', () => {
  it('retries a message through the delay queue and delivers it again with the next attempt', async () => {
    decide = (job) => (job.attempt === 1 ? { kind: 'retry', reason: 'smtp timeout' } : { kind: 'ack' });
    await publish({ id: 'retry-me', attempt: 1 });
    await waitFor(() => seen.some((job) => job.id === 'retry-me' && job.attempt === 2), {
      description: 'the second attempt',
    });
    expect(seen.filter((job) => job.id === 'retry-me').map((job) => job.attempt)).toEqual([1, 2]);
  });

  it('dead-letters an unparseable message with the reason, and keeps consuming', async () => {
    decide = () => ({ kind: 'ack' });
    await connection.publishChannel.publish(
      connection.names.directExchange,
      'email',
      Buffer.from('{not json'),
    );
    const dead = await takeDeadLetter();
    expect(String(dead.properties.headers?.['x-herald-error'])).toMatch(/unparseable/);

    await publish({ id: 'after-poison', attempt: 1 });
    await waitFor(() => seen.some((job) => job.id === 'after-poison'), { description: 'the next message' });
  });

  it('dead-letters a message the handler calls permanent, with its attempts', async () => {
    decide = () => ({ kind: 'dead-letter', reason: 'mailbox does not exist' });
    await publish({ id: 'permanent', attempt: 3 });
    const dead = await takeDeadLetter();
    expect(dead.properties.headers).toMatchObject({
      'x-herald-error': 'mailbox does not exist',
      'x-herald-attempts': 3,
    });
    expect(JSON.parse(dead.content.toString())).toEqual({ id: 'permanent', attempt: 3 });
  });

  it('requeues a message without using an attempt', async () => {
    let requeued = false;
    decide = (job) => {
      if (job.id !== 'requeue-me' || requeued) return { kind: 'ack' };
      requeued = true;
      return { kind: 'requeue', reason: 'breaker open' };
    };
    await publish({ id: 'requeue-me', attempt: 1 });
    await waitFor(() => seen.filter((job) => job.id === 'requeue-me').length === 2, {
      description: 'the message again',
    });
    expect(seen.filter((job) => job.id === 'requeue-me').map((job) => job.attempt)).toEqual([1, 1]);
  });

  it('leaves messages in the queue while paused and takes them after resume', async () => {
    decide = () => ({ kind: 'ack' });
    await consumer!.pause();
    await publish({ id: 'while-paused', attempt: 1 });
    const channel = await connection.createChannel();
    try {
      await waitFor(
        async () => (await channel.checkQueue(connection.names.queues.email)).messageCount === 1,
        {
          description: 'the message waiting in the queue',
        },
      );
      expect(seen.some((job) => job.id === 'while-paused')).toBe(false);
    } finally {
      await channel.close();
    }
    await consumer!.resume();
    await waitFor(() => seen.some((job) => job.id === 'while-paused'), {
      description: 'the message after resume',
    });
  });
});
