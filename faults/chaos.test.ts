import { chaosSchedule } from './chaos';

describe('chaosSchedule', () => {
  const describeSteps = (seed: number) =>
    chaosSchedule(seed, 120_000).map(({ atMs, fault }) => `${atMs} ${fault.name}`);

  it('replays the same faults at the same times from the same seed, and others from another', () => {
    expect(describeSteps(639224)).toEqual(describeSteps(639224));
    expect(describeSteps(639224)).not.toEqual(describeSteps(42));
  });

  it('starts every fault within the duration, one after the other, each held 2 to 10 s', () => {
    const steps = chaosSchedule(7, 120_000);
    expect(steps.length).toBeGreaterThan(5);
    for (const [index, { atMs, fault }] of steps.entries()) {
      expect(atMs).toBeLessThan(120_000);
      if (fault.holdMs > 0) {
        expect(fault.holdMs).toBeGreaterThanOrEqual(2_000);
        expect(fault.holdMs).toBeLessThanOrEqual(10_000);
      }
      const next = steps[index + 1];
      if (next) expect(next.atMs).toBeGreaterThan(atMs + fault.holdMs);
    }
  });
});
