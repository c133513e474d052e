import { performance } from 'node:perf_hooks';
import { createScenarioTracker, type ScenarioTracker } from './deliveries';
import type { JsonClient } from './json-client';
import type { MachineCpu, ProcessUsage } from './process-usage';
import type { Seed } from './seed';
import { percentiles, round, sustainedRate, type Percentiles, type SecondPoint } from './stats';
import type { Target } from './target';

export interface ScenarioContext {
  readonly target: Target;
  readonly client: JsonClient;
  readonly seed: Seed;
  readonly quick: boolean;
  /** performance.now() when the bench started: every scenario's series is placed on this axis. */
  readonly benchStart: number;
  readonly log: (line: string) => void;
}

export interface DeliveryFigures {
  readonly delivered: number;
  /** Delivered over the time from the scenario's start to its last delivery. */
  readonly deliveredPerSecond: number;
  /** Median of the per-second delivered counts while deliveries flowed. */
  readonly sustainedDeliveredPerSecond: number;
  readonly latencyMs: Percentiles;
  readonly successRate: number | null;
  readonly duplicates: number;
  /** Accepted and never seen at a sink by the end of the run. */
  readonly lost: number;
  /** Seen at a sink only after the scenario's drain window (during a later scenario). */
  readonly lateAfterDrain: number;
  /** Seen at a sink but not accepted in this scenario (a late one of the previous). */
  readonly unexpected: number;
  readonly latencyByGroupMs: Readonly<Record<string, Percentiles>>;
}

export interface ScenarioResult {
  readonly name: string;
  readonly title: string;
  readonly parameters: Readonly<Record<string, number | string>>;
  /** Seconds from the bench's start to this scenario's start. */
  readonly startedAtS: number;
  readonly loadSeconds: number;
  readonly requests: number;
  readonly failedRequests: number;
  /** Failed requests by HTTP status or error code. */
  readonly failures: Readonly<Record<string, number>>;
  readonly accepted: number;
  readonly acceptedPerSecond: number;
  readonly acceptLatencyMs: Percentiles;
  /** Null when the bench does not own the sinks (--url). */
  readonly deliveries: DeliveryFigures | null;
  /** The services, the bench and the infrastructure servers; null when the bench does not own the processes (--url). */
  readonly processes: Readonly<Record<string, ProcessUsage>> | null;
  /** All of the machine's CPU over the same window; null with --url. */
  readonly machineCpu: MachineCpu | null;
  readonly series: readonly SecondPoint[];
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface ScenarioPlan {
  readonly name: string;
  readonly title: string;
  readonly parameters: Readonly<Record<string, number | string>>;
  /** Sets up what the load needs (connections, subscriptions) before the scenario's clock and readings start. */
  readonly prepare?: () => Promise<void>;
  /** Drives the load; resolves when the last request is answered, with figures of its own. */
  readonly drive: (tracker: ScenarioTracker) => Promise<Record<string, unknown> | void>;
  /** After the drain: figures that need the deliveries in (what subscribers saw), and tear-down. */
  readonly settle?: (tracker: ScenarioTracker) => Promise<Record<string, unknown>>;
}

/**
 * How long the bench waits, after a scenario's load, for its notifications to reach the sinks.
 * A full run waits long enough for bulk's backlog (60,000 at about 250/s here), so that the next
 * scenario's figures and CPU are not spent on the previous one's deliveries.
 */
export const DRAIN_MS = { quick: 30_000, full: 300_000 };

export interface ScenarioRun {
  readonly result: ScenarioResult;
  readonly tracker: ScenarioTracker;
}

/** Runs one scenario on its own ledger and process readings, and sums it up. */
export async function runScenario(context: ScenarioContext, plan: ScenarioPlan): Promise<ScenarioRun> {
  context.log(`${plan.title} …`);
  await plan.prepare?.();
  const { tracker, ledger } = createScenarioTracker();
  const { deliveries, usage } = context.target;
  deliveries?.use(tracker, ledger);
  const readUsage = usage?.begin();
  const extra: Record<string, unknown> = { ...(await plan.drive(tracker)) };
  const loadSeconds = (performance.now() - tracker.origin) / 1000;
  if (deliveries) {
    await tracker
      .waitForDeliveries(context.quick ? DRAIN_MS.quick : DRAIN_MS.full)
      .catch(() => context.log('  some accepted notifications have not reached a sink yet'));
  }
  const reading = readUsage?.();
  Object.assign(extra, await plan.settle?.(tracker));
  const requests = tracker.requests();
  const report = tracker.report();
  const result: ScenarioResult = {
    name: plan.name,
    title: plan.title,
    parameters: plan.parameters,
    startedAtS: round((tracker.origin - context.benchStart) / 1000, 2) ?? 0,
    loadSeconds: round(loadSeconds, 2) ?? 0,
    requests: requests.total,
    failedRequests: Object.values(requests.failures).reduce((sum, count) => sum + count, 0),
    failures: requests.failures,
    accepted: report.accepted,
    acceptedPerSecond: round(report.accepted / loadSeconds) ?? 0,
    acceptLatencyMs: percentiles(requests.latenciesMs),
    deliveries: deliveries ? deliveryFigures(tracker, 0) : null,
    processes: reading?.processes ?? null,
    machineCpu: reading?.machine ?? null,
    series: tracker.series.points(),
    extra,
  };
  context.log(
    `  accepted ${result.accepted} (${result.acceptedPerSecond}/s, p99 ${result.acceptLatencyMs.p99} ms)` +
      (result.deliveries
        ? `, delivered ${result.deliveries.delivered} (${result.deliveries.deliveredPerSecond}/s), missing ${result.deliveries.lost}, duplicates ${result.deliveries.duplicates}`
        : ''),
  );
  return { result, tracker };
}

/**
 * The scenario's deliveries once the whole run has drained: what reached a sink after the
 * scenario's own drain window is late, and only what never arrived is lost.
 */
export function settleDeliveries({ result, tracker }: ScenarioRun): ScenarioResult {
  if (!result.deliveries) return result;
  const settled = deliveryFigures(tracker, result.deliveries.lost);
  return { ...result, deliveries: settled, series: tracker.series.points() };
}

function deliveryFigures(tracker: ScenarioTracker, missingAtDrain: number): DeliveryFigures {
  const report = tracker.report();
  const lastDelivery = tracker.lastDeliveryAt();
  const deliverySeconds = lastDelivery === undefined ? 0 : (lastDelivery - tracker.origin) / 1000;
  const lost = report.accepted - report.delivered;
  return {
    delivered: report.delivered,
    deliveredPerSecond: round(deliverySeconds > 0 ? report.delivered / deliverySeconds : 0) ?? 0,
    sustainedDeliveredPerSecond: sustainedRate(tracker.series.points(), 'delivered'),
    latencyMs: percentiles(report.latenciesMs),
    successRate: report.accepted > 0 ? round(report.delivered / report.accepted, 4) : null,
    duplicates: report.duplicates,
    lost,
    lateAfterDrain: Math.max(0, missingAtDrain - lost),
    unexpected: report.unexpected,
    latencyByGroupMs: Object.fromEntries(
      [...tracker.groupLatencies()].map(([group, sample]) => [group, percentiles(sample)]),
    ),
  };
}
