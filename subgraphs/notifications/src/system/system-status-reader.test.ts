import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, startSilentPeer, type SilentPeer } from '@herald/testkit';
import { createSystemStatusReader } from './system-status-reader';

const TIMEOUT_MS = 300;

describe('createSystemStatusReader', () => {
  let silent: SilentPeer;
  let worker: Server;
  let workerUrl: string;

  beforeAll(async () => {
    silent = await startSilentPeer();
    worker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'ready',
          service: 'email-worker',
          checks: { amqp: 'ok' },
          breakers: [{ provider: 'email', state: 'open' }],
        }),
      );
    });
    await new Promise<void>((resolve) => worker.listen(0, '127.0.0.1', resolve));
    workerUrl = `http://127.0.0.1:${(worker.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await silent?.close();
    await new Promise((resolve) => worker?.close(resolve));
  });

  it('shows a hung peer and a refused one as not ready within the bound, beside one that answered', async () => {
    const reader = createSystemStatusReader({
      self: {
        name: 'notifications',
        read: async () => ({ status: 'ready', service: 'notifications', checks: {} }),
      },
      peers: [
        { name: 'gateway', url: `http://${silent.address}` },
        { name: 'users', url: `http://127.0.0.1:${await freePort()}/graphql` },
        { name: 'email-worker', url: workerUrl },
      ],
      queues: { readAll: () => new Promise(() => undefined) },
      timeoutMs: TIMEOUT_MS,
    });
    const [reports, queues] = await Promise.all([
      Promise.all(reader.services.map(async ({ name, read }) => ({ name, report: await read() }))),
      reader.readQueues(),
    ]);
    expect(reports).toEqual([
      {
        name: 'gateway',
        report: { status: 'not_ready', service: 'gateway', checks: { reachable: 'no answer in time' } },
      },
      {
        name: 'users',
        report: {
          status: 'not_ready',
          service: 'users',
          checks: { reachable: 'unreachable (ECONNREFUSED)' },
        },
      },
      {
        name: 'email-worker',
        report: {
          status: 'ready',
          service: 'email-worker',
          checks: { amqp: 'ok' },
          breakers: [{ provider: 'email', state: 'open' }],
        },
      },
      { name: 'notifications', report: { status: 'ready', service: 'notifications', checks: {} } },
    ]);
    // A broker that never answers leaves the queue list empty rather than the query hanging.
    expect(queues).toEqual([]);
  });
});
