// `npm start`: builds what is stale, prepares databases and the broker topology, then runs all six
// services under one supervisor (prefixed logs, restart on crash, Ctrl-C stops everything cleanly).
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

const services = [
  { name: 'users', main: 'subgraphs/users/dist/main.js', color: 'cyan' },
  { name: 'templates', main: 'subgraphs/templates/dist/main.js', color: 'magenta' },
  { name: 'notifications', main: 'subgraphs/notifications/dist/main.js', color: 'yellow' },
  { name: 'email', main: 'workers/email/dist/main.js', color: 'green' },
  { name: 'push', main: 'workers/push/dist/main.js', color: 'blue' },
  { name: 'gateway', main: 'gateway/dist/main.js', color: 'white' },
];

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

step('creating databases that are missing (each service runs its migrations as it starts)');
for (const database of ['herald_users', 'herald_templates', 'herald_notifications']) {
  await ensureDatabase(databaseUrlFor(env.DATABASE_URL, database)).catch((error) =>
    fail('DATABASE_URL', error),
  );
}

step('declaring the RabbitMQ topology');
const amqp = await connectAmqp(
  env.AMQP_URL,
  env.AMQP_PREFIX ?? '',
  createLogger({ service: 'start', level: 'warn' }),
).catch((error) => fail('AMQP_URL', error));
await amqp.close();

mkdirSync(join(root, 'var', 'outbox'), { recursive: true });
mkdirSync(join(root, 'var', 'push'), { recursive: true });

const { default: concurrently } = await import('concurrently');
const { result } = concurrently(
  services.map(({ name, main, color }) => ({ name, command: `node ${main}`, prefixColor: color, env })),
  { prefix: 'name', restartTries: -1, restartDelay: 1000, cwd: root },
);

printBanner();
result.then(
  () => process.exit(0),
  () => process.exit(0),
);

function printBanner() {
  const smtp = env.SMTP_URL
    ? `SMTP ${env.SMTP_URL}`
    : `.eml files in ${join(root, 'var', 'outbox')} (set SMTP_URL to send)`;
  process.stdout.write(
    [
      '',
      'Herald is starting:',
      `  GraphQL                  http://localhost:8000/graphql`,
      `  REST shim, OpenAPI       http://localhost:8000/api/v1, http://localhost:8000/api/docs/`,
      `  health                   http://localhost:8000/health`,
      `  subgraphs                users :8001  templates :8002  notifications :8005 (gRPC :50051 :50052 :50053)`,
      `  workers                  email :8003  push :8004 (health and metrics)`,
      `  email delivery           ${smtp}`,
      `  dev admin key            ${env.HERALD_ADMIN_API_KEY}   (Authorization: Bearer <key>; refused when NODE_ENV=production)`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

function fail(variable, error) {
  process.stderr.write(`[start] ${variable} is unreachable: ${error.message}\n`);
  process.stderr.write('[start] Is it running? See README.md, "Prerequisites".\n');
  process.exit(1);
}
