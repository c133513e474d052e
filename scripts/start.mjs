// `npm start`: builds what is stale, checks that every port is free, prepares databases and the
// broker topology, then runs all six services under one supervisor (prefixed logs, restart on
// crash with backoff). SIGTERM, SIGINT (Ctrl-C) or SIGHUP drains every service and stops them
// all within 20 s; see packages/supervisor and docs/decisions/0017.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

const env = {
  NODE_ENV: 'development',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  HERALD_ADMIN_API_KEY: 'herald-dev-admin-key',
  ...process.env,
};

function step(message) {
  process.stdout.write(`[start] ${message}\n`);
}

step('building what is stale (tsc -b)');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], {
  cwd: root,
  stdio: 'inherit',
});

const { ensureDatabase } = require('@herald/database');
const { databaseUrlFor } = require('@herald/config');
const { connectAmqp } = require('@herald/amqp');
const { createLogger } = require('@herald/logging');
const {
  describeTakenPort,
  findTakenPort,
  heraldServices,
  loadHeraldPorts,
  runSupervisor,
} = require('@herald/supervisor');

const ports = attempt(() => loadHeraldPorts(env));
const services = heraldServices(env, ports);
const taken = await findTakenPort(services);
if (taken) stop(describeTakenPort(taken));

step('creating databases that are missing (each service runs its migrations as it starts)');
for (const database of ['herald_users', 'herald_templates', 'herald_notifications']) {
  await ensureDatabase(databaseUrlFor(env.DATABASE_URL, database)).catch((error) =>
    unreachable('DATABASE_URL', error),
  );
}

step('declaring the RabbitMQ topology');
const amqp = await connectAmqp(
  env.AMQP_URL,
  env.AMQP_PREFIX ?? '',
  createLogger({ service: 'start', level: 'warn' }),
).catch((error) => unreachable('AMQP_URL', error));
await amqp.close();

mkdirSync(join(root, 'var', 'outbox'), { recursive: true });
mkdirSync(join(root, 'var', 'push'), { recursive: true });

printBanner();
await runSupervisor(services, root);

function printBanner() {
  const smtp = env.SMTP_URL
    ? `SMTP ${env.SMTP_URL}`
    : `.eml files in ${join(root, 'var', 'outbox')} (set SMTP_URL to send)`;
  const gateway = `http://localhost:${ports.GATEWAY_PORT}`;
  process.stdout.write(
    [
      '',
      'Herald is starting:',
      `  GraphQL                  ${gateway}/graphql`,
      `  REST shim, OpenAPI       ${gateway}/api/v1, ${gateway}/api/docs/`,
      `  health                   ${gateway}/health`,
      `  subgraphs                users :${ports.USERS_PORT}  templates :${ports.TEMPLATES_PORT}  notifications :${ports.NOTIFICATIONS_PORT} (gRPC :${ports.USERS_GRPC_PORT} :${ports.TEMPLATES_GRPC_PORT} :${ports.NOTIFICATIONS_GRPC_PORT})`,
      `  workers                  email :${ports.EMAIL_PORT}  push :${ports.PUSH_PORT} (health and metrics)`,
      `  email delivery           ${smtp}`,
      `  dev admin key            ${env.HERALD_ADMIN_API_KEY}   (Authorization: Bearer <key>; refused when NODE_ENV=production)`,
      'Ctrl-C (or SIGTERM) drains and stops everything within 20 s.',
      '',
    ].join('\n'),
  );
}

function attempt(read) {
  try {
    return read();
  } catch (error) {
    return stop(error.message);
  }
}

function unreachable(variable, error) {
  process.stderr.write(`[start] ${variable} is unreachable: ${error.message}\n`);
  process.stderr.write('[start] Is it running? See README.md, "Prerequisites".\n');
  process.exit(1);
}

function stop(line) {
  process.stderr.write(`[start] ${line}\n`);
  process.exit(1);
}
