import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lease of a SENDING claim: the worker process sending under it and until when without a
 * word from it, so a copy the broker redelivers to another worker while the first still sends
 * it waits instead of sending twice (decision 0030).
 */
export class ClaimLease1733400000000 implements MigrationInterface {
  readonly name = 'ClaimLease1733400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE notifications ADD COLUMN claim_holder text, ADD COLUMN claim_expires_at timestamptz`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE notifications DROP COLUMN claim_holder, DROP COLUMN claim_expires_at`,
    );
  }
}
