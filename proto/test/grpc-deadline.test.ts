import { once } from 'node:events';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { UnavailableError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import { startSilentPeer, waitFor } from '@herald/testkit';
import { createGrpcClient, createGrpcServer, loadHeraldProto, transportStatusOf } from '../src';

const log = createLogger({ service: 'grpc-deadline-test', level: 'silent' });
const { TemplateService } = loadHeraldProto().herald.v1;
const TOKEN = 'the-internal-token';
const DEADLINE_MS = 500;
/** Scheduling slack on a shared machine; a call that ignored its deadline would hang for good. */
const MARGIN_MS = 1_000;

interface HungPeer {
  readonly address: string;
  /** Whether the peer took the call's connection: it hung, it did not refuse. */
  readonly connected: () => boolean;
  close(): Promise<void>;
}

/** Accepts TCP and never sends a byte: not even the HTTP/2 preface. */
async function silentTcp(): Promise<HungPeer> {
  const peer = await startSilentPeer();
  return { address: peer.address, connected: () => peer.accepted() > 0, close: () => peer.close() };
}

/** Completes the HTTP/2 handshake, takes the call's stream, and never answers it. */
async function silentHttp2(): Promise<HungPeer> {
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  let streams = 0;
  server.on('session', (session) => sessions.add(session));
  server.on('stream', () => (streams += 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    connected: () => streams > 0,
    close: () =>
      new Promise((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A Herald gRPC server whose handler never settles: a query stuck on a lock, say. */
async function stuckHandler(): Promise<HungPeer> {
  const server = createGrpcServer({ internalToken: TOKEN, log });
  let calls = 0;
  const never = () => {
    calls += 1;
    return new Promise<never>(() => undefined);
  };
  server.addService(TemplateService.service, {
    GetTemplate: never,
    GetTemplateVersion: never,
    RenderTemplate: never,
  });
  const port = await server.listen(0, '127.0.0.1');
  return { address: `127.0.0.1:${port}`, connected: () => calls > 0, close: () => server.close() };
}

describe('a gRPC call to a peer that accepts and never answers', () => {
  it.each([
    ['accepts TCP and stays silent', silentTcp],
    ['speaks HTTP/2 and never answers the stream', silentHttp2],
    ['is a Herald server whose handler never returns', stuckHandler],
  ])('fails at its deadline with a retryable UnavailableError when the peer %s', async (_peer, start) => {
    const peer = await start();
    const client = createGrpcClient(TemplateService, peer.address, {
      internalToken: TOKEN,
      deadlineMs: DEADLINE_MS,
    });
    try {
      // On a loaded machine a first call can spend its whole deadline connecting: the call timed
      // is one made once a call has reached the peer, so its deadline is spent on the silence.
      await waitFor(
        async () => {
          await client.GetTemplate({ code: 'welcome' }).catch(() => undefined);
          return peer.connected();
        },
        { description: 'a call reaching the peer' },
      );
      const started = performance.now();
      const error: unknown = await client.GetTemplate({ code: 'welcome' }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      const elapsed = performance.now() - started;

      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).retryable).toBe(true);
      expect(transportStatusOf(error)).toBe('DEADLINE_EXCEEDED');
      // grpc-js rounds the deadline to whole milliseconds and its timer may fire a hair early.
      expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
      expect(elapsed).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    } finally {
      client.close();
      await peer.close();
    }
  });
});
