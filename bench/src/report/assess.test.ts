import type { DeliveryFigures, ScenarioResult } from '../scenario';
import { checkTargets, cpuBudget, cpuPerDelivered } from './assess';
import type { TargetCheck } from './bench-result';

const percentilesOf = (p99: number) => ({ count: 1, p50: p99 / 2, p95: p99, p99, max: p99 });

function restScenario(overrides: Partial<ScenarioResult>): ScenarioResult {
  return {
    name: 'rest-200',
    title: 'REST shim at 200/s',
    parameters: {},
    startedAtS: 0,
    loadSeconds: 30,
    requests: 2_000,
    failedRequests: 0,
    failures: {},
    accepted: 2_000,
    acceptedPerSecond: 200,
    acceptLatencyMs: percentilesOf(40),
    deliveries: null,
    processes: {
      email: { cpuSeconds: 4, peakRssMb: 200 },
      gateway: { cpuSeconds: 3, peakRssMb: 300 },
      postgres: { cpuSeconds: 1, peakRssMb: 100 },
    },
    machineCpu: { cpuSeconds: 10, seconds: 30, busyShare: 0.97 },
    series: [],
    extra: {},
    ...overrides,
  };
}

describe('cpuBudget', () => {
  it('divides all of the machine CPU among the accepted notifications, and the cores by that cost', () => {
    expect(cpuBudget(restScenario({}), 2)).toEqual({
      machineMs: 5,
      busyShare: 0.97,
      boundPerSecond: 400,
      largest: [
        ['email', 2],
        ['gateway', 1.5],
        ['postgres', 0.5],
      ],
    });
  });

  it('has no budget without machine readings or accepted notifications', () => {
    expect(cpuBudget(restScenario({ machineCpu: null }), 2)).toBeNull();
    expect(cpuBudget(restScenario({ accepted: 0 }), 2)).toBeNull();
  });
});

const deliveriesOf = (delivered: number, overrides: Partial<DeliveryFigures> = {}): DeliveryFigures => ({
  delivered,
  deliveredPerSecond: delivered / 30,
  sustainedDeliveredPerSecond: delivered / 30,
  latencyMs: percentilesOf(100),
  successRate: 1,
  duplicates: 0,
  lost: 0,
  lateAfterDrain: 0,
  unexpected: 0,
  latencyByGroupMs: {},
  ...overrides,
});

/** A scenario that delivered `delivered` notifications for `machineSeconds` of the machine's CPU. */
function measured(
  name: string,
  delivered: number,
  machineSeconds: number,
  overrides: Partial<ScenarioResult> = {},
) {
  return restScenario({
    name,
    accepted: delivered,
    deliveries: deliveriesOf(delivered),
    machineCpu: { cpuSeconds: machineSeconds, seconds: 30, busyShare: 0.5 },
    ...overrides,
  });
}

const targetOf = (checks: readonly TargetCheck[], prefix: string) =>
  checks.find((check) => check.target.startsWith(prefix))!;

describe('checkTargets', () => {
  it("compares REST's machine CPU per delivered notification with the floor's at the same rate", () => {
    const checks = checkTargets([measured('rest-100', 1_000, 12), measured('floor-100', 1_000, 10)], 2);
    expect(targetOf(checks, 'REST at 100/s: machine CPU')).toMatchObject({
      herald: '12 ms CPU per delivered (rest-100)',
      floor: '10 ms CPU per delivered (floor-100)',
      ratio: 1.2,
      limit: '≤ 1.5× the floor',
      met: true,
      bound: undefined,
    });
  });

  it('says what bounds a missed target', () => {
    const checks = checkTargets([measured('rest-400', 1_000, 16), measured('floor-400', 1_000, 10)], 2);
    const cpu = targetOf(checks, 'REST at 400/s: machine CPU');
    expect(cpu).toMatchObject({ ratio: 1.6, met: false });
    expect(cpu.bound).toBe(
      'rest-400: machine 50% busy; 16 ms of CPU per notification over all processes ' +
        '(largest: email 4, gateway 3, postgres 1) → at most 125/s on 2 cores',
    );
  });

  it('judges the exact ratio, not the rounded one shown', () => {
    const checks = checkTargets(
      [measured('bulk', 1_000, 15.04), measured('floor-batched-1000', 1_000, 10)],
      2,
    );
    expect(targetOf(checks, 'bulk (10 calls/s of 100): machine CPU')).toMatchObject({
      ratio: 1.5,
      met: false,
    });
  });

  it('counts only the notifications delivered inside the CPU window', () => {
    const late = measured('graphql-100', 1_000, 8, {
      deliveries: deliveriesOf(1_000, { lateAfterDrain: 200 }),
    });
    const checks = checkTargets([late, measured('floor-100', 1_000, 5)], 2);
    // 8 s over 800 in the window is 10 ms, 2× the floor's 5 ms: GraphQL's limit.
    expect(targetOf(checks, 'GraphQL')).toMatchObject({
      herald: '10 ms CPU per delivered (graphql-100)',
      met: true,
    });
  });

  it("holds delivered/s at 1,000/s offered to at least 0.7 of the unbatched floor's", () => {
    const rate = (name: string, perSecond: number) =>
      measured(name, 1_000, 10, { deliveries: deliveriesOf(1_000, { deliveredPerSecond: perSecond }) });
    const target = 'REST at 1,000/s offered';
    expect(
      targetOf(checkTargets([rate('rest-1000', 700), rate('floor-1000', 1000)], 2), target),
    ).toMatchObject({
      ratio: 0.7,
      limit: '≥ 0.7× the floor',
      met: true,
    });
    expect(targetOf(checkTargets([rate('rest-1000', 690), rate('floor-1000', 1000)], 2), target).met).toBe(
      false,
    );
  });

  it("holds bulk's delivered/s against the batched floor, not the unbatched one", () => {
    const rate = (name: string, perSecond: number) =>
      measured(name, 1_000, 10, { deliveries: deliveriesOf(1_000, { deliveredPerSecond: perSecond }) });
    const checks = checkTargets(
      [rate('bulk', 600), rate('floor-1000', 600), rate('floor-batched-1000', 1000)],
      2,
    );
    expect(targetOf(checks, 'bulk: delivered/s')).toMatchObject({ ratio: 0.6, met: false });
  });

  it("holds the accept p99 to its own limit, showing the floor's beside it", () => {
    const checks = checkTargets(
      [
        measured('rest-100', 1_000, 10, { acceptLatencyMs: percentilesOf(40) }),
        measured('floor-100', 1_000, 5, { acceptLatencyMs: percentilesOf(4) }),
        measured('rest-200', 1_000, 10, { acceptLatencyMs: percentilesOf(120) }),
      ],
      2,
    );
    expect(targetOf(checks, 'REST at 100/s: accept p99')).toMatchObject({
      herald: '40 ms accept p99 (rest-100)',
      floor: '4 ms accept p99 (floor-100)',
      ratio: 10,
      limit: '≤ 50 ms',
      met: true,
    });
    expect(targetOf(checks, 'REST at 200/s: accept p99')).toMatchObject({
      floor: null,
      ratio: null,
      met: false,
    });
  });

  it('leaves a target open when its floor did not run', () => {
    const checks = checkTargets([measured('rest-100', 1_000, 12)], 2);
    expect(targetOf(checks, 'REST at 100/s: machine CPU')).toMatchObject({
      floor: null,
      ratio: null,
      met: null,
    });
  });

  it("counts Herald's lost and duplicates for the target, and shows the floor's apart", () => {
    const lossy = measured('bulk', 1_000, 10, { deliveries: deliveriesOf(999, { lost: 1 }) });
    const floor = measured('floor-100', 1_000, 5, { deliveries: deliveriesOf(1_000, { duplicates: 2 }) });
    expect(targetOf(checkTargets([lossy, measured('rest-100', 1_000, 10), floor], 2), '0 lost')).toEqual({
      target: '0 lost and 0 duplicates in every scenario',
      herald: '1 lost, 0 duplicates over 2 scenarios',
      floor: '0 lost, 2 duplicates over 1 scenario',
      ratio: null,
      limit: '0 and 0',
      met: false,
    });
  });
});

describe('cpuPerDelivered', () => {
  it('splits the machine into its processes and the rest, per delivered notification', () => {
    expect(cpuPerDelivered(measured('rest-100', 1_000, 10))).toEqual({
      email: 4,
      gateway: 3,
      postgres: 1,
      'rest of the machine': 2,
      machine: 10,
    });
  });
});
