import type { AddressInfo } from 'node:net';
import express from 'express';
import { createMetricsRegistry } from '@herald/observability';
import { ERROR_META, restEnvelopeIssues, waitFor } from '@herald/testkit';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { createEdgeErrorSender } from './edge-errors';
import { loadShedding } from './load-shedding';

/** The gateway's own edge sender, on a REST path: the refusal is the REST envelope. */
async function serve(maxInFlight: number) {
  const waiting: (() => void)[] = [];
  const app = express();
  app.use(
    loadShedding(maxInFlight, createEdgeErrorSender(createGatewayMetrics(createMetricsRegistry('gateway')))),
  );
  app.get('/api/v1/notifications', (_req, res) => {
    waiting.push(() => res.json({ ok: true }));
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/notifications`;
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
      const body: unknown = await refused.json();
      expect(restEnvelopeIssues(body)).toEqual([]);
      expect(body).toMatchObject({ success: false, error: 'UNAVAILABLE', meta: ERROR_META });

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
