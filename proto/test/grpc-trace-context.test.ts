import { runWithContext } from '@herald/logging';
import { continueTrace, traceCarrierOf } from '@herald/observability';
import { captureLog } from '@herald/testkit';
import { createGrpcClient, createGrpcServer, loadHeraldProto, type GrpcServer } from '../src';

const { TemplateService } = loadHeraldProto().herald.v1;
const TOKEN = 'the-internal-token';
const { log, lines } = captureLog('templates');
let server: GrpcServer;
let client: ReturnType<typeof createGrpcClient<typeof TemplateService.service>>;

beforeAll(async () => {
  server = createGrpcServer({ internalToken: TOKEN, log });
  server.addService(TemplateService.service, {
    // Answers with the trace context the handler runs in, as the template code.
    GetTemplate: async () => ({
      code: JSON.stringify(traceCarrierOf()),
      channel: 'EMAIL',
      version: 1,
      locale: 'en',
      variables: [],
    }),
    GetTemplateVersion: async () => {
      throw new Error('not used');
    },
    RenderTemplate: async () => {
      throw new Error('not used');
    },
  });
  const port = await server.listen(0, '127.0.0.1');
  client = createGrpcClient(TemplateService, `127.0.0.1:${port}`, { internalToken: TOKEN, deadlineMs: 2000 });
});

afterAll(async () => {
  client.close();
  await server.close();
});

describe('gRPC trace context and call logging', () => {
  it("runs the server's handler in the caller's trace: the traceparent crosses unchanged with tracing off", async () => {
    const caller = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    const answer = await continueTrace(caller, () => client.GetTemplate({ code: 'welcome' }));
    expect(JSON.parse(answer.code)).toEqual(caller);
  });

  it('logs one line per call on the server with the caller correlation id and the outcome', async () => {
    await runWithContext({ correlation_id: 'corr-grpc-7' }, () => client.GetTemplate({ code: 'welcome' }));
    const handled = lines.filter((line) => line.correlation_id === 'corr-grpc-7');
    expect(handled).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'templates',
        rpc: 'herald.v1.TemplateService/GetTemplate',
        code: 'OK',
        message: 'rpc handled',
      }),
    ]);
  });
});
