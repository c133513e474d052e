import { jitteredDelay } from './retry-schedule';
import { topologyNames, retryQueueFor } from './topology';

describe('retry schedule', () => {
  const names = topologyNames('p.');

  it('waits longer after each failed attempt', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => retryQueueFor(names, attempt).delayMs);
    expect(delays).toEqual([1_000, 5_000, 25_000, 120_000, 600_000]);
  });

  it('names each step queue after its delay, under the prefix', () => {
    expect(retryQueueFor(names, 1).name).toBe('p.jobs.retry.1s');
    expect(retryQueueFor(names, 4).name).toBe('p.jobs.retry.2m');
  });

  it('keeps using the last step past the end of the schedule', () => {
    expect(retryQueueFor(names, 9).name).toBe('p.jobs.retry.10m');
  });

  it('takes configured steps, each named after its delay', () => {
    const short = topologyNames('p.', [200, 400]);
    expect(short.retryQueues.map((step) => step.name)).toEqual(['p.jobs.retry.0.2s', 'p.jobs.retry.0.4s']);
    expect(retryQueueFor(short, 5).delayMs).toBe(400);
  });

  it('jitters a delay down by at most a fifth, never above the step', () => {
    expect(jitteredDelay(1_000, () => 0)).toBe(1_000);
    expect(jitteredDelay(1_000, () => 0.999_999)).toBe(800);
    expect(jitteredDelay(1_000, () => 0.5)).toBe(900);
  });
});
