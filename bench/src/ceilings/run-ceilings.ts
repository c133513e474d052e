import { ensureDatabase } from '@herald/database';
import { createTestEnvironment } from '@herald/testkit';
import { measureAmqpCeiling } from './amqp-ceiling';
import { measureApolloCeiling } from './apollo-ceiling';
import type { Ceiling } from './ceiling';
import { measurePostgresCeiling } from './postgres-ceiling';
import { measureSmtpCeiling } from './smtp-ceiling';

/**
 * The four ceilings, one after the other, on the local servers (TEST_DATABASE_URL,
 * TEST_AMQP_URL or the defaults), in a database and queue of their own that are removed after.
 */
export async function measureCeilings(quick: boolean, log: (line: string) => void): Promise<Ceiling[]> {
  const environment = createTestEnvironment();
  const durationMs = quick ? 4_000 : 15_000;
  try {
    log('ceiling: RabbitMQ …');
    const amqp = await measureAmqpCeiling(
      environment.amqpUrl,
      `${environment.amqpPrefix}ceiling`,
      quick ? 5_000 : 30_000,
    );
    log('ceiling: PostgreSQL …');
    const databaseUrl = environment.databaseUrl('ceiling');
    await ensureDatabase(databaseUrl);
    const postgres = await measurePostgresCeiling(databaseUrl, { batch: 100, connections: 4, durationMs });
    log('ceiling: Apollo Server …');
    const apollo = await measureApolloCeiling({ clients: 32, durationMs });
    log('ceiling: SMTP …');
    const smtp = await measureSmtpCeiling(quick ? 3_000 : 20_000);
    return [amqp, postgres, apollo, smtp];
  } finally {
    await environment.cleanup();
  }
}
