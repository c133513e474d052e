import { restartDelayMs } from './restart-delay';

describe('restartDelayMs', () => {
  it('waits a second after the first crash and doubles with each crash in a row', () => {
    expect([1, 2, 3, 4, 5].map(restartDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('never waits more than half a minute, however often a service crashes', () => {
    expect(restartDelayMs(6)).toBe(30_000);
    expect(restartDelayMs(1000)).toBe(30_000);
  });
});
