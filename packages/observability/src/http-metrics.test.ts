import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { histogramSeries } from '@herald/testkit';
import { fixedRoutes, timeHttpRequests } from './http-metrics';

const registry = new Registry();
let server: Server;
let base: string;

beforeAll(async () => {
  const time = timeHttpRequests(registry, fixedRoutes(['/graphql', '/health']));
  server = createServer((req, res) => {
    time(req, res);
    res.writeHead(req.url?.startsWith('/health') ? 200 : 404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function counts(): Promise<Record<string, number>> {
  const series = await histogramSeries(registry, 'herald_http_request_duration_seconds');
  return Object.fromEntries(
    series.map(({ labels, count }) => [`${labels.method} ${labels.route} ${labels.status}`, count]),
  );
}

it('times each request by method, route and status, with raw paths lumped as unmatched', async () => {
  await fetch(`${base}/health?verbose=1`);
  await fetch(`${base}/health`);
  await fetch(`${base}/users/0f0e8d2c-1d7a-4a43-9a1e-3c4b5a6d7e8f`);
  await fetch(`${base}/graphql`, { method: 'POST', body: '{}' });

  expect(await counts()).toEqual({
    'GET /health 200': 2,
    'GET unmatched 404': 1,
    'POST /graphql 404': 1,
  });
});

it('shares one histogram among the servers of one registry', () => {
  expect(() => timeHttpRequests(registry, () => 'other')).not.toThrow();
});
