import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, createTestEnvironment } from '@herald/testkit';

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

function runService(main: string, env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, main)], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', GRPC_PORT: '0', ...isolated, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${main} did not exit with a bad configuration`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const DATABASE_SERVICES = [
  'subgraphs/users/dist/main.js',
  'subgraphs/templates/dist/main.js',
  'subgraphs/notifications/dist/main.js',
];
const AMQP_SERVICES = [
  'subgraphs/notifications/dist/main.js',
  'workers/email/dist/main.js',
  'workers/push/dist/main.js',
];

// Every variable but the one under test points at this run's own database and prefix, so a
// service that gets further than it should touches nothing shared.
const environment = createTestEnvironment();
const isolated = {
  DATABASE_URL: environment.databaseUrl('startup'),
  AMQP_URL: environment.amqpUrl,
  AMQP_PREFIX: environment.amqpPrefix,
};

afterAll(() => environment.cleanup());

describe('service start-up with a bad environment', () => {
  it.each(DATABASE_SERVICES)('%s exits non-zero naming DATABASE_URL when it is malformed', async (main) => {
    const exit = await runService(main, { DATABASE_URL: 'not a url' });
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain('DATABASE_URL');
  });

  it.each(DATABASE_SERVICES)(
    '%s exits non-zero naming DATABASE_URL when nothing answers there',
    async (main) => {
      const exit = await runService(main, {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/herald_unreachable',
      });
      expect(exit.code).not.toBe(0);
      expect(exit.stderr.trim().split('\n')).toHaveLength(1);
      expect(exit.stderr).toContain('DATABASE_URL');
    },
  );

  it.each(AMQP_SERVICES)('%s exits non-zero naming AMQP_URL when it is malformed', async (main) => {
    const exit = await runService(main, { AMQP_URL: 'http://wrong-scheme' });
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain('AMQP_URL');
  });

  it.each(AMQP_SERVICES)('%s exits non-zero naming AMQP_URL when no broker answers there', async (main) => {
    const exit = await runService(main, { AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' });
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain('AMQP_URL');
  });
});
