import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1732500000000 implements MigrationInterface {
  readonly name = 'CreateUsers1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        locale text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL DEFAULT 'user',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_role_check CHECK (role IN ('user', 'admin'))
      )`);
    await queryRunner.query(`CREATE INDEX users_created_at_idx ON users (created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        email boolean NOT NULL DEFAULT true,
        push boolean NOT NULL DEFAULT true,
        opted_out_categories text[] NOT NULL DEFAULT '{}',
        quiet_hours jsonb NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        token text NULL,
        endpoint text NULL,
        p256dh text NULL,
        auth text NULL,
        valid boolean NOT NULL DEFAULT true,
        last_seen_at timestamptz NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT devices_kind_check CHECK (kind IN ('FCM', 'WEB_PUSH')),
        CONSTRAINT devices_target_check CHECK (
          (kind = 'FCM' AND token IS NOT NULL)
          OR (kind = 'WEB_PUSH' AND endpoint IS NOT NULL AND p256dh IS NOT NULL AND auth IS NOT NULL)
        ),
        CONSTRAINT devices_user_token_key UNIQUE (user_id, token),
        CONSTRAINT devices_user_endpoint_key UNIQUE (user_id, endpoint)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE devices`);
    await queryRunner.query(`DROP TABLE preferences`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
