import type { MigrationInterface, QueryRunner } from 'typeorm';

// Spelled out, not imported: a migration keeps the schema it created, whatever the code says later.
const STATUSES = `'ACCEPTED', 'SCHEDULED', 'QUEUED', 'SENDING', 'RETRYING', 'DELIVERED', 'FAILED', 'SKIPPED', 'CANCELLED'`;

export class CreateNotifications1732500000000 implements MigrationInterface {
  readonly name = 'CreateNotifications1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        request_id text NOT NULL,
        sender text NOT NULL,
        user_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'PUSH')),
        template_code text NOT NULL,
        template_version int,
        locale text,
        category text,
        variables jsonb NOT NULL,
        metadata jsonb,
        priority int NOT NULL CHECK (priority BETWEEN 0 AND 10),
        status text NOT NULL CHECK (status IN (${STATUSES})),
        status_detail text,
        attempts int NOT NULL DEFAULT 0,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_sender_request_id_key UNIQUE (sender, request_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX notifications_user_id_created_at_idx ON notifications (user_id, created_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX notifications_created_at_idx ON notifications (created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE notification_events (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        detail text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_events_notification_id_idx ON notification_events (notification_id, id)`,
    );
    await queryRunner.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        routing_key text NOT NULL,
        payload jsonb NOT NULL,
        priority int NOT NULL,
        correlation_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    // The relay only ever scans unpublished rows; published ones stay for the audit trail.
    await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_notification_id_idx ON outbox (notification_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
    await queryRunner.query(`DROP TABLE notification_events`);
    await queryRunner.query(`DROP TABLE notifications`);
  }
}
