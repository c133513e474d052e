import type { Pool } from 'pg';

export type DeliveryStatus = 'SENDING' | 'DELIVERED';

/** Writes a notification's new status and its event in one statement. */
export interface StatusWriter {
  record(notificationId: string, status: DeliveryStatus): Promise<void>;
}

/** The batched variant's bounds: a batch is written after 10 ms or at 100 updates, whichever comes first. */
export const BATCH_WAIT_MS = 10;
export const BATCH_SIZE = 100;

const ONE = `
  WITH changed AS (UPDATE notifications SET status = $2, updated_at = now() WHERE id = $1 RETURNING id)
  INSERT INTO notification_events (notification_id, status) SELECT id, $2 FROM changed`;

const MANY = `
  WITH changed AS (
    UPDATE notifications AS n SET status = batch.status, updated_at = now()
    FROM unnest($1::uuid[], $2::text[]) AS batch (id, status)
    WHERE n.id = batch.id
    RETURNING n.id, batch.status)
  INSERT INTO notification_events (notification_id, status) SELECT id, status FROM changed`;

export function createStatusWriter(pool: Pool, batched: boolean): StatusWriter {
  if (!batched) {
    return {
      record: async (notificationId, status) => {
        await pool.query({ name: 'status', text: ONE, values: [notificationId, status] });
      },
    };
  }
  return createBatchedWriter((ids, statuses) =>
    pool.query({ name: 'statuses', text: MANY, values: [ids, statuses] }).then(() => undefined),
  );
}

interface Pending {
  readonly notificationId: string;
  readonly status: DeliveryStatus;
  readonly settle: (error?: Error) => void;
}

/** Collects updates and writes them together; each caller's promise settles with its batch. */
export function createBatchedWriter(
  write: (ids: string[], statuses: DeliveryStatus[]) => Promise<void>,
): StatusWriter {
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    write(
      batch.map((update) => update.notificationId),
      batch.map((update) => update.status),
    ).then(
      () => batch.forEach((update) => update.settle()),
      (error: Error) => batch.forEach((update) => update.settle(error)),
    );
  };
  return {
    record: (notificationId, status) =>
      new Promise<void>((resolve, reject) => {
        pending.push({ notificationId, status, settle: (error) => (error ? reject(error) : resolve()) });
        if (pending.length >= BATCH_SIZE) flush();
        else timer ??= setTimeout(flush, BATCH_WAIT_MS);
      }),
  };
}
