import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Logger } from '@herald/logging';

/** Raised by the outbox trigger (migration 1732600000000) when a transaction adds outbox rows. */
export const OUTBOX_CHANNEL = 'herald_outbox';

const RELISTEN_MS = 1000;

/** The part of a pg client the listener uses. */
interface ListeningClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export interface OutboxListener {
  close(): Promise<void>;
}

/**
 * Holds one pooled connection in LISTEN so any replica's accept wakes this relay at once. A lost
 * connection is replaced after a second; meanwhile the relay's poll is the safety net.
 */
export async function listenForOutbox(
  db: DataSource,
  onRows: () => void,
  log: Logger,
): Promise<OutboxListener> {
  const driver = db.driver as PostgresDriver;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let current: { client: ListeningClient; release: (error?: Error) => void } | undefined;

  const drop = (error?: Error) => {
    if (!current) return;
    current.client.removeAllListeners();
    current.release(error);
    current = undefined;
  };

  const listen = async (): Promise<void> => {
    const [client, release] = (await driver.obtainMasterConnection()) as [
      ListeningClient,
      (error?: Error) => void,
    ];
    current = { client, release };
    client.on('notification', (message) => {
      if (message.channel === OUTBOX_CHANNEL) onRows();
    });
    client.on('error', (error) => {
      log.warn({ err: error }, 'outbox LISTEN connection lost; polling until it is back');
      drop(error);
      if (!closed) scheduleRelisten();
    });
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
  };

  const scheduleRelisten = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      listen().catch((error: unknown) => {
        log.warn({ err: error }, 'outbox LISTEN failed; retrying');
        drop(error instanceof Error ? error : undefined);
        if (!closed) scheduleRelisten();
      });
    }, RELISTEN_MS);
    timer.unref();
  };

  await listen();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      if (current) await current.client.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
      drop();
    },
  };
}
