import { reconnectDelay } from './reconnect-delay.ts';

const policy = { attempts: Infinity, initialDelayMs: 500, maxDelayMs: 30_000 };

describe('reconnectDelay', () => {
  it('doubles from the first delay up to the ceiling, waiting between half and all of it', () => {
    const bounds = [0, 1, 2, 6, 7, 20].map((attempt) => [
      reconnectDelay(attempt, policy, () => 0),
      reconnectDelay(attempt, policy, () => 1),
    ]);
    expect(bounds).toEqual([
      [250, 500],
      [500, 1000],
      [1000, 2000],
      [15_000, 30_000],
      [15_000, 30_000],
      [15_000, 30_000],
    ]);
  });
});
