import { createResolutionCache } from './resolution-cache';

function counter() {
  let calls = 0;
  return {
    load: (value: string) => async () => {
      calls += 1;
      return value;
    },
    get calls() {
      return calls;
    },
  };
}

describe('resolution cache', () => {
  it('answers from memory until the entry expires', async () => {
    let clock = 0;
    const cache = createResolutionCache<string>({ capacity: 10, ttlMs: 100, now: () => clock });
    const loads = counter();
    expect(await cache.getOrLoad('welcome', 'en', loads.load('v1'))).toBe('v1');
    expect(await cache.getOrLoad('welcome', 'en', loads.load('v2'))).toBe('v1');
    expect(loads.calls).toBe(1);
    clock = 100;
    expect(await cache.getOrLoad('welcome', 'en', loads.load('v2'))).toBe('v2');
  });

  it('forgets every key of an invalidated code and no other', async () => {
    const cache = createResolutionCache<string>({ capacity: 10, ttlMs: 60_000 });
    const loads = counter();
    await cache.getOrLoad('welcome', 'en', loads.load('a'));
    await cache.getOrLoad('welcome', 'de', loads.load('b'));
    await cache.getOrLoad('digest', 'en', loads.load('c'));
    cache.invalidate('welcome');
    expect(await cache.getOrLoad('welcome', 'en', loads.load('a2'))).toBe('a2');
    expect(await cache.getOrLoad('welcome', 'de', loads.load('b2'))).toBe('b2');
    expect(await cache.getOrLoad('digest', 'en', loads.load('c2'))).toBe('c');
  });

  it('does not remember a load that an invalidation overtook', async () => {
    const cache = createResolutionCache<string>({ capacity: 10, ttlMs: 60_000 });
    let release: (value: string) => void = () => undefined;
    const pending = cache.getOrLoad(
      'welcome',
      'en',
      () => new Promise<string>((resolve) => (release = resolve)),
    );
    cache.invalidate('welcome');
    release('stale');
    expect(await pending).toBe('stale');
    expect(await cache.getOrLoad('welcome', 'en', async () => 'fresh')).toBe('fresh');
  });
});
