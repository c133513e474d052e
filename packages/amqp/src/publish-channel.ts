import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { Logger } from '@herald/logging';

/**
 * A connection's confirm channel for publishing, which a failed publish renews.
 *
 * RabbitMQ 3.x can leave a confirm channel nacking every publish to a quorum queue whose leader's
 * node died as the channel opened, for minutes, while a new channel on the same connection is
 * confirmed at once (the three-node cluster test caught it: a relay on such a channel would
 * never drain its outbox). A nack or a channel closed under an open connection therefore opens a
 * new channel for the publishes after it; the failed publish itself is reported failed, and its
 * caller publishes it again.
 */
export interface PublishChannel {
  /** The channel new publishes go to. */
  current(): ConfirmChannel;
  /** Replaces the current channel with a new one, once however many publishes failed on it. */
  renew(failed: ConfirmChannel): void;
}

export async function openPublishChannel(connection: ChannelModel, log: Logger): Promise<PublishChannel> {
  let channel = await open(connection, log);
  let renewing: ConfirmChannel | undefined;
  return {
    current: () => channel,
    renew: (failed) => {
      if (failed !== channel || renewing === failed) return;
      renewing = failed;
      open(connection, log).then(
        (next) => {
          channel = next;
          log.warn('amqp publish failed; publishing on a new channel');
          failed.close().catch(() => undefined);
        },
        // The connection is closing: the broker link reconnects and opens a new publish channel.
        () => undefined,
      );
    },
  };
}

async function open(connection: ChannelModel, log: Logger): Promise<ConfirmChannel> {
  const channel = await connection.createConfirmChannel();
  channel.on('error', (error: unknown) =>
    log.warn({ err: error }, 'amqp publish channel closed by the broker'),
  );
  return channel;
}
