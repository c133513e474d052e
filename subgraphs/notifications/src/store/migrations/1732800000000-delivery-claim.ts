import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery id (one publish of the queue message) whose SENDING claim the notification holds,
 * so a second copy of the message in flight is told apart from its own redelivery (0006).
 */
export class DeliveryClaim1732800000000 implements MigrationInterface {
  readonly name = 'DeliveryClaim1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications ADD COLUMN claimed_by uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP COLUMN claimed_by`);
  }
}
