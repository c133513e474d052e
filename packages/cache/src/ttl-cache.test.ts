import { createTtlCache } from './ttl-cache';

describe('createTtlCache', () => {
  it('forgets an entry once its time is up', () => {
    let now = 1000;
    const cache = createTtlCache<string>(10, () => now);
    cache.set('a', 'A', 50);
    expect(cache.get('a')).toBe('A');
    now += 50;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry when full', () => {
    const cache = createTtlCache<number>(2);
    cache.set('a', 1, 10_000);
    cache.set('b', 2, 10_000);
    cache.get('a');
    cache.set('c', 3, 10_000);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('stores nothing for a ttl of zero', () => {
    const cache = createTtlCache<number>(2);
    cache.set('a', 1, 0);
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('createTtlCache getOrLoad', () => {
  it('remembers a loaded value for the time the load names', async () => {
    let now = 1000;
    const cache = createTtlCache<string>(10, () => now);
    expect(await cache.getOrLoad('a', async () => ({ value: 'A', ttlMs: 50 }))).toBe('A');
    expect(await cache.getOrLoad('a', async () => ({ value: 'B', ttlMs: 50 }))).toBe('A');
    now += 50;
    expect(await cache.getOrLoad('a', async () => ({ value: 'B', ttlMs: 50 }))).toBe('B');
  });

  it('calls the loader once for concurrent misses of a key', async () => {
    const cache = createTtlCache<string>(10);
    let calls = 0;
    let release: (value: string) => void = () => undefined;
    const load = async () => {
      calls += 1;
      const value = await new Promise<string>((resolve) => (release = resolve));
      return { value, ttlMs: 10_000 };
    };
    const misses = [cache.getOrLoad('a', load), cache.getOrLoad('a', load), cache.getOrLoad('a', load)];
    release('A');
    expect(await Promise.all(misses)).toEqual(['A', 'A', 'A']);
    expect(calls).toBe(1);
  });

  it('retries a failed load on the next call instead of remembering the failure', async () => {
    const cache = createTtlCache<string>(10);
    const failure = new Error('users is down');
    let calls = 0;
    const failing = async (): Promise<{ value: string; ttlMs: number }> => {
      calls += 1;
      throw failure;
    };
    await Promise.all([
      expect(cache.getOrLoad('a', failing)).rejects.toBe(failure),
      expect(cache.getOrLoad('a', failing)).rejects.toBe(failure),
    ]);
    expect(calls).toBe(1);
    expect(await cache.getOrLoad('a', async () => ({ value: 'A', ttlMs: 10_000 }))).toBe('A');
    expect(cache.get('a')).toBe('A');
  });
});
