import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEmailSuppressions1733300000000 implements MigrationInterface {
  readonly name = 'AddEmailSuppressions1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every bounce and complaint reported, once per notification and kind: soft bounces are
    // counted from here, and a repeated report is recognised by the unique key.
    await queryRunner.query(`
      CREATE TABLE email_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        address text NOT NULL,
        kind text NOT NULL,
        notification_id uuid NOT NULL,
        status_code text NULL,
        diagnostic text NULL,
        category text NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT email_feedback_notification_kind_key UNIQUE (notification_id, kind)
      )`);
    await queryRunner.query(
      `CREATE INDEX email_feedback_address_idx ON email_feedback (user_id, address, kind, created_at)`,
    );
    // A suppression belongs to an address, not to the user: a new address starts clean.
    await queryRunner.query(`
      CREATE TABLE email_suppressions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        address text NOT NULL,
        reason text NOT NULL,
        status_code text NULL,
        diagnostic text NULL,
        notification_id uuid NULL,
        category text NULL,
        created_at timestamptz NOT NULL,
        lifted_at timestamptz NULL,
        lifted_by text NULL
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX email_suppressions_active_key
        ON email_suppressions (user_id, address) WHERE lifted_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX email_suppressions_created_at_idx ON email_suppressions (created_at DESC, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE email_suppressions`);
    await queryRunner.query(`DROP TABLE email_feedback`);
  }
}
