import { NotFoundError, UnauthenticatedError, UnavailableError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import { startTcpProxy, waitFor, type TcpProxy } from '@herald/testkit';
import {
  createGrpcClient,
  createGrpcServer,
  loadHeraldProto,
  transportStatusOf,
  type GrpcServer,
  type GrpcStatusReport,
} from '../src';

const log = createLogger({ service: 'grpc-stream-test', level: 'silent' });
const { NotificationStatusService } = loadHeraldProto().herald.v1;
const TOKEN = 'the-internal-token';
const BACKOFF = { firstMs: 50, maxMs: 200 };

/** What the test server was asked; a report's detail tells it how to answer. */
interface ServerRecord {
  /** The correlation id of each stream a request came on: one per opened stream. */
  readonly streams: Set<string>;
  readonly handled: string[];
  /** Answers held back until the test releases them, by notification id. */
  readonly held: Map<string, () => void>;
}

/**
 * A NotificationStatusService whose stream answers each report by its detail: "hold" waits for
 * the test, "missing" fails the request NOT_FOUND, anything else answers at once.
 */
async function startServer(): Promise<{ server: GrpcServer; address: string; record: ServerRecord }> {
  const record: ServerRecord = { streams: new Set(), handled: [], held: new Map() };
  const server = createGrpcServer({ internalToken: TOKEN, log });
  const answer = async (report: GrpcStatusReport) => {
    if (report.detail === 'hold')
      await new Promise<void>((resolve) => record.held.set(report.notification_id, resolve));
    if (report.detail === 'missing')
      throw new NotFoundError(`notification ${report.notification_id} not found`);
    record.handled.push(report.notification_id);
    return { notification_id: report.notification_id, applied: true, status: report.status };
  };
  server.addService(NotificationStatusService.service, {
    ReportStatus: async (report) => answer(report),
    ReportStatusBatch: async ({ reports }) => ({ results: await Promise.all(reports.map(answer)) }),
    ReportStatusStream: async ({ reports }, context) => {
      record.streams.add(context.correlationId);
      return { results: await Promise.all(reports.map(answer)) };
    },
  });
  const bound = await server.listen(0, '127.0.0.1');
  return { server, address: `127.0.0.1:${bound}`, record };
}

const report = (notificationId: string, detail = ''): GrpcStatusReport => ({
  notification_id: notificationId,
  status: 'DELIVERED',
  detail,
  timestamp: '',
  attempt: 1,
  delivery_id: '',
  status_code: '',
  holder: '',
  lease_ms: 0,
});

function client(address: string, overrides: { internalToken?: string; deadlineMs?: number } = {}) {
  return createGrpcClient(NotificationStatusService, address, {
    internalToken: overrides.internalToken ?? TOKEN,
    deadlineMs: overrides.deadlineMs ?? 5000,
    reopenBackoff: BACKOFF,
  });
}

const servers: GrpcServer[] = [];
const proxies: TcpProxy[] = [];
const clients: { close(): void }[] = [];
afterEach(async () => {
  for (const opened of clients.splice(0)) opened.close();
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function started() {
  const started = await startServer();
  servers.push(started.server);
  return started;
}

function opened(address: string, overrides?: Parameters<typeof client>[1]) {
  const opened = client(address, overrides);
  clients.push(opened);
  return opened.ReportStatusStream;
}

describe('a request-reply stream', () => {
  it('gives each request its own reply when the server answers them out of order, on one stream', async () => {
    const { address, record } = await started();
    const stream = opened(address);

    const slow = stream.request({ reports: [report('slow', 'hold')] });
    await waitFor(() => record.held.has('slow'), { description: 'the first request held' });
    const fast = await stream.request({ reports: [report('fast-1'), report('fast-2')] });
    record.held.get('slow')!();

    expect(fast.results.map((result) => result.notification_id)).toEqual(['fast-1', 'fast-2']);
    expect((await slow).results.map((result) => result.notification_id)).toEqual(['slow']);
    expect(record.handled).toEqual(['fast-1', 'fast-2', 'slow']);
    expect(record.streams.size).toBe(1);
  });

  it('fails a request the server refuses with its error, and the stream carries the next one', async () => {
    const { address, record } = await started();
    const stream = opened(address);

    await expect(stream.request({ reports: [report('gone', 'missing')] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(stream.request({ reports: [report('after')] })).resolves.toMatchObject({
      results: [{ notification_id: 'after', applied: true }],
    });
    expect(record.streams.size).toBe(1);
  });

  it('refuses a stream opened with a wrong internal token, and says so when checked', async () => {
    const { address, record } = await started();
    const stream = opened(address, { internalToken: 'guessed-token' });

    await expect(stream.request({ reports: [report('a')] })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(stream.check()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(record.handled).toEqual([]);
  });

  it('fails a request without a reply within the deadline, and the next one goes on a new stream', async () => {
    const { address, record } = await started();
    const stream = opened(address, { deadlineMs: 300 });

    const error: unknown = await stream
      .request({ reports: [report('stuck', 'hold')] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UnavailableError);
    expect(transportStatusOf(error)).toBe('DEADLINE_EXCEEDED');
    await expect(stream.request({ reports: [report('next')] })).resolves.toMatchObject({
      results: [{ notification_id: 'next' }],
    });
    expect(record.streams.size).toBe(2);
    record.held.get('stuck')!();
  });

  it('fails the requests awaiting on a broken stream, then reopens when the server is reachable', async () => {
    const { address, record } = await started();
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(address.split(':')[1]) });
    proxies.push(proxy);
    const stream = opened(`127.0.0.1:${proxy.port}`);
    await expect(stream.check()).resolves.toBeUndefined();
    const awaiting = stream.request({ reports: [report('in-flight', 'hold')] });
    await waitFor(() => record.held.has('in-flight'), { description: 'the request under way' });

    proxy.cut();
    const error: unknown = await awaiting.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    await expect(stream.check()).rejects.toBeInstanceOf(UnavailableError);
    await expect(stream.request({ reports: [report('while-cut')] })).rejects.toBeInstanceOf(UnavailableError);

    proxy.restore();
    await waitFor(
      () =>
        stream.request({ reports: [report('after-restore')] }).then(
          () => true,
          () => false,
        ),
      { description: 'a request answered once the server is reachable again' },
    );
    expect(record.handled).toContain('after-restore');
    expect(record.handled).not.toContain('while-cut');
    await expect(stream.check()).resolves.toBeUndefined();
    record.held.get('in-flight')!();
  });

  it('answers the requests under way when the server shuts down, then ends the stream', async () => {
    const { server, address, record } = await started();
    const stream = opened(address);
    const underWay = stream.request({ reports: [report('draining', 'hold')] });
    await waitFor(() => record.held.has('draining'), { description: 'the request under way' });

    const closing = server.close();
    record.held.get('draining')!();

    await expect(underWay).resolves.toMatchObject({ results: [{ notification_id: 'draining' }] });
    await closing;
    await expect(stream.request({ reports: [report('after-close')] })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });
});
