import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One per filter of Query.notifications. The list orders by (created_at DESC, id DESC); with
 * both in the key, a filtered page is an index range read with no sort step.
 */
const LIST_INDEXES: readonly (readonly [name: string, columns: string])[] = [
  ['notifications_user_id_created_at_idx', 'user_id'],
  ['notifications_user_id_status_created_at_idx', 'user_id, status'],
  ['notifications_status_created_at_idx', 'status'],
  ['notifications_channel_created_at_idx', 'channel'],
];

/**
 * Scheduling (sendAt, quiet hours), the list filters of Query.notifications, and the NOTIFY
 * that wakes every replica's relay when outbox rows are committed.
 */
export class ScheduleAndFilters1732600000000 implements MigrationInterface {
  readonly name = 'ScheduleAndFilters1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notifications
        ADD COLUMN send_at timestamptz,
        ADD COLUMN due_at timestamptz,
        ADD COLUMN correlation_id text`);
    // The scheduler only ever scans notifications still waiting to be handed to the outbox.
    await queryRunner.query(
      `CREATE INDEX notifications_due_at_idx ON notifications (due_at) WHERE due_at IS NOT NULL`,
    );
    // The first migration's list indexes lacked the id tie-breaker; they are replaced.
    await queryRunner.query(`DROP INDEX notifications_user_id_created_at_idx`);
    await queryRunner.query(`DROP INDEX notifications_created_at_idx`);
    for (const [name, columns] of LIST_INDEXES) {
      await queryRunner.query(`CREATE INDEX ${name} ON notifications (${columns}, created_at DESC, id DESC)`);
    }
    await queryRunner.query(
      `CREATE INDEX notifications_created_at_idx ON notifications (created_at DESC, id DESC)`,
    );
    // Once per statement; PostgreSQL delivers it at commit and folds repeats within a transaction.
    await queryRunner.query(`
      CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('herald_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_notify ON outbox`);
    await queryRunner.query(`DROP FUNCTION notify_outbox()`);
    for (const [name] of LIST_INDEXES) await queryRunner.query(`DROP INDEX ${name}`);
    await queryRunner.query(`DROP INDEX notifications_created_at_idx`);
    await queryRunner.query(
      `CREATE INDEX notifications_user_id_created_at_idx ON notifications (user_id, created_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX notifications_created_at_idx ON notifications (created_at DESC)`);
    await queryRunner.query(`DROP INDEX notifications_due_at_idx`);
    await queryRunner.query(
      `ALTER TABLE notifications DROP COLUMN send_at, DROP COLUMN due_at, DROP COLUMN correlation_id`,
    );
  }
}
