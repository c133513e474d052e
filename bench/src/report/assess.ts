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

/** The targets; a target whose scenario did not run (or cannot be counted) is null. */
export function checkTargets(scenarios: readonly ScenarioResult[], cores: number): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const bulk = find(scenarios, 'bulk');
  if (bulk?.deliveries) {
    const { deliveredPerSecond, sustainedDeliveredPerSecond } = bulk.deliveries;
    checks.push({
      target: 'bulk: ≥ 1,000 delivered/s sustained for 60 s',
      measured: `${deliveredPerSecond}/s overall, median second ${sustainedDeliveredPerSecond}/s, over ${bulk.parameters.durationS} s of load`,
      met:
        deliveredPerSecond >= 1000 &&
        sustainedDeliveredPerSecond >= 1000 &&
        Number(bulk.parameters.durationS) >= 60,
      bound: describeBound(bulk, cores),
    });
  }
  const single = scenarios.filter(
    (scenario) => (scenario.name.startsWith('rest-') || scenario.name === 'graphql') && scenario.deliveries,
  );
  if (single.length > 0) {
    const best = single.reduce((a, b) =>
      b.deliveries!.deliveredPerSecond > a.deliveries!.deliveredPerSecond ? b : a,
    );
    const rate = best.deliveries!.deliveredPerSecond;
    checks.push({
      target: 'one request per notification: ≥ 400 delivered/s sustained',
      measured: `${rate}/s (${best.name})`,
      met: rate >= 400,
      bound: describeBound(best, cores),
    });
  }
  const rest200 = find(scenarios, 'rest-200');
  if (rest200) {
    const p99 = rest200.acceptLatencyMs.p99;
    checks.push({
      target: 'gateway accept p99 ≤ 25 ms at 200 requests/s',
      measured: `p99 ${p99} ms (p50 ${rest200.acceptLatencyMs.p50} ms)`,
      met: p99 !== null && p99 <= 25,
      bound: describeBound(rest200, cores),
    });
  }
  const counted = scenarios.filter((scenario) => scenario.deliveries);
  if (counted.length > 0) {
    const lost = counted.reduce((sum, scenario) => sum + scenario.deliveries!.lost, 0);
    const duplicates = counted.reduce((sum, scenario) => sum + scenario.deliveries!.duplicates, 0);
    checks.push({
      target: '0 lost and 0 duplicates in every scenario',
      measured: `${lost} lost, ${duplicates} duplicates over ${counted.length} scenarios`,
      met: lost === 0 && duplicates === 0,
    });
  }
  return checks;
}
