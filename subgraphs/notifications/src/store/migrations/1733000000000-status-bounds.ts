import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status bounds (decision 0019): `outcome_unknown` marks a FAILED the sweeper recorded for a
 * notification left SENDING, so a late DELIVERED report still counts; the partial indexes serve
 * the sweeper's search for unsettled notifications by status and time, and an admin's replay of
 * FAILED ones by the time they failed.
 */
export class StatusBounds1733000000000 implements MigrationInterface {
  readonly name = 'StatusBounds1733000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE notifications ADD COLUMN outcome_unknown boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_unsettled_idx ON notifications (status, updated_at)
       WHERE status IN ('ACCEPTED', 'SCHEDULED', 'QUEUED', 'SENDING', 'RETRYING')`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_failed_idx ON notifications (updated_at, id) WHERE status = 'FAILED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notifications_failed_idx`);
    await queryRunner.query(`DROP INDEX notifications_unsettled_idx`);
    await queryRunner.query(`ALTER TABLE notifications DROP COLUMN outcome_unknown`);
  }
}
