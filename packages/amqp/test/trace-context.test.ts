import { createLogger } from '@herald/logging';
import { continueTrace, traceCarrierOf } from '@herald/observability';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { connectAmqp, consumeQueue, createPublisher, type AmqpConnection, type ConsumerHandle } from '../src';

interface Job {
  readonly id: string;
  readonly attempt: number;
}

const log = createLogger({ service: 'amqp-test', level: 'silent' });
const environment = createTestEnvironment();
const caller = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
let connection: AmqpConnection;
let consumer: ConsumerHandle | undefined;
/** The trace context each delivery was handled in, by job id and attempt. */
const handledIn: { job: Job; carrier: Record<string, string> }[] = [];

beforeAll(async () => {
  connection = await connectAmqp(environment.amqpUrl, environment.amqpPrefix, log);
  consumer = await consumeQueue(
    connection,
    { queue: connection.names.queues.email, routingKey: 'email', prefetch: 5 },
    {
      parse: (body) => body as Job,
      attemptOf: (job) => job.attempt,
      withAttempt: (job, attempt) => ({ ...job, attempt }),
      notificationIdOf: (job) => job.id,
      handle: async (job) => {
        handledIn.push({ job, carrier: traceCarrierOf() });
        return job.attempt === 1 ? { kind: 'retry', reason: 'smtp timeout' } : { kind: 'ack' };
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

describe('trace context over AMQP', () => {
  it('hands the publisher trace to the consumer, also on the delivery after a retry', async () => {
    await continueTrace(caller, () =>
      createPublisher(connection.publishChannel).publishJson(
        connection.names.directExchange,
        'email',
        { id: 'traced', attempt: 1 },
        { correlationId: 'corr-amqp-1' },
      ),
    );
    await waitFor(() => handledIn.some(({ job }) => job.attempt === 2), {
      description: 'the retried delivery',
      timeoutMs: 15_000,
    });
    // Tracing is off here, so every hop's span carries the caller's context unchanged.
    expect(handledIn.map(({ carrier }) => carrier)).toEqual([caller, caller]);
  });
});
