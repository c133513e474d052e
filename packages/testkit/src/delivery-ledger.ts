import { performance } from 'node:perf_hooks';
import { waitFor } from './wait-for';

/** One notification the system accepted, and what the sinks saw of it. */
interface LedgerEntry {
  acceptedAt: number | undefined;
  firstSeenAt: number | undefined;
  seen: number;
}

export interface LedgerReport {
  readonly accepted: number;
  /** Accepted notifications seen at a sink at least once. */
  readonly delivered: number;
  /** Deliveries beyond the first, summed over notifications. */
  readonly duplicates: number;
  /** Seen at a sink but never recorded as accepted (a stray or a previous run's message). */
  readonly unexpected: number;
  /** Accept-to-first-delivery times, in milliseconds, sorted ascending. */
  readonly latenciesMs: readonly number[];
}

/**
 * Matches what load drivers were told was accepted against what the provider sinks received,
 * by notification id: the figures behind "nothing lost, nothing sent twice".
 */
export interface DeliveryLedger {
  accept(notificationId: string): void;
  see(notificationId: string): void;
  /** Accepted ids not yet seen at any sink. */
  missing(): string[];
  /** The figures over every notification, or over `only` (one phase of a run) when given. */
  report(only?: ReadonlySet<string>): LedgerReport;
  /** Resolves once every accepted notification (bar `except`) has been seen, or throws at the deadline. */
  waitForDeliveries(options: { timeoutMs: number; except?: ReadonlySet<string> }): Promise<void>;
}

export function createDeliveryLedger(clock: () => number = () => performance.now()): DeliveryLedger {
  const entries = new Map<string, LedgerEntry>();
  const entry = (id: string) => {
    let found = entries.get(id);
    if (!found) entries.set(id, (found = { acceptedAt: undefined, firstSeenAt: undefined, seen: 0 }));
    return found;
  };
  const missing = (except?: ReadonlySet<string>) =>
    [...entries]
      .filter(([id, { acceptedAt, seen }]) => acceptedAt !== undefined && seen === 0 && !except?.has(id))
      .map(([id]) => id);
  return {
    accept: (id) => {
      entry(id).acceptedAt ??= clock();
    },
    see: (id) => {
      const seen = entry(id);
      seen.seen += 1;
      seen.firstSeenAt ??= clock();
    },
    missing: () => missing(),
    report: (only) => summarize(only ? [...only].flatMap((id) => entries.get(id) ?? []) : entries.values()),
    waitForDeliveries: ({ timeoutMs, except }) =>
      waitFor(() => missing(except).length === 0, {
        timeoutMs,
        intervalMs: 100,
        description: 'every accepted notification at a sink',
      }).then(() => undefined),
  };
}

function summarize(entries: Iterable<LedgerEntry>): LedgerReport {
  let accepted = 0;
  let delivered = 0;
  let duplicates = 0;
  let unexpected = 0;
  const latenciesMs: number[] = [];
  for (const { acceptedAt, firstSeenAt, seen } of entries) {
    if (acceptedAt === undefined) {
      unexpected += 1;
      continue;
    }
    accepted += 1;
    duplicates += Math.max(0, seen - 1);
    if (firstSeenAt === undefined) continue;
    delivered += 1;
    // A delivery can reach the sink before the driver reads the accept answer.
    latenciesMs.push(Math.max(0, firstSeenAt - acceptedAt));
  }
  return { accepted, delivered, duplicates, unexpected, latenciesMs: latenciesMs.sort((a, b) => a - b) };
}
