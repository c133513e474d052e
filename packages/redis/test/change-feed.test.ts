import { freePort, waitFor } from '@herald/testkit';
import { createLocalCache } from '@herald/cache';
import { createChangeFeed } from '../src';
import { redisConnections } from './redis-connections';

const { log, environment, open, closeAll } = redisConnections('change-feed-test');
const FEED = { channel: 'things:changed', field: 'id' };

afterAll(closeAll);

describe('createChangeFeed', () => {
  it("drops another process's cached copy at once, on the prefixed channel", async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    const listening = open();
    const listener = createChangeFeed(listening, FEED, log);
    listener.onChange((id) => cache.invalidate(id));
    await listener.listen(5000);
    await cache.getOrLoad('ada', '', async () => 'Ada v1');

    const announcer = open();
    await waitFor(() => announcer.check().then(() => true), { description: 'redis ready' });
    const onTheWire: string[] = [];
    await listening.subscriber().subscribe(`${environment.redisPrefix}things:changed`);
    listening.subscriber().on('message', (_channel: string, raw: string) => onTheWire.push(raw));
    await createChangeFeed(announcer, FEED, log).announce('ada');

    await waitFor(() => cache.peek('ada', '') === undefined, { description: 'the invalidation' });
    expect(await cache.getOrLoad('ada', '', async () => 'Ada v2')).toBe('Ada v2');
    await waitFor(() => onTheWire.length > 0, { description: 'the raw message' });
    expect(JSON.parse(onTheWire[0] as string)).toEqual({ id: 'ada' });
  });

  it('fails open with Redis down: announcing tells local listeners and throws nothing, listening gives up in time', async () => {
    const down = open({ url: `redis://127.0.0.1:${await freePort()}` });
    const feed = createChangeFeed(down, FEED, log);
    const changed: string[] = [];
    feed.onChange((id) => changed.push(id));

    const started = Date.now();
    await feed.listen(200);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(feed.announce('ada')).resolves.toBeUndefined();
    expect(changed).toEqual(['ada']);
  });

  it('ignores a message without the id field', async () => {
    const connection = open();
    const feed = createChangeFeed(connection, FEED, log);
    const changed: string[] = [];
    feed.onChange((id) => changed.push(id));
    await feed.listen(5000);
    await connection.client.publish(
      `${environment.redisPrefix}things:changed`,
      JSON.stringify({ code: 'x' }),
    );
    await createChangeFeed(connection, FEED, log).announce('grace');
    // Redis keeps a channel's messages in order: the one without an id came first.
    await waitFor(() => changed.includes('grace'), { description: 'the announcement' });
    expect(changed).toEqual(['grace']);
  });
});
