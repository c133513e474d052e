import type { AddressInfo } from 'node:net';
import express from 'express';
import { waitFor } from '@herald/testkit';
import { loadShedding } from './load-shedding';
import type { SendEdgeError } from './edge-errors';

const send: SendEdgeError = (_req, res, { code, message }) => {
  res.status(503).json({ errors: [{ message, extensions: { code } }] });
};

async function serve(maxInFlight: number) {
  const waiting: (() => void)[] = [];
  const app = express();
  app.use(loadShedding(maxInFlight, send));
  app.get('/', (_req, res) => {
    waiting.push(() => res.json({ ok: true }));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, waiting, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('loadShedding', () => {
  it('answers 503 with Retry-After past the limit, and serves again once a slot frees', async () => {
    const gateway = await serve(2);
    try {
      const first = fetch(gateway.url);
      const second = fetch(gateway.url);
      await waitFor(() => gateway.waiting.length === 2, { description: 'two requests in flight' });
      const refused = await fetch(gateway.url);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAVAILABLE' } }] });

      gateway.waiting.shift()?.();
      expect((await first).status).toBe(200);
      const third = fetch(gateway.url);
      await waitFor(() => gateway.waiting.length === 2, { description: 'two requests in flight' });
      for (const answer of gateway.waiting.splice(0)) answer();
      expect((await second).status).toBe(200);
      expect((await third).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});
