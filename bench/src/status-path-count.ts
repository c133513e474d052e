import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  createTestEnvironment,
  startHeraldSystem,
  startSmtpSink,
  REPO_ROOT,
  type SmtpSink,
} from '@herald/testkit';

/**
 * Counts what the status path costs per notification at a low rate, where a batch cannot fill:
 * the status batches notifications handled (one gRPC call each, or one message on a worker's
 * stream), the worker's gRPC calls, and the transactions on notifications' database (a statement
 * outside a transaction is one). Not a benchmark: counts, not times, on the six built services.
 *
 *   node bench/dist/status-path-count.js [rate per second, 100] [seconds, 10] [KEY=VALUE worker env…]
 */
const INTERNAL_TOKEN = 'status-path-count-token';

async function main(): Promise<void> {
  const [rateArg, secondsArg, ...envArgs] = process.argv.slice(2);
  const rate = Number(rateArg ?? 100);
  const seconds = Number(secondsArg ?? 10);
  const extraEnv = Object.fromEntries(envArgs.map((pair) => pair.split('=', 2) as [string, string]));
  const environment = createTestEnvironment();
  const sink = await startSmtpSink();
  const system = await startHeraldSystem({
    env: {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...environment.serviceEnv,
      INTERNAL_TOKEN,
      SMTP_URL: sink.url,
      ...extraEnv,
    },
    databaseUrl: (service) => environment.databaseUrl(service),
    logDir: join(REPO_ROOT, 'var', 'status-path-count'),
  });
  const database = new Client({ connectionString: environment.databaseUrl('notifications') });
  try {
    await database.connect();
    const gateway = (path: string, body: unknown) =>
      fetch(`${system.gatewayUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': system.adminApiKey },
        body: JSON.stringify(body),
      }).then(async (response) => ({
        status: response.status,
        ...((await response.json()) as { data?: { createUser?: { id: string } } }),
      }));
    const code = `count-${environment.runId}`;
    await gateway('/graphql', {
      query: `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }`,
      variables: { input: { code, channel: 'EMAIL', subject: 'Hi {{name}}', body: 'Hello {{name}}' } },
    });
    const created = await gateway('/graphql', {
      query: `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      variables: {
        input: { name: 'Count', email: `count.${environment.runId}@example.com`, password: 'count password' },
      },
    });
    const userId = created.data!.createUser!.id;
    const send = (index: number) =>
      gateway('/api/v1/notifications', {
        notification_type: 'email',
        user_id: userId,
        template_code: code,
        variables: { name: `n${index}` },
        request_id: `${environment.runId}-${index}`,
      });
    // Warm every path (caches, connections, the worker's stream) before counting.
    await Promise.all(Array.from({ length: 5 }, (_, index) => send(-1 - index)));
    await waitForDelivered(sink, database, 5);

    const before = await readCounts(system.ports, database);
    const total = rate * seconds;
    const sends: Promise<{ status: number }>[] = [];
    const start = performance.now();
    for (let index = 0; index < total; index += 1) {
      const due = start + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sends.push(send(index));
    }
    // Only what the gateway accepted is delivered (an overloaded machine refuses some).
    const accepted = (await Promise.all(sends)).filter((answer) => answer.status === 202).length;
    await waitForDelivered(sink, database, accepted + 5);
    const after = await readCounts(system.ports, database);

    const per = (key: keyof Counts) => ((after[key] - before[key]) / accepted).toFixed(2);
    process.stdout.write(
      `${JSON.stringify(extraEnv)} ${accepted} of ${total} notifications accepted at ${rate}/s, per notification: ` +
        `status batches handled by notifications ${per('statusBatches')} (reports ${per('reports')}), ` +
        `email worker gRPC calls or stream messages ${per('workerGrpc')}, ` +
        `notifications database transactions ${per('transactions')}\n`,
    );
  } finally {
    await database.end();
    await system.stop();
    await sink.close();
    await environment.cleanup();
  }
}

interface Counts {
  readonly statusBatches: number;
  readonly reports: number;
  readonly workerGrpc: number;
  readonly transactions: number;
}

async function readCounts(
  ports: { notifications: number; email: number },
  database: Client,
): Promise<Counts> {
  const served = await histogramCounts(ports.notifications, 'herald_grpc_server_handling_seconds_count');
  const made = await histogramCounts(ports.email, 'herald_grpc_client_handling_seconds_count');
  const statusBatches = Object.entries(served)
    .filter(([method]) => /NotificationStatusService\/ReportStatus(Batch|Stream)?$/.test(method))
    .reduce((sum, [, count]) => sum + count, 0);
  const { rows } = await database.query<{ xact: string; events: string }>(
    `SELECT (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()) AS xact,
            (SELECT count(*) FROM notification_events WHERE status IN ('SENDING', 'DELIVERED')) AS events`,
  );
  return {
    statusBatches,
    reports: Number(rows[0]!.events),
    workerGrpc: Object.values(made).reduce((sum, count) => sum + count, 0),
    // This query's own transactions are counted too: two per reading, a constant.
    transactions: Number(rows[0]!.xact),
  };
}

/** `method` → calls, summed over codes, from a histogram's _count samples on /metrics. */
async function histogramCounts(port: number, sample: string): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${sample}{`)) continue;
    const method = /method="([^"]+)"/.exec(line)?.[1] ?? '';
    counts[method] = (counts[method] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return counts;
}

/** Waits for the mails at the sink first, so that the database is polled only at the end. */
async function waitForDelivered(sink: SmtpSink, database: Client, count: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (sink.messages.length < count && Date.now() < deadline) await sleep(250);
  for (; Date.now() < deadline; await sleep(250)) {
    const { rows } = await database.query<{ delivered: string }>(
      `SELECT count(*) AS delivered FROM notifications WHERE status = 'DELIVERED'`,
    );
    if (Number(rows[0]!.delivered) >= count) return;
  }
  throw new Error(`fewer than ${count} notifications delivered within 120 s`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
