import { createServer, connect, type Server, type Socket } from 'node:net';
import { QueryFailedError, type DataSource } from 'typeorm';
import { UnavailableError } from '@herald/errors';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { openDataSource } from '../src';

/** A TCP relay in front of PostgreSQL that the test can cut, as a network outage would. */
interface Relay {
  readonly port: number;
  /** Drops every open connection, and refuses new ones when `refuse` is set. */
  cut(options: { refuse: boolean }): Promise<void>;
}

async function startRelay(target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut: async ({ refuse }) => {
      if (refuse) await new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
    },
  };
}

const environment = createTestEnvironment();
let relay: Relay;
let db: DataSource;

beforeAll(async () => {
  const direct = new URL(environment.databaseUrl('outages'));
  relay = await startRelay(direct);
  const relayed = new URL(direct);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(relay.port);
  db = await openDataSource({ url: relayed.toString(), entities: [], migrations: [], poolSize: 2 });
});

afterAll(async () => {
  await relay.cut({ refuse: true }).catch(() => undefined);
  await db.destroy().catch(() => undefined);
  await environment.cleanup();
});

describe('a data source from openDataSource', () => {
  it('keeps a wrong query as the driver reported it', async () => {
    const failure: unknown = await db.query('SELEC 1').catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(QueryFailedError);
  });

  it('fails a query whose connection is lost under it with a retryable UnavailableError', async () => {
    const running = db.query('SELECT pg_sleep(10)').catch((caught: unknown) => caught);
    // Cut only once the query runs on the server, on the pool's other connection.
    await waitFor(
      async () => {
        const [{ count }] = (await db.query(
          "SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(10)'",
        )) as [{ count: number }];
        return count === 1;
      },
      { description: 'the query running on the server' },
    );
    await relay.cut({ refuse: false });
    const failure = await running;
    expect(failure).toBeInstanceOf(UnavailableError);
    expect(failure).toMatchObject({ retryable: true, message: 'the database is unavailable; retry shortly' });
  });

  it('fails a query with UnavailableError when the server refuses connections', async () => {
    await relay.cut({ refuse: true });
    const viaTypeorm: unknown = await db.query('SELECT 1').catch((caught: unknown) => caught);
    const viaPool: unknown = await (
      db.driver as unknown as { master: { query(text: string): Promise<unknown> } }
    ).master
      .query('SELECT 1')
      .catch((caught: unknown) => caught);
    expect(viaTypeorm).toBeInstanceOf(UnavailableError);
    expect(viaPool).toBeInstanceOf(UnavailableError);
  });
});
