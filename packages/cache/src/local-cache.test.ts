import { createLocalCache } from './local-cache';

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

/** Batch loads that answer when released, recording the groups each was asked for. */
function heldBatch() {
  const asked: string[][] = [];
  const waiting: ((values: ReadonlyMap<string, string>) => void)[] = [];
  return {
    asked,
    load: (groups: string[]) => {
      asked.push(groups);
      return new Promise<ReadonlyMap<string, string>>((resolve) => waiting.push(resolve));
    },
    /** Answers every load under way with `values`. */
    release: (values: Record<string, string>) => {
      for (const resolve of waiting.splice(0)) resolve(new Map(Object.entries(values)));
    },
  };
}

describe('local cache', () => {
  it('answers from memory until the entry expires', async () => {
    let clock = 0;
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 100, now: () => clock });
    const loads = counter();
    expect(await cache.getOrLoad('welcome', 'en', loads.load('v1'))).toBe('v1');
    expect(await cache.getOrLoad('welcome', 'en', loads.load('v2'))).toBe('v1');
    expect(loads.calls).toBe(1);
    clock = 100;
    expect(await cache.getOrLoad('welcome', 'en', loads.load('v2'))).toBe('v2');
  });

  it('forgets every key of an invalidated code and no other', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
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
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
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

  it('does not remember an answer of undefined, so something created later is found', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    expect(await cache.getOrLoad('ada', '', async () => undefined)).toBeUndefined();
    expect(await cache.getOrLoad('ada', '', async () => 'created')).toBe('created');
    expect(cache.peek('ada', '')).toBe('created');
  });

  it('holds at most `capacity` groups, dropping the least recently used', async () => {
    const cache = createLocalCache<string>({ capacity: 2, ttlMs: 60_000 });
    await cache.getOrLoad('a', 'en', async () => 'a');
    await cache.getOrLoad('a', 'de', async () => 'a-de');
    await cache.getOrLoad('b', 'en', async () => 'b');
    expect(cache.peek('a', 'en')).toBe('a');
    await cache.getOrLoad('c', 'en', async () => 'c');
    expect(cache.peek('b', 'en')).toBeUndefined();
    expect(cache.peek('a', 'de')).toBe('a-de');
    expect(cache.peek('c', 'en')).toBe('c');
  });

  it('remembers nothing with a TTL of 0', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 0 });
    await cache.getOrLoad('a', '', async () => 'a');
    expect(cache.peek('a', '')).toBeUndefined();
  });

  it('remembers the answers of a batch load unless their group was invalidated meanwhile', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    const held = heldBatch();
    const batch = cache.getOrLoadMany(['ada', 'grace'], '', held.load);
    cache.invalidate('grace');
    held.release({ ada: 'Ada', grace: 'stale Grace' });
    expect(await batch).toEqual(['Ada', 'stale Grace']);
    expect(cache.peek('ada', '')).toBe('Ada');
    expect(cache.peek('grace', '')).toBeUndefined();
    // With no load under way any more, a new load of the group is remembered again.
    await cache.getOrLoadMany(['grace'], '', async () => new Map([['grace', 'Grace']]));
    expect(cache.peek('grace', '')).toBe('Grace');
  });

  it('remembers a load that started after an invalidation while an older one is still under way', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    const held = heldBatch();
    const older = cache.getOrLoadMany(['ada'], '', held.load);
    cache.invalidate('ada');
    await cache.getOrLoadMany(['ada'], '', async () => new Map([['ada', 'fresh']]));
    held.release({ ada: 'stale' });
    await older;
    expect(cache.peek('ada', '')).toBe('fresh');
  });
});

describe('local cache loads', () => {
  it('shares one load between concurrent misses of a key', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    let calls = 0;
    let release: (value: string) => void = () => undefined;
    const load = () => {
      calls += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = cache.getOrLoad('welcome', 'en', load);
    const second = cache.getOrLoad('welcome', 'en', load);
    const otherKey = cache.getOrLoad('welcome', 'de', async () => 'de');
    release('v1');
    expect(await Promise.all([first, second, otherKey])).toEqual(['v1', 'v1', 'de']);
    expect(calls).toBe(1);
  });

  it('does not remember a failed load: the next call loads again', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    const failure = new Error('templates is down');
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw failure;
    };
    const both = [cache.getOrLoad('welcome', 'en', failing), cache.getOrLoad('welcome', 'en', failing)];
    for (const attempt of both) await expect(attempt).rejects.toBe(failure);
    expect(calls).toBe(1);
    expect(await cache.getOrLoad('welcome', 'en', async () => 'v1')).toBe('v1');
  });

  it('starts a new load after an invalidation rather than sharing the voided one', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    let release: (value: string) => void = () => undefined;
    const stale = cache.getOrLoad(
      'welcome',
      'en',
      () => new Promise<string>((resolve) => (release = resolve)),
    );
    cache.invalidate('welcome');
    const fresh = cache.getOrLoad('welcome', 'en', async () => 'fresh');
    release('stale');
    expect([await stale, await fresh]).toEqual(['stale', 'fresh']);
    expect(cache.peek('welcome', 'en')).toBe('fresh');
  });

  it('loads the missing groups of concurrent batch reads once, together, joining loads under way', async () => {
    const cache = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
    await cache.getOrLoad('linus', '', async () => 'Linus');
    const held = heldBatch();
    const single = cache.getOrLoad('ada', '', () => held.load(['ada']).then((values) => values.get('ada')));
    const reads = [
      cache.getOrLoadMany(['ada', 'linus', 'grace'], '', held.load),
      cache.getOrLoadMany(['grace', 'ada', 'linus'], '', held.load),
    ];
    held.release({ ada: 'Ada' });
    expect(await single).toBe('Ada');
    expect(await Promise.all(reads)).toEqual([
      ['Ada', 'Linus', undefined],
      [undefined, 'Ada', 'Linus'],
    ]);
    expect(held.asked).toEqual([['ada'], ['grace']]);
  });
});
