import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import { UnreachableDependencyError } from '@herald/config';
import type { Logger } from '@herald/logging';
import type { QueueType } from './queue-type';
import { openPublishChannel, type PublishChannel } from './publish-channel';
import { createPublisher, type Publisher } from './publisher';
import { declareTopology, topologyNames, type TopologyNames } from './topology';

export interface AmqpConnection {
  readonly names: TopologyNames;
  readonly connection: ChannelModel;
  /** Publishes with confirms on the connection's publish channel, renewed after a failed publish. */
  readonly publisher: Publisher;
  /** The confirm channel publishes go to now (for a test's raw publish). */
  readonly publishChannel: ConfirmChannel;
  createChannel(): Promise<ConfirmChannel>;
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** The retry steps to declare; those of docs/architecture.md, Queues, by default. */
  readonly retryStepsMs?: readonly number[];
  /** AMQP_QUEUE_TYPE: how the work, retry and failed queues are declared; classic by default. */
  readonly queueType?: QueueType;
}

/**
 * Connects to one node, declares the topology and opens a confirm channel. A broker that cannot
 * be reached is an UnreachableDependencyError naming AMQP_URL; a topology that cannot be declared
 * closes the connection and rejects with RabbitMQ's reason (a QueueTypeMismatchError for a queue
 * of the other type).
 */
export async function connectAmqp(
  url: string,
  prefix: string,
  log: Logger,
  options: ConnectOptions = {},
): Promise<AmqpConnection> {
  const connection = await amqp.connect(url, { timeout: 5000 }).catch((error: unknown) => {
    throw new UnreachableDependencyError('AMQP_URL', error);
  });
  let closing = false;
  connection.on('error', (error: unknown) => log.error({ err: error }, 'amqp connection error'));
  connection.on('close', () => {
    if (!closing) log.error('amqp connection closed unexpectedly');
  });
  const names = topologyNames(prefix, options.retryStepsMs);
  let publishing: PublishChannel;
  try {
    await declareTopology(connection, names, log, options.queueType);
    publishing = await openPublishChannel(connection, log);
  } catch (error) {
    closing = true;
    await connection.close().catch(() => undefined);
    throw error;
  }
  let open = true;
  connection.on('close', () => (open = false));
  return {
    names,
    connection,
    publisher: createPublisher(publishing),
    get publishChannel() {
      return publishing.current();
    },
    createChannel: () => connection.createConfirmChannel(),
    check: async () => {
      if (!open) throw new Error('amqp connection is closed');
    },
    close: async () => {
      closing = true;
      if (open) await connection.close();
    },
  };
}
