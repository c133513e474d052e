import type { Ceiling } from '../ceilings/ceiling';
import type { ScenarioResult } from '../scenario';
import { round } from '../stats';
import type { Ratio, TargetCheck } from './bench-result';

const find = (scenarios: readonly ScenarioResult[], name: string) =>
  scenarios.find((scenario) => scenario.name === name);

function ratio(label: string, herald: number | undefined, ceiling: Ceiling | undefined): Ratio {
  const value = herald ?? null;
  const limit = ceiling?.perSecond ?? null;
  return {
    label,
    herald: value,
    ceiling: limit,
    ratio: value !== null && limit ? round(value / limit, 3) : null,
  };
}

/** Herald's figures as fractions of what the machine does with the bare libraries. */
export function ratiosToCeilings(
  scenarios: readonly ScenarioResult[],
  ceilings: readonly Ceiling[],
): Ratio[] {
  const ceiling = (name: string) => ceilings.find((candidate) => candidate.name === name);
  const bulk = find(scenarios, 'bulk')?.deliveries?.deliveredPerSecond;
  const graphqlRate = find(scenarios, 'graphql')?.acceptedPerSecond;
  const restBest = Math.max(
    0,
    ...scenarios
      .filter((scenario) => scenario.name.startsWith('rest-'))
      .map((scenario) => scenario.acceptedPerSecond),
  );
  return [
    ratio('bulk delivered/s ÷ RabbitMQ persistent publish+consume/s', bulk, ceiling('amqp')),
    ratio('bulk delivered/s ÷ PostgreSQL batched rows/s', bulk, ceiling('postgres')),
    ratio('bulk delivered/s ÷ nodemailer to the sink, mails/s', bulk, ceiling('smtp')),
    ratio('GraphQL sendNotification accepted/s ÷ trivial Apollo query/s', graphqlRate, ceiling('apollo')),
    ratio('REST best accepted/s ÷ trivial Apollo query/s', restBest || undefined, ceiling('apollo')),
  ];
}

/** Where a scenario's CPU went, for every process on the machine, per notification it accepted. */
export interface CpuBudget {
  /** All of the machine's CPU (services, servers, sinks, load generator, kernel) per notification. */
  readonly machineMs: number;
  readonly busyShare: number;
  /** The rate at which that cost fills every core: no arrangement of the same work goes faster. */
  readonly boundPerSecond: number;
  /** The processes that used the most, in ms per notification, largest first. */
  readonly largest: readonly (readonly [string, number])[];
}

export function cpuBudget(scenario: ScenarioResult, cores: number): CpuBudget | null {
  const machine = scenario.machineCpu;
  if (!machine || scenario.accepted === 0) return null;
  const perNotification = (seconds: number) => (seconds * 1000) / scenario.accepted;
  const machineMs = perNotification(machine.cpuSeconds);
  return {
    machineMs: round(machineMs, 2) ?? 0,
    busyShare: machine.busyShare,
    boundPerSecond: Math.round((cores * 1000) / machineMs),
    largest: Object.entries(scenario.processes ?? {})
      .map(([name, usage]): [string, number] => [name, round(perNotification(usage.cpuSeconds), 2) ?? 0])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4),
  };
}

/** What a CPU-bound figure is bound by, in words, for the targets table. */
export function describeBound(scenario: ScenarioResult, cores: number): string | undefined {
  const budget = cpuBudget(scenario, cores);
  if (!budget) return undefined;
  const largest = budget.largest.map(([name, ms]) => `${name} ${ms}`).join(', ');
  return (
    `${scenario.name}: machine ${Math.round(budget.busyShare * 100)}% busy; ${budget.machineMs} ms of CPU ` +
    `per notification over all processes (largest: ${largest}) → at most ${budget.boundPerSecond}/s on ${cores} cores`
  );
}

/** The floor scenario each Herald scenario is compared with: the same offered rate, the same run. */
export const FLOOR_PAIRS: readonly (readonly [herald: string, floor: string])[] = [
  ['rest-100', 'floor-100'],
  ['graphql-100', 'floor-100'],
  ['rest-200', 'floor-200'],
  ['rest-400', 'floor-400'],
  ['rest-1000', 'floor-1000'],
  ['bulk', 'floor-batched-1000'],
];

/** Notifications delivered inside the scenario's CPU window (its load and drain), i.e. not late. */
function deliveredInWindow(scenario: ScenarioResult): number {
  return scenario.deliveries ? scenario.deliveries.delivered - scenario.deliveries.lateAfterDrain : 0;
}

/** Milliseconds of `cpuSeconds` per notification delivered in the same window; null when not counted. */
export function msPerDelivered(scenario: ScenarioResult, cpuSeconds: number): number | null {
  const delivered = deliveredInWindow(scenario);
  return delivered > 0 ? round((cpuSeconds * 1000) / delivered, 2) : null;
}

/** All of the machine's CPU (every process, the kernel included) per delivered notification. */
export function machineMsPerDelivered(scenario: ScenarioResult): number | null {
  return scenario.machineCpu ? msPerDelivered(scenario, scenario.machineCpu.cpuSeconds) : null;
}

/**
 * CPU ms per delivered notification of each process, the rest of the machine (kernel and
 * anything unnamed), and the machine in all: a Herald scenario's, or a floor's.
 */
export function cpuPerDelivered(scenario: ScenarioResult): Record<string, number | null> {
  const processes = Object.entries(scenario.processes ?? {});
  const named = processes.reduce((sum, [, usage]) => sum + usage.cpuSeconds, 0);
  return {
    ...Object.fromEntries(
      processes.map(([name, usage]) => [name, msPerDelivered(scenario, usage.cpuSeconds)]),
    ),
    'rest of the machine': scenario.machineCpu
      ? msPerDelivered(scenario, Math.max(0, scenario.machineCpu.cpuSeconds - named))
      : null,
    machine: machineMsPerDelivered(scenario),
  };
}

interface Measure {
  readonly unit: string;
  readonly of: (scenario: ScenarioResult) => number | null;
}

const MACHINE_CPU: Measure = { unit: 'ms CPU per delivered', of: machineMsPerDelivered };
const DELIVERED_RATE: Measure = {
  unit: 'delivered/s',
  of: (scenario) => scenario.deliveries?.deliveredPerSecond ?? null,
};
const ACCEPT_P99: Measure = { unit: 'ms accept p99', of: (scenario) => scenario.acceptLatencyMs.p99 };

/** A target on Herald ÷ floor (`factor` of the floor's), or on Herald's own figure (`value`). */
interface TargetSpec {
  readonly target: string;
  readonly herald: string;
  readonly floor: string;
  readonly measure: Measure;
  readonly limit:
    { readonly factor: number; readonly atMost: boolean } | { readonly value: number; readonly atMost: true };
}

const FLOOR_OF_BULK = 'floor-batched-1000';

export const TARGETS: readonly TargetSpec[] = [
  {
    target: 'REST at 100/s: machine CPU per delivered notification',
    herald: 'rest-100',
    floor: 'floor-100',
    measure: MACHINE_CPU,
    limit: { factor: 1.5, atMost: true },
  },
  {
    target: 'REST at 400/s: machine CPU per delivered notification',
    herald: 'rest-400',
    floor: 'floor-400',
    measure: MACHINE_CPU,
    limit: { factor: 1.5, atMost: true },
  },
  {
    target: 'bulk (10 calls/s of 100): machine CPU per delivered notification, against the batched floor',
    herald: 'bulk',
    floor: FLOOR_OF_BULK,
    measure: MACHINE_CPU,
    limit: { factor: 1.5, atMost: true },
  },
  {
    target: 'GraphQL sendNotification at 100/s: machine CPU per delivered notification',
    herald: 'graphql-100',
    floor: 'floor-100',
    measure: MACHINE_CPU,
    limit: { factor: 2, atMost: true },
  },
  {
    target: 'REST at 100/s: accept p99',
    herald: 'rest-100',
    floor: 'floor-100',
    measure: ACCEPT_P99,
    limit: { value: 50, atMost: true },
  },
  {
    target: 'REST at 200/s: accept p99',
    herald: 'rest-200',
    floor: 'floor-200',
    measure: ACCEPT_P99,
    limit: { value: 100, atMost: true },
  },
  {
    target: 'REST at 1,000/s offered: delivered/s over the whole run, drain included',
    herald: 'rest-1000',
    floor: 'floor-1000',
    measure: DELIVERED_RATE,
    limit: { factor: 0.7, atMost: false },
  },
  {
    target: 'bulk: delivered/s over the whole run, drain included, against the batched floor',
    herald: 'bulk',
    floor: FLOOR_OF_BULK,
    measure: DELIVERED_RATE,
    limit: { factor: 0.68, atMost: false },
  },
];

const isFloor = (scenario: ScenarioResult) => scenario.name.startsWith('floor-');

function figure(scenario: ScenarioResult | undefined, measure: Measure): number | null {
  return scenario ? measure.of(scenario) : null;
}

function checkOne(spec: TargetSpec, scenarios: readonly ScenarioResult[], cores: number): TargetCheck {
  const heraldScenario = find(scenarios, spec.herald);
  const herald = figure(heraldScenario, spec.measure);
  const floor = figure(find(scenarios, spec.floor), spec.measure);
  const exact = herald !== null && floor ? herald / floor : null;
  const { limit } = spec;
  let met: boolean | null;
  let limitText: string;
  if ('factor' in limit) {
    limitText = `${limit.atMost ? '≤' : '≥'} ${limit.factor}× the floor`;
    met = exact === null ? null : limit.atMost ? exact <= limit.factor : exact >= limit.factor;
  } else {
    limitText = `≤ ${limit.value} ms`;
    met = herald === null ? null : herald <= limit.value;
  }
  return {
    target: spec.target,
    herald: herald === null ? null : `${herald} ${spec.measure.unit} (${spec.herald})`,
    floor: floor === null ? null : `${floor} ${spec.measure.unit} (${spec.floor})`,
    ratio: round(exact, 2),
    limit: limitText,
    met,
    bound: met === false && heraldScenario ? describeBound(heraldScenario, cores) : undefined,
  };
}

function lossCheck(scenarios: readonly ScenarioResult[]): TargetCheck {
  const tally = (counted: readonly ScenarioResult[]) => {
    if (counted.length === 0) return null;
    const lost = counted.reduce((sum, scenario) => sum + scenario.deliveries!.lost, 0);
    const duplicates = counted.reduce((sum, scenario) => sum + scenario.deliveries!.duplicates, 0);
    return {
      lost,
      duplicates,
      text: `${lost} lost, ${duplicates} duplicates over ${counted.length} scenario${counted.length === 1 ? '' : 's'}`,
    };
  };
  const counted = scenarios.filter((scenario) => scenario.deliveries);
  const herald = tally(counted.filter((scenario) => !isFloor(scenario)));
  const floor = tally(counted.filter(isFloor));
  return {
    target: '0 lost and 0 duplicates in every scenario',
    herald: herald?.text ?? null,
    floor: floor?.text ?? null,
    ratio: null,
    limit: '0 and 0',
    met: herald ? herald.lost === 0 && herald.duplicates === 0 : null,
  };
}

/**
 * The hot-path targets, each Herald's figure against the floor's measured in the same run; a
 * target whose scenarios did not run (or could not be counted) has met null.
 */
export function checkTargets(scenarios: readonly ScenarioResult[], cores: number): TargetCheck[] {
  return [...TARGETS.map((spec) => checkOne(spec, scenarios, cores)), lossCheck(scenarios)];
}
