import type { ScenarioResult } from '../scenario';
import { checkTargets, cpuBudget } from './assess';

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

describe('checkTargets', () => {
  it('says what bounds the accept latency target when it is missed', () => {
    const [latency] = checkTargets([restScenario({})], 2);
    expect(latency).toMatchObject({ target: 'gateway accept p99 ≤ 25 ms at 200 requests/s', met: false });
    expect(latency!.bound).toBe(
      'rest-200: machine 97% busy; 5 ms of CPU per notification over all processes ' +
        '(largest: email 2, gateway 1.5, postgres 0.5) → at most 400/s on 2 cores',
    );
  });
});
