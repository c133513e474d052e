import { createLogger } from '@herald/logging';
import type { ServiceApp } from '@herald/lifecycle';
import {
  createTestEnvironment,
  startSilentPeer,
  startWorkerPeers,
  type SilentPeer,
  type WorkerPeers,
} from '@herald/testkit';
import { createApp } from '../src/app';
import { loadEmailWorkerConfig } from '../src/config';
import { ada, welcomeTemplate } from './fixtures';

const INTERNAL_TOKEN = 'email-worker-peer-health-token';

interface Readiness {
  readonly status: number;
  readonly checks: Record<string, string>;
}

describe("email worker readiness from its gRPC peers' health", () => {
  const env = createTestEnvironment();
  const log = createLogger({ service: 'email-worker', level: 'silent' });
  const apps: ServiceApp[] = [];
  let peers: WorkerPeers;
  let silent: SilentPeer;

  /** Starts a worker whose users peer is at usersAddress, and returns how to read its /ready. */
  const startWorker = async (usersAddress: string) => {
    const app = await createApp(
      loadEmailWorkerConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN,
        ...env.serviceEnv,
        USERS_GRPC: usersAddress,
        TEMPLATES_GRPC: peers.address,
        NOTIFICATIONS_GRPC: peers.address,
      }),
      log,
    );
    apps.push(app);
    const { http } = await app.start();
    return async (): Promise<Readiness> => {
      const response = await fetch(`http://127.0.0.1:${http}/ready`);
      const body = (await response.json()) as { checks: Record<string, string> };
      return { status: response.status, checks: body.checks };
    };
  };

  beforeAll(async () => {
    peers = await startWorkerPeers({
      users: [ada],
      channel: 'EMAIL',
      template: welcomeTemplate,
      internalToken: INTERNAL_TOKEN,
      log,
    });
    silent = await startSilentPeer();
  });

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await peers?.close();
    await silent?.close();
    await env.cleanup();
  });

  it('is not ready, naming the peer, when a peer that served starts answering NOT_SERVING', async () => {
    const ready = await startWorker(peers.address);
    expect(await ready()).toEqual({
      status: 200,
      checks: {
        amqp: 'ok',
        status_stream: 'ok',
        users_grpc: 'ok',
        templates_grpc: 'ok',
        notifications_grpc: 'ok',
      },
    });

    peers.drain();

    expect(await ready()).toEqual({
      status: 503,
      checks: {
        amqp: 'ok',
        // The open stream is not cut by a drain: its batches are still answered until the close.
        status_stream: 'ok',
        users_grpc: 'answered NOT_SERVING',
        templates_grpc: 'answered NOT_SERVING',
        notifications_grpc: 'answered NOT_SERVING',
      },
    });
  });

  it('is not ready when a peer accepts connections but its Health/Check never answers', async () => {
    const ready = await startWorker(silent.address);

    const readiness = await ready();

    expect(readiness.status).toBe(503);
    expect(readiness.checks.users_grpc).toBe('unreachable (DEADLINE_EXCEEDED)');
  });
});
