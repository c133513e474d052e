import type { DataSource } from 'typeorm';
import { createTestEnvironment } from '@herald/testkit';
import { createNotificationsTransactions } from '../src/store/notifications-transactions';
import { CLAIM_SQL } from '../src/store/outbox.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';

const environment = createTestEnvironment();
let db: DataSource;

/** Notifications already relayed, as a service that has run a while has. */
const HISTORY = 5_000;
const WAITING = 3;

beforeAll(async () => {
  db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  await db.query(
    `INSERT INTO notifications (id, request_id, sender, user_id, channel, template_code, variables, priority,
       status, request_hash)
     SELECT gen_random_uuid(), 'req-' || n, 'admin', gen_random_uuid(), 'EMAIL', 'welcome', '{}', 5, 'ACCEPTED', 'hash'
     FROM generate_series(1, $1) AS n`,
    [HISTORY],
  );
  await db.query(
    `INSERT INTO outbox (notification_id, routing_key, payload, priority, correlation_id, created_at)
     SELECT id, 'email', jsonb_build_object('notification_id', id, 'user_id', user_id), 5, 'corr', now()
     FROM notifications ORDER BY request_id`,
  );
  // The statistics are taken while a few hundred rows wait, then lag behind as the relay catches up.
  await publishAllBut(300);
  await db.query('ANALYZE outbox; ANALYZE notifications');
  await publishAllBut(WAITING);
});

async function publishAllBut(waiting: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET published_at = now()
     WHERE published_at IS NULL AND id NOT IN (SELECT id FROM outbox ORDER BY id DESC LIMIT $1)`,
    [waiting],
  );
}

afterAll(async () => {
  await db?.destroy();
  await environment.cleanup();
});

describe('outbox claim', () => {
  it('claims only the unpublished rows, oldest first, with the status of their notifications', async () => {
    const claimed = await createNotificationsTransactions(db).transaction(({ outbox }) =>
      outbox.claimUnpublished(500),
    );

    expect(claimed).toHaveLength(WAITING);
    expect(claimed.map((message) => Number(message.id))).toEqual(
      claimed.map((message) => Number(message.id)).sort((a, b) => a - b),
    );
    expect(claimed.every((message) => message.notificationStatus === 'ACCEPTED')).toBe(true);
    expect(claimed.every((message) => message.payload.notification_id === message.notificationId)).toBe(true);
  });

  it('reads the notifications it claims by primary key, never the whole table, however stale the statistics', async () => {
    const plan = (await db.query(`EXPLAIN ${CLAIM_SQL}`, [500])) as { 'QUERY PLAN': string }[];
    const lines = plan.map((row) => row['QUERY PLAN']);

    expect(lines.some((line) => /Seq Scan on notifications/.test(line))).toBe(false);
    expect(lines.some((line) => /Index Scan using notifications_pkey on notifications/.test(line))).toBe(
      true,
    );
  });
});
