import { NotFoundError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import { Registry } from 'prom-client';
import { histogramSeries } from '@herald/testkit';
import { createGrpcClient, createGrpcServer, loadHeraldProto, type GrpcServer } from '../src';

const log = createLogger({ service: 'grpc-test', level: 'silent' });
const { TemplateService } = loadHeraldProto().herald.v1;
const TOKEN = 'the-internal-token';
const serverMetrics = new Registry();
const clientMetrics = new Registry();
let server: GrpcServer;
let address: string;

beforeAll(async () => {
  server = createGrpcServer({ internalToken: TOKEN, log, metrics: serverMetrics });
  server.addService(TemplateService.service, {
    GetTemplate: async (request) => {
      if (request.code !== 'welcome') throw new NotFoundError(`template ${request.code} not found`);
      return { code: 'welcome', channel: 'EMAIL', version: 1, locale: 'en', variables: [] };
    },
    GetTemplateVersion: async () => {
      throw new Error('not used here');
    },
    RenderTemplate: async () => {
      throw new Error('not used here');
    },
  });
  address = `127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

afterAll(() => server.close());

/** `method code` → number of calls, from a histogram's _count samples. */
async function callCounts(registry: Registry, name: string): Promise<Record<string, number>> {
  const series = await histogramSeries(registry, name);
  return Object.fromEntries(series.map(({ labels, count }) => [`${labels.method} ${labels.code}`, count]));
}

it('times calls on both sides by full method name and gRPC status code', async () => {
  const client = createGrpcClient(TemplateService, address, {
    internalToken: TOKEN,
    deadlineMs: 2000,
    metrics: clientMetrics,
  });
  const unauthenticated = createGrpcClient(TemplateService, address, {
    internalToken: 'wrong',
    deadlineMs: 2000,
    metrics: clientMetrics,
  });
  try {
    await client.GetTemplate({ code: 'welcome' });
    await expect(client.GetTemplate({ code: 'nope' })).rejects.toThrow(NotFoundError);
    await expect(unauthenticated.GetTemplate({ code: 'welcome' })).rejects.toThrow();
  } finally {
    client.close();
    unauthenticated.close();
  }

  const expected = {
    'herald.v1.TemplateService/GetTemplate OK': 1,
    'herald.v1.TemplateService/GetTemplate NOT_FOUND': 1,
    'herald.v1.TemplateService/GetTemplate UNAUTHENTICATED': 1,
  };
  expect(await callCounts(serverMetrics, 'herald_grpc_server_handling_seconds')).toEqual(expected);
  // Two clients of one registry share the histogram.
  expect(await callCounts(clientMetrics, 'herald_grpc_client_handling_seconds')).toEqual(expected);
});

it('counts a call that never reached a server as UNAVAILABLE on the client', async () => {
  const client = createGrpcClient(TemplateService, '127.0.0.1:1', {
    internalToken: TOKEN,
    deadlineMs: 2000,
    metrics: clientMetrics,
  });
  try {
    await expect(client.GetTemplate({ code: 'welcome' })).rejects.toThrow();
  } finally {
    client.close();
  }
  expect(await callCounts(clientMetrics, 'herald_grpc_client_handling_seconds')).toMatchObject({
    'herald.v1.TemplateService/GetTemplate UNAVAILABLE': 1,
  });
});
