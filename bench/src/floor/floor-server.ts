import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect as connectAmqp, type Channel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { Pool } from 'pg';
import { z } from 'zod';
import { BENCH_EMAIL_TEMPLATE } from '../email-template';
import { createStatusWriter, type StatusWriter } from './status-writer';
import { createMailer, type Mailer } from './mailer';

/**
 * The floor: one plain process doing the durable work Herald does for a notification, with no
 * architecture. An HTTP accept writes the notification and its ACCEPTED event in one prepared
 * statement, publishes a persistent message on a confirm channel and answers 202 once RabbitMQ
 * confirmed it; a consumer in the same process writes SENDING, renders with a string replace,
 * sends through pooled nodemailer, writes DELIVERED and acks. Whatever Herald spends beyond this
 * is the cost of its architecture. Prints its URL on stdout, and exits on SIGTERM.
 */

const envSchema = z.object({
  FLOOR_DATABASE_URL: z.string().min(1),
  FLOOR_AMQP_URL: z.string().min(1),
  FLOOR_QUEUE: z.string().min(1),
  FLOOR_SMTP_PORT: z.coerce.number().int().positive(),
  FLOOR_BATCHED: z.enum(['0', '1']).transform((value) => value === '1'),
});

/** Herald's defaults: its database pool (packages/database) and its workers' PREFETCH. */
const POOL_SIZE = 10;
const PREFETCH = 100;

/** The REST shim's POST /api/v1/notifications body. */
const sendBody = z.strictObject({
  notification_type: z.enum(['email', 'push']),
  user_id: z.uuid(),
  template_code: z.string().min(1).max(200),
  variables: z.record(z.string(), z.string()).default({}),
  request_id: z.string().min(1).max(255),
  priority: z.number().int().min(0).max(10).default(5),
});

const queueMessage = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  variables: z.record(z.string(), z.string()),
});
type QueueMessage = z.output<typeof queueMessage>;

/**
 * The primary key, the idempotency key and the events' lookup index: what the durable work
 * needs, without Herald's list indexes.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS notifications (
    id uuid PRIMARY KEY,
    request_id text NOT NULL UNIQUE,
    user_id uuid NOT NULL,
    channel text NOT NULL,
    template_code text NOT NULL,
    variables jsonb NOT NULL,
    priority int NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS notification_events (
    id bigserial PRIMARY KEY,
    notification_id uuid NOT NULL REFERENCES notifications (id),
    status text NOT NULL,
    at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX IF NOT EXISTS notification_events_notification_id_idx
    ON notification_events (notification_id, id)`;

/** A repeated request id inserts nothing, so no event either: rowCount 0. */
const ACCEPT = `
  WITH notification AS (
    INSERT INTO notifications (id, request_id, user_id, channel, template_code, variables, priority, status)
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACCEPTED')
    ON CONFLICT (request_id) DO NOTHING
    RETURNING id)
  INSERT INTO notification_events (notification_id, status) SELECT id, 'ACCEPTED' FROM notification`;

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function publish(channel: ConfirmChannel, queue: string, message: QueueMessage, priority: number) {
  return new Promise<void>((resolve, reject) =>
    channel.sendToQueue(
      queue,
      Buffer.from(JSON.stringify(message)),
      { persistent: true, priority },
      (error) => (error ? reject(error as Error) : resolve()),
    ),
  );
}

function render(template: string, variables: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => variables[name] ?? '');
}

function consume(
  channel: Channel,
  queue: string,
  statuses: StatusWriter,
  mailer: Mailer,
): Promise<{ consumerTag: string }> {
  const deliver = async (delivery: ConsumeMessage) => {
    try {
      const message = queueMessage.parse(JSON.parse(delivery.content.toString('utf8')));
      await statuses.record(message.id, 'SENDING');
      await mailer.send({
        notificationId: message.id,
        to: `user-${message.userId}@bench.local`,
        subject: render(BENCH_EMAIL_TEMPLATE.subject, message.variables),
        text: render(BENCH_EMAIL_TEMPLATE.body, message.variables),
        html: render(BENCH_EMAIL_TEMPLATE.bodyHtml, message.variables),
      });
      await statuses.record(message.id, 'DELIVERED');
      channel.ack(delivery);
    } catch (error) {
      process.stderr.write(`floor: delivery failed, requeued: ${(error as Error).message}\n`);
      channel.nack(delivery, false, true);
    }
  };
  return channel.consume(queue, (delivery) => {
    if (delivery) void deliver(delivery);
  });
}

async function main(): Promise<void> {
  const env = envSchema.parse(process.env);
  const pool = new Pool({ connectionString: env.FLOOR_DATABASE_URL, max: POOL_SIZE });
  await pool.query(SCHEMA);
  const connection = await connectAmqp(env.FLOOR_AMQP_URL);
  const publisher = await connection.createConfirmChannel();
  const consumer = await connection.createChannel();
  await publisher.assertQueue(env.FLOOR_QUEUE, { durable: true, maxPriority: 10 });
  await consumer.prefetch(PREFETCH);
  const statuses = createStatusWriter(pool, env.FLOOR_BATCHED);
  const mailer = createMailer(env.FLOOR_SMTP_PORT);
  await consume(consumer, env.FLOOR_QUEUE, statuses, mailer);

  const accept = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/api/v1/notifications') {
      answer(res, 404, { error: { code: 'NOT_FOUND' } });
      return;
    }
    const parsed = sendBody.safeParse(await readJson(req));
    if (!parsed.success) {
      answer(res, 400, { error: { code: 'VALIDATION_FAILED' } });
      return;
    }
    const body = parsed.data;
    const id = randomUUID();
    const inserted = await pool.query({
      name: 'accept',
      text: ACCEPT,
      values: [
        id,
        body.request_id,
        body.user_id,
        body.notification_type,
        body.template_code,
        body.variables,
        body.priority,
      ],
    });
    if (inserted.rowCount === 0) {
      answer(res, 409, { error: { code: 'DUPLICATE_REQUEST' } });
      return;
    }
    await publish(
      publisher,
      env.FLOOR_QUEUE,
      { id, userId: body.user_id, variables: body.variables },
      body.priority,
    );
    answer(res, 202, { data: { notification_id: id } });
  };
  const server = createServer((req, res) => {
    accept(req, res).catch((error: unknown) => {
      process.stderr.write(`floor: accept failed: ${(error as Error).message}\n`);
      if (!res.headersSent) answer(res, 503, { error: { code: 'UNAVAILABLE' } });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);

  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
    void Promise.allSettled([mailer.close(), connection.close(), pool.end()]).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`floor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
