import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay is woken in-process after each commit that writes outbox rows, and polls as a safety
 * net for rows no kick announced (another replica's, or one that crashed after its commit); a
 * NOTIFY per outbox insert woke every relay a second time for the same rows (decision 0005).
 */
export class DropOutboxNotify1732950000000 implements MigrationInterface {
  readonly name = 'DropOutboxNotify1732950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_notify ON outbox`);
    await queryRunner.query(`DROP FUNCTION notify_outbox()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
}
