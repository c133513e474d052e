import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace context an outbox row was written in, so the relay's publish continues the
 * trace of the request that accepted the notification.
 */
export class OutboxTraceContext1732700000000 implements MigrationInterface {
  readonly name = 'OutboxTraceContext1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN trace_context jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN trace_context`);
  }
}
