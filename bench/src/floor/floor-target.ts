import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect } from 'amqplib';
import { ensureDatabase } from '@herald/database';
import { createUsageMeter } from '../process-usage';
import type { Sinks, Target } from '../target';

/**
 * Starts the floor (floor-server.js) as a process of its own, on a database of its own in the
 * sinks' isolation, sending to the same SMTP sink as Herald; its CPU is read per process, as a
 * service's is. The batched variant writes status updates in batches.
 */
export async function floorTarget(sinks: Sinks, options: { batched: boolean }): Promise<Target> {
  const variant = options.batched ? 'floor_batched' : 'floor';
  const databaseUrl = sinks.environment.databaseUrl(variant);
  await ensureDatabase(databaseUrl);
  const queue = `${sinks.environment.amqpPrefix}${variant}.email`;
  const child = spawn(process.execPath, [join(__dirname, 'floor-server.js')], {
    env: {
      ...process.env,
      FLOOR_DATABASE_URL: databaseUrl,
      FLOOR_AMQP_URL: sinks.environment.amqpUrl,
      FLOOR_QUEUE: queue,
      FLOOR_SMTP_PORT: String(sinks.smtpPort),
      FLOOR_BATCHED: options.batched ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  const url = await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line').then(([line]) => (line as string).trim()),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the floor exited with ${String(code)} before listening`);
    }),
  ]).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    gatewayUrl: url,
    adminApiKey: 'the floor does not authenticate',
    deliveries: sinks.deliveries,
    usage: createUsageMeter(() => ({ floor: child.pid, bench: process.pid })),
    logDir: undefined,
    close: async () => {
      await stop();
      await deleteQueue(sinks.environment.amqpUrl, queue);
    },
  };
}

/** The floor's queue is not part of Herald's topology, which the sinks' cleanup removes. */
async function deleteQueue(amqpUrl: string, queue: string): Promise<void> {
  const connection = await connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);
  } finally {
    await connection.close();
  }
}
