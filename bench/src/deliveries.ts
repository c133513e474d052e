import { performance } from 'node:perf_hooks';
import { createDeliveryLedger, type DeliveryLedger, type LedgerReport } from '@herald/testkit';
import { createTimeSeries, type TimeSeries } from './stats';

/**
 * One scenario's book: the testkit ledger (lost, duplicates, latencies) plus when each accept
 * and first delivery happened, for the per-second series and per-group latencies.
 */
export interface ScenarioTracker {
  readonly series: TimeSeries;
  readonly origin: number;
  /** A request answered: its latency counted from when it was due (open loop) or sent; `failure` says why it failed. */
  answered(latencyMs: number, failure?: string): void;
  /** A notification the system accepted; `group` splits delivery latencies (e.g. by priority). */
  accepted(notificationId: string, group?: string): void;
  report(): LedgerReport;
  requests(): { total: number; failures: Record<string, number>; latenciesMs: number[] };
  groupLatencies(): Map<string, number[]>;
  /** Whether this scenario accepted that notification. */
  owns(notificationId: string): boolean;
  /** When the last first-delivery reached a sink, on the tracker's clock; undefined before any. */
  lastDeliveryAt(): number | undefined;
  waitForDeliveries(timeoutMs: number): Promise<void>;
}

export function createScenarioTracker(clock: () => number = () => performance.now()): {
  tracker: ScenarioTracker;
  ledger: DeliveryLedger;
} {
  const origin = clock();
  const ledger = createDeliveryLedger(clock);
  const series = createTimeSeries(origin);
  const acceptedAt = new Map<string, { at: number; group: string | undefined }>();
  const delivered = new Set<string>();
  const groups = new Map<string, number[]>();
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  let lastDelivery: number | undefined;
  const seeingLedger: DeliveryLedger = {
    ...ledger,
    see(notificationId) {
      ledger.see(notificationId);
      const accept = acceptedAt.get(notificationId);
      if (!accept || delivered.has(notificationId)) return;
      delivered.add(notificationId);
      const now = clock();
      lastDelivery = now;
      series.delivered(now, now - accept.at);
      if (accept.group !== undefined) {
        const list = groups.get(accept.group) ?? [];
        list.push(now - accept.at);
        groups.set(accept.group, list);
      }
    },
  };
  const tracker: ScenarioTracker = {
    series,
    origin,
    answered(latencyMs, failure) {
      if (failure !== undefined) failures[failure] = (failures[failure] ?? 0) + 1;
      latenciesMs.push(latencyMs);
      series.answered(clock(), latencyMs);
    },
    accepted(notificationId, group) {
      const now = clock();
      ledger.accept(notificationId);
      if (!acceptedAt.has(notificationId)) acceptedAt.set(notificationId, { at: now, group });
      series.accepted(now);
    },
    report: () => ledger.report(),
    requests: () => ({ total: latenciesMs.length, failures, latenciesMs }),
    groupLatencies: () => groups,
    lastDeliveryAt: () => lastDelivery,
    owns: (notificationId) => acceptedAt.has(notificationId),
    waitForDeliveries: (timeoutMs) => ledger.waitForDeliveries({ timeoutMs }),
  };
  return { tracker, ledger: seeingLedger };
}

/**
 * The sinks are started once, with this ledger; each scenario plugs its tracker in. A delivery
 * goes to the scenario that accepted the notification, even after that scenario ended (a late
 * one is late, not lost); one nobody accepted counts as unexpected in the current scenario.
 */
export interface LedgerSwitch {
  readonly ledger: DeliveryLedger;
  use(tracker: ScenarioTracker, ledger: DeliveryLedger): void;
}

export function createLedgerSwitch(): LedgerSwitch {
  const scenarios: { tracker: ScenarioTracker; ledger: DeliveryLedger }[] = [];
  let current = createDeliveryLedger();
  const ownerOf = (id: string) => scenarios.findLast(({ tracker }) => tracker.owns(id))?.ledger ?? current;
  return {
    use: (tracker, ledger) => {
      scenarios.push({ tracker, ledger });
      current = ledger;
    },
    ledger: {
      accept: (id) => current.accept(id),
      see: (id) => ownerOf(id).see(id),
      missing: () => current.missing(),
      report: () => current.report(),
      waitForDeliveries: (options) => current.waitForDeliveries(options),
    },
  };
}
