import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from './subgraph-fetcher';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

async function serve(handler: Handler) {
  const ports: number[] = [];
  const server = createServer((req, res) => {
    ports.push(req.socket.remotePort ?? 0);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    /** The client port of each request: one port for all means one reused connection. */
    ports,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('createSubgraphFetcher', () => {
  const subgraph = createSubgraphFetcher({ silenceMs: 500 });
  afterAll(() => subgraph.close());

  it('posts the body with the given headers and answers status, headers and JSON', async () => {
    const server = await serve((req, body, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-seen': String(req.headers['x-internal-token']),
      });
      res.end(JSON.stringify({ method: req.method, body: JSON.parse(body) as unknown }));
    });
    try {
      const body = JSON.stringify({ query: '{ me { id } }', variables: { name: 'Zoë' } });
      const response = await subgraph.fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-token': 'secret' },
        body,
      });
      expect(response).toMatchObject({ ok: true, status: 200, statusText: 'OK', url: server.url });
      expect(response.headers.get('Content-Type')).toBe('application/json');
      expect(response.headers.get('x-seen')).toBe('secret');
      expect(await response.clone().text()).toBe(JSON.stringify({ method: 'POST', body: JSON.parse(body) }));
      expect(await response.json()).toEqual({ method: 'POST', body: JSON.parse(body) });
      expect(response.bodyUsed).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reuses one connection for calls made one after another', async () => {
    const server = await serve((_req, _body, res) => res.end('{}'));
    try {
      for (let call = 0; call < 3; call += 1) {
        await (await subgraph.fetch(server.url, { method: 'POST', body: '{}' })).text();
      }
      expect(new Set(server.ports).size).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('answers an error status as a response that is not ok, with its body', async () => {
    const server = await serve((_req, _body, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('unauthorized');
    });
    try {
      const response = await subgraph.fetch(server.url, { method: 'POST', body: '{}' });
      expect(response).toMatchObject({ ok: false, status: 401, statusText: 'Unauthorized' });
      expect(await response.text()).toBe('unauthorized');
    } finally {
      await server.close();
    }
  });

  it('rejects when the subgraph is down, drops the answer, or stays silent', async () => {
    const dropping = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"data":');
      setTimeout(() => res.destroy(), 20);
    });
    const silent = await serve(() => undefined);
    const down = await serve(() => undefined);
    await down.close();
    try {
      await expect(subgraph.fetch(down.url, { method: 'POST', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
      await expect(subgraph.fetch(dropping.url, { method: 'POST', body: '{}' })).rejects.toThrow(
        /aborted|mid-answer/,
      );
      await expect(subgraph.fetch(silent.url, { method: 'POST', body: '{}' })).rejects.toThrow(
        /no answer from .* within 500 ms/,
      );
    } finally {
      await Promise.all([dropping.close(), silent.close()]);
    }
  });
});
