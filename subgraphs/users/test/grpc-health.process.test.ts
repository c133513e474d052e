import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  REPO_ROOT,
  createGrpcHealthClient,
  createTestEnvironment,
  freePort,
  waitFor,
  type GrpcHealthClient,
} from '@herald/testkit';

// Run from dist/ as a real process, so SIGTERM takes the path it takes in production.
const USERS_MAIN = join(REPO_ROOT, 'subgraphs/users/dist/main.js');
const USER_SERVICE = 'herald.v1.UserService';

describe('users service process, grpc.health.v1', () => {
  const env = createTestEnvironment();
  let child: ChildProcess | undefined;
  let health: GrpcHealthClient | undefined;

  afterAll(async () => {
    health?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await env.cleanup();
  });

  it('serves SERVING once started, and streams NOT_SERVING to watchers as SIGTERM starts the drain', async () => {
    const grpcPort = await freePort();
    child = spawn(process.execPath, [USERS_MAIN], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        ...env.serviceEnv,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: '0',
        GRPC_PORT: `${grpcPort}`,
        DATABASE_URL: env.databaseUrl('users'),
        INTERNAL_TOKEN: 'users-process-health-token',
      },
    });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    health = createGrpcHealthClient(`127.0.0.1:${grpcPort}`);
    const client = health;
    await waitFor(async () => (await client.check(USER_SERVICE)) === 'SERVING', {
      description: 'users to serve gRPC',
    });
    expect(await client.check('')).toBe('SERVING');
    const overall = client.watch('');
    const service = client.watch(USER_SERVICE);
    await waitFor(() => overall.statuses.length > 0 && service.statuses.length > 0, {
      description: 'the first Watch answers',
    });

    child.kill('SIGTERM');

    await waitFor(
      () => overall.statuses.includes('NOT_SERVING') && service.statuses.includes('NOT_SERVING'),
      {
        description: 'NOT_SERVING on both Watch streams',
      },
    );
    expect(overall.statuses).toEqual(['SERVING', 'NOT_SERVING']);
    expect(service.statuses).toEqual(['SERVING', 'NOT_SERVING']);
    expect(await exited).toBe(0);
  });
});
