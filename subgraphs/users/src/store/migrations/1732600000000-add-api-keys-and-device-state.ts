import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddApiKeysAndDeviceState1732600000000 implements MigrationInterface {
  readonly name = 'AddApiKeysAndDeviceState1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        CONSTRAINT api_keys_secret_hash_key UNIQUE (secret_hash)
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_created_at_idx ON api_keys (created_at, id)`);
    await queryRunner.query(`
      ALTER TABLE devices
        ADD COLUMN invalid_reason text NULL,
        ADD COLUMN invalidated_at timestamptz NULL`);
    // Push providers hand one token or endpoint to one installation: the latest registrant owns it.
    await queryRunner.query(`CREATE INDEX devices_token_idx ON devices (token) WHERE token IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX devices_endpoint_idx ON devices (endpoint) WHERE endpoint IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX devices_endpoint_idx`);
    await queryRunner.query(`DROP INDEX devices_token_idx`);
    await queryRunner.query(`ALTER TABLE devices DROP COLUMN invalidated_at, DROP COLUMN invalid_reason`);
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
