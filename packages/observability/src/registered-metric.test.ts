import { Counter, Registry } from 'prom-client';
import { histogramIn, sharedReading } from './registered-metric';

describe('histogramIn', () => {
  it('returns the registered histogram of that name instead of registering it twice', () => {
    const registry = new Registry();
    const config = { name: 'herald_test_seconds', help: 'test', labelNames: ['method'] as const };
    const first = histogramIn(registry, config);
    expect(histogramIn(registry, config)).toBe(first);
    expect(registry.getMetricsAsArray()).toHaveLength(1);
  });

  it('refuses a name taken by another kind of metric', () => {
    const registry = new Registry();
    new Counter({ name: 'herald_taken', help: 'test', registers: [registry] });
    expect(() => histogramIn(registry, { name: 'herald_taken', help: 'test' })).toThrow(/another type/);
  });
});

describe('sharedReading', () => {
  it('gives concurrent callers one read, and reads afresh once it settled', async () => {
    let reads = 0;
    const read = sharedReading(async () => ++reads);
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    expect(await read()).toBe(2);
  });

  it('reads again after a failed read', async () => {
    let fail = true;
    const read = sharedReading(async () => {
      if (fail) throw new Error('down');
      return 'ok';
    });
    await expect(read()).rejects.toThrow('down');
    fail = false;
    await expect(read()).resolves.toBe('ok');
  });
});
