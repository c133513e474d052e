import { randomUUID } from 'node:crypto';
import { createLogger } from '@herald/logging';
import { freePort, startRabbitCluster, waitFor, type RabbitCluster } from '@herald/testkit';
import {
  connectAmqp,
  connectBrokerLink,
  consumeAcrossReconnects,
  createPublisher,
  QueueTypeMismatchError,
  type BrokerLink,
  type ConnectOptions,
  type ConsumerHandle,
  type MessageHandler,
  type Outcome,
} from '../src';

/** A test message: `fate` says what the handler does with it. */
interface Job {
  readonly id: string;
  readonly attempt: number;
  readonly fate: 'ack' | 'retry-once' | 'dead-letter';
}

interface Seen {
  readonly id: string;
  readonly attempt: number;
}

const log = createLogger({ service: 'amqp-cluster-test', level: 'silent' });
const QUORUM: ConnectOptions = { queueType: 'quorum', retryStepsMs: [300] };
let cluster: RabbitCluster;
const opened: { close(): Promise<void> }[] = [];
const consumers: ConsumerHandle[] = [];

beforeAll(async () => {
  cluster = await startRabbitCluster({ nodes: 3 });
}, 300_000);

afterEach(async () => {
  for (const consumer of consumers.splice(0)) await consumer.stop();
  for (const resource of opened.splice(0)) await resource.close().catch(() => undefined);
});

afterAll(async () => {
  await cluster?.stop();
});

/** Each test declares its own topology under a prefix of its own. */
const newPrefix = () => `c${randomUUID().slice(0, 8)}.`;

async function link(urls: readonly string[], prefix: string, connectOptions = QUORUM): Promise<BrokerLink> {
  const next = await connectBrokerLink({ urls, prefix, log, connectOptions });
  opened.push(next);
  return next;
}

async function consume(on: BrokerLink, seen: Seen[]): Promise<void> {
  const handler: MessageHandler<Job> = {
    parse: (body) => body as Job,
    attemptOf: (job) => job.attempt,
    withAttempt: (job, attempt) => ({ ...job, attempt }),
    notificationIdOf: (job) => job.id,
    handle: async (job): Promise<Outcome> => {
      seen.push({ id: job.id, attempt: job.attempt });
      if (job.fate === 'retry-once' && job.attempt === 1) return { kind: 'retry', reason: 'try again' };
      if (job.fate === 'dead-letter') return { kind: 'dead-letter', reason: 'refused by the test' };
      return { kind: 'ack' };
    },
  };
  const names = on.current()!.names;
  consumers.push(
    await consumeAcrossReconnects(
      on,
      { queue: names.queues.email, routingKey: 'email', prefetch: 10 },
      handler,
      log,
    ),
  );
}

/**
 * Publishes as the outbox relay does: a publish is done only once the broker confirmed it, and one
 * that failed or whose confirm never came (its node died) is published again, on whichever node
 * the link is connected to by then, on the connection's publisher (whose channel a nack renews).
 */
async function publishUntilConfirmed(on: BrokerLink, job: Job): Promise<void> {
  for (;;) {
    const amqp = on.current();
    if (amqp) {
      const confirmed = amqp.publisher.publishJson(amqp.names.directExchange, 'email', job, {
        messageId: job.id,
      });
      const outcome = await Promise.race([
        confirmed.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 5000).unref()),
      ]).catch(() => false);
      if (outcome) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const job = (id: string, fate: Job['fate'] = 'ack'): Job => ({ id, attempt: 1, fate });
const ids = (seen: readonly Seen[]) => new Set(seen.map((entry) => entry.id));

describe('a RabbitMQ cluster (three real nodes)', () => {
  it('declares the work, retry and failed queues as quorum queues with AMQP_QUEUE_TYPE=quorum', async () => {
    const prefix = newPrefix();
    const names = (await link(cluster.urls, prefix)).current()!.names;
    const declared = (await cluster.queues()).filter((queue) => queue.name.startsWith(prefix));
    expect(Object.fromEntries(declared.map((queue) => [queue.name, queue.type]))).toEqual({
      [names.queues.email]: 'quorum',
      [names.queues.push]: 'quorum',
      [names.failedQueue]: 'quorum',
      [names.retryQueues[0]!.name]: 'quorum',
    });
  });

  it('publishes with confirms and consumes through a list of URLs whose first node is unreachable', async () => {
    const prefix = newPrefix();
    const unreachable = `amqp://guest:guest@127.0.0.1:${await freePort()}`;
    const through = await link([unreachable, ...cluster.urls], prefix);
    const seen: Seen[] = [];
    await consume(through, seen);
    const sent = Array.from({ length: 20 }, (_, index) => `m${index}`);
    for (const id of sent) await publishUntilConfirmed(through, job(id));
    await waitFor(() => ids(seen).size === sent.length, { description: 'every message consumed' });
    expect([...ids(seen)].sort()).toEqual([...sent].sort());
  });

  it('retries through a quorum retry queue and dead-letters to a quorum failed.queue', async () => {
    const prefix = newPrefix();
    const on = await link(cluster.urls, prefix);
    const seen: Seen[] = [];
    await consume(on, seen);
    await publishUntilConfirmed(on, job('retried', 'retry-once'));
    await publishUntilConfirmed(on, job('refused', 'dead-letter'));

    await waitFor(() => seen.some((entry) => entry.id === 'retried' && entry.attempt === 2), {
      description: 'the retried message back from its retry queue with attempt 2',
    });
    const reader = await connectAmqp(cluster.urls[2]!, prefix, log, QUORUM);
    opened.push(reader);
    const channel = await reader.createChannel();
    const deadLetter = await waitFor(() => channel.get(reader.names.failedQueue, { noAck: true }), {
      description: 'the dead letter in failed.queue',
    });
    expect(JSON.parse(deadLetter.content.toString())).toMatchObject({ id: 'refused' });
    expect(deadLetter.properties.headers).toMatchObject({ 'x-herald-error': 'refused by the test' });
  });

  it('refuses to start when a queue exists with the other type, and keeps the queue and its messages', async () => {
    const classicPrefix = newPrefix();
    const classic = await link(cluster.urls, classicPrefix, { queueType: 'classic' });
    const names = classic.current()!.names;
    await createPublisher(classic.current()!.publishChannel).publishJson(
      names.directExchange,
      'email',
      job('kept'),
    );

    const refusal = link(cluster.urls, classicPrefix, QUORUM);
    await expect(refusal).rejects.toThrow(QueueTypeMismatchError);
    await expect(refusal).rejects.toThrow(
      `cannot start: queue ${names.failedQueue} exists as a classic queue, but AMQP_QUEUE_TYPE=quorum declares it ` +
        "as a quorum queue, and RabbitMQ cannot change a queue's type. Move its messages first (README, " +
        '"RabbitMQ cluster and quorum queues"), or set AMQP_QUEUE_TYPE=classic',
    );
    const check = await classic.current()!.createChannel();
    expect((await check.checkQueue(names.queues.email)).messageCount).toBe(1);

    const quorumPrefix = newPrefix();
    await link(cluster.urls, quorumPrefix, QUORUM);
    await expect(link(cluster.urls, quorumPrefix, { queueType: 'classic' })).rejects.toThrow(
      /queue \S+failed\.queue exists as a quorum queue, but AMQP_QUEUE_TYPE=classic declares it as a classic queue/,
    );
  });

  it('keeps consuming on its own node when the node leading the work queue is SIGKILLed', async () => {
    const prefix = newPrefix();
    const names = (await link(cluster.urls, prefix)).current()!.names;
    const leader = await cluster.leaderOf(names.queues.email);
    const elsewhere = cluster.nodes.flatMap((node, index) =>
      node.name === leader ? [] : [cluster.urls[index]!],
    );
    const on = await link(elsewhere, prefix);
    const seen: Seen[] = [];
    await consume(on, seen);
    await publishUntilConfirmed(on, job('before'));
    await waitFor(() => ids(seen).has('before'), { description: 'a message before the kill' });

    await cluster.kill(leader);
    const sent = Array.from({ length: 50 }, (_, index) => `l${index}`);
    for (const id of sent) await publishUntilConfirmed(on, job(id));
    await waitFor(() => sent.every((id) => ids(seen).has(id)), {
      timeoutMs: 60_000,
      description: `every message consumed after the leader ${leader} was killed`,
    });
    expect(await cluster.leaderOf(names.queues.email)).not.toBe(leader);
    await cluster.restart(leader);
  }, 240_000);

  // Last: it leaves one node down.
  it('moves a consumer and a publisher to another node when theirs is SIGKILLed, and loses nothing', async () => {
    const prefix = newPrefix();
    const [first, second, third] = cluster.nodes;
    const [url1, url2, url3] = cluster.urls;
    // Both connect to the second node first.
    const on = await link([url2!, url3!, url1!], prefix);
    const seen: Seen[] = [];
    await consume(on, seen);
    const sent = Array.from({ length: 200 }, (_, index) => `k${index}`);
    let confirmed = 0;
    const publishing = (async () => {
      for (const id of sent) {
        await publishUntilConfirmed(on, job(id));
        confirmed += 1;
      }
    })();
    await waitFor(() => confirmed >= 50 && seen.length >= 20, { description: 'traffic before the kill' });
    await cluster.kill(second!.name);
    await publishing;

    await waitFor(() => ids(seen).size === sent.length, {
      timeoutMs: 60_000,
      description: `every message consumed after ${second!.name} was killed`,
    });
    expect([...ids(seen)].sort()).toEqual([...sent].sort());
    expect(on.current()).toBeDefined();
    expect([first!.name, third!.name]).toContain(await cluster.leaderOf(on.current()!.names.queues.email));
  }, 180_000);
});
