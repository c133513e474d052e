import { NotFoundError, UnavailableError, UnauthenticatedError } from '@herald/errors';
import { createLogger, runWithContext } from '@herald/logging';
import { createGrpcClient, createGrpcServer, loadHeraldProto, type GrpcServer } from '../src';

const log = createLogger({ service: 'grpc-test', level: 'silent' });
const { TemplateService } = loadHeraldProto().herald.v1;
const TOKEN = 'the-internal-token';
let server: GrpcServer;
let address: string;
const seenCorrelationIds: string[] = [];

beforeAll(async () => {
  server = createGrpcServer({ internalToken: TOKEN, log });
  server.addService(TemplateService.service, {
    GetTemplate: async (request, context) => {
      seenCorrelationIds.push(context.correlationId);
      // What @herald/database throws when PostgreSQL cannot be reached.
      if (request.code === 'during-outage')
        throw new UnavailableError('the database is unavailable; retry shortly');
      if (request.code !== 'welcome')
        throw new NotFoundError(`template ${request.code} not found`, { code: request.code });
      return { code: 'welcome', channel: 'EMAIL', version: 1, locale: 'en', variables: ['name'] };
    },
    GetTemplateVersion: async () => {
      throw new Error('not used here');
    },
    RenderTemplate: async () => {
      throw new Error('database exploded at 10.0.0.3');
    },
  });
  address = `127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

afterAll(() => server.close());

describe('gRPC helpers', () => {
  it('answers a call that carries the internal token, with the caller correlation id', async () => {
    const client = createGrpcClient(TemplateService, address, { internalToken: TOKEN, deadlineMs: 2000 });
    const template = await runWithContext({ correlation_id: 'corr-42' }, () =>
      client.GetTemplate({ code: 'welcome' }),
    );
    expect(template).toMatchObject({ code: 'welcome', version: 1, variables: ['name'] });
    expect(seenCorrelationIds).toContain('corr-42');
    client.close();
  });

  it('reaches the server through a dns:/// target (round_robin over every resolved address)', async () => {
    const client = createGrpcClient(TemplateService, `dns:///localhost:${address.split(':')[1]}`, {
      internalToken: TOKEN,
      deadlineMs: 2000,
    });
    await expect(client.GetTemplate({ code: 'welcome' })).resolves.toMatchObject({ code: 'welcome' });
    client.close();
  });

  it('refuses a call with a wrong internal token as UNAUTHENTICATED', async () => {
    const client = createGrpcClient(TemplateService, address, {
      internalToken: 'guessed-token',
      deadlineMs: 2000,
    });
    await expect(client.GetTemplate({ code: 'welcome' })).rejects.toBeInstanceOf(UnauthenticatedError);
    client.close();
  });

  it('brings typed errors across the wire with their details', async () => {
    const client = createGrpcClient(TemplateService, address, { internalToken: TOKEN, deadlineMs: 2000 });
    const error: unknown = await client.GetTemplate({ code: 'missing' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).details).toEqual({ code: 'missing' });
    client.close();
  });

  it("answers UNAVAILABLE, which the caller may retry, when the service's database is down", async () => {
    const client = createGrpcClient(TemplateService, address, { internalToken: TOKEN, deadlineMs: 2000 });
    const error: unknown = await client
      .GetTemplate({ code: 'during-outage' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    client.close();
  });

  it('hides the internals of an unexpected server fault', async () => {
    const client = createGrpcClient(TemplateService, address, { internalToken: TOKEN, deadlineMs: 2000 });
    const error: unknown = await client
      .RenderTemplate({ code: 'welcome' })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).not.toContain('10.0.0.3');
    client.close();
  });

  it('reports an unreachable server as a retryable UnavailableError once the deadline passes', async () => {
    const client = createGrpcClient(TemplateService, '127.0.0.1:1', {
      internalToken: TOKEN,
      deadlineMs: 300,
    });
    const error: unknown = await client.GetTemplate({ code: 'welcome' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).retryable).toBe(true);
    client.close();
  });
});
