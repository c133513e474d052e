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
