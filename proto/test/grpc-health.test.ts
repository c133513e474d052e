import { createLogger } from '@herald/logging';
import {
  createGrpcHealthClient,
  startSilentPeer,
  waitFor,
  type GrpcHealthClient,
  type SilentPeer,
} from '@herald/testkit';
import {
  createGrpcClient,
  createGrpcHealthProbe,
  createGrpcServer,
  loadHeraldProto,
  type GrpcServer,
} from '../src';

const log = createLogger({ service: 'grpc-health-test', level: 'silent' });
const { TemplateService } = loadHeraldProto().herald.v1;
const TOKEN = 'the-internal-token';
const TEMPLATE_SERVICE = 'herald.v1.TemplateService';

async function startTemplateServer(): Promise<{ server: GrpcServer; address: string }> {
  const server = createGrpcServer({ internalToken: TOKEN, log });
  const welcome = { code: 'welcome', channel: 'EMAIL', version: 1, locale: 'en', variables: [] };
  const unused = async (): Promise<never> => {
    throw new Error('not used here');
  };
  server.addService(TemplateService.service, {
    GetTemplate: async () => welcome,
    GetTemplateVersion: unused,
    RenderTemplate: unused,
  });
  return { server, address: `127.0.0.1:${await server.listen(0, '127.0.0.1')}` };
}

describe('grpc.health.v1 on a Herald gRPC server', () => {
  let server: GrpcServer;
  let address: string;
  let health: GrpcHealthClient;

  beforeEach(async () => {
    ({ server, address } = await startTemplateServer());
    health = createGrpcHealthClient(address);
  });

  afterEach(async () => {
    health.close();
    await server.close();
  });

  it('answers SERVING for the whole server and for each service, to a caller with no internal token', async () => {
    expect(await health.check('')).toBe('SERVING');
    expect(await health.check(TEMPLATE_SERVICE)).toBe('SERVING');
    await expect(health.check('herald.v1.NoSuchService')).rejects.toMatchObject({
      details: expect.stringMatching(/unknown/),
    });
  });

  it('answers NOT_SERVING once draining begins, while it still answers calls', async () => {
    server.drain();

    expect(await health.check('')).toBe('NOT_SERVING');
    expect(await health.check(TEMPLATE_SERVICE)).toBe('NOT_SERVING');
    const templates = createGrpcClient(TemplateService, address, { internalToken: TOKEN, deadlineMs: 2000 });
    await expect(templates.GetTemplate({ code: 'welcome' })).resolves.toMatchObject({ code: 'welcome' });
    templates.close();
  });

  it('streams NOT_SERVING to Watch when the server closes, then ends the stream', async () => {
    const overall = health.watch('');
    const service = health.watch(TEMPLATE_SERVICE);
    await waitFor(() => overall.statuses.length > 0 && service.statuses.length > 0, {
      description: 'the first Watch answers',
    });

    await server.close();

    await waitFor(() => overall.ended && service.ended, { description: 'the Watch streams to end' });
    expect(overall.statuses).toEqual(['SERVING', 'NOT_SERVING']);
    expect(service.statuses).toEqual(['SERVING', 'NOT_SERVING']);
  });
});

describe('a gRPC health readiness probe', () => {
  let silent: SilentPeer;

  beforeAll(async () => {
    silent = await startSilentPeer();
  });

  afterAll(() => silent.close());

  it('passes while the peer serves, and fails naming NOT_SERVING once it drains', async () => {
    const { server, address } = await startTemplateServer();
    const probe = createGrpcHealthProbe('templates_grpc', address, TemplateService);
    try {
      await expect(probe.check()).resolves.toBeUndefined();
      server.drain();
      await expect(probe.check()).rejects.toThrow('answered NOT_SERVING');
    } finally {
      probe.close();
      await server.close();
    }
  });

  it('fails within its deadline when the peer accepts connections but never answers', async () => {
    const probe = createGrpcHealthProbe('templates_grpc', silent.address, TemplateService);
    try {
      await expect(probe.check()).rejects.toThrow('unreachable (DEADLINE_EXCEEDED)');
    } finally {
      probe.close();
    }
  });
});
