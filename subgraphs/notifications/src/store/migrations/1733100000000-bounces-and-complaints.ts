import type { MigrationInterface, QueryRunner } from 'typeorm';

// Spelled out, not imported: a migration keeps the schema it created, whatever the code says later.
const BEFORE = `'ACCEPTED', 'SCHEDULED', 'QUEUED', 'SENDING', 'RETRYING', 'DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED'`;
const AFTER = `${BEFORE}, 'BOUNCED', 'COMPLAINED'`;
const TABLES = ['notifications', 'notification_events'];

/** Bounces and complaints (decision 0028): DELIVERED -> BOUNCED | COMPLAINED, on the row and on its timeline. */
export class BouncesAndComplaints1733100000000 implements MigrationInterface {
  readonly name = 'BouncesAndComplaints1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await replaceStatusCheck(queryRunner, table, AFTER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await replaceStatusCheck(queryRunner, table, BEFORE);
  }
}

/** PostgreSQL named the column's CHECK `<table>_status_check` when the table was created. */
async function replaceStatusCheck(queryRunner: QueryRunner, table: string, statuses: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_status_check`);
  await queryRunner.query(
    `ALTER TABLE ${table} ADD CONSTRAINT ${table}_status_check CHECK (status IN (${statuses}))`,
  );
}
