import { TypedDocumentString } from '@herald/client';
import { heraldClient } from '../e2e/gateway-client';
import { waitFor } from '@herald/testkit';
import type { Gateway } from './fixtures';
import type { LoadResult } from './load-driver';
import type { SightingLedger } from './sightings';

/** One line of the report: what one fault cost, in requests and notifications. */
export interface FaultLine {
  readonly fault: string;
  readonly sent: number;
  readonly accepted: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly delivered: number;
  readonly duplicates: number;
  /** Second copies the fault may cause through no fault of Herald's (see Fault.answerWindow). */
  readonly answerWindow: number;
  /** Accepted, never delivered, and SKIPPED or CANCELLED. */
  readonly skipped: number;
  /** Accepted, never delivered, and FAILED with a reason. */
  readonly failed: number;
  /** accepted − delivered − skipped − failed: the broken promises. */
  readonly lost: number;
  /** From the restore to the first delivery of a notification sent after it; null if none. */
  readonly recoveryMs: number | null;
  /** A few lost ids with their last status, to start an investigation from. */
  readonly lostSample: readonly string[];
  readonly duplicateSample: readonly string[];
}

interface Settled {
  readonly terminal: ReadonlyMap<string, 'skipped' | 'failed'>;
  readonly lastStatus: ReadonlyMap<string, string>;
}

const TERMINAL_WITHOUT_DELIVERY = new Set(['SKIPPED', 'CANCELLED']);
/** Only what the accounting reads: the notification's own fields, no hop to another subgraph. */
const StatusDocument = new TypedDocumentString<
  { notification: { status: string; events: { status: string; detail: string | null }[] } | null },
  { id: string }
>(`query NotificationStatus($id: ID!) { notification(id: $id) { status events { status detail } } }`);

/**
 * Waits, up to a deadline, until every accepted notification of a phase was seen at a sink or
 * reads a terminal status with a reason through the API; then counts the phase.
 */
export async function settlePhase(options: {
  readonly fault: string;
  readonly answerWindow: number;
  readonly load: LoadResult;
  readonly ledger: SightingLedger;
  readonly gateway: Gateway;
  readonly restoredAt: number;
  readonly timeoutMs: number;
}): Promise<FaultLine> {
  const { load, ledger, gateway } = options;
  const terminal = new Map<string, 'skipped' | 'failed'>();
  const lastStatus = new Map<string, string>();
  const unsettled = () =>
    [...load.accepted.keys()].filter((id) => ledger.firstSeenAt(id) === undefined && !terminal.has(id));
  let pendingBefore = Number.POSITIVE_INFINITY;
  await waitFor(
    async () => {
      const pending = unsettled();
      if (pending.length === 0) return true;
      // While the sinks still receive, the backlog is draining: status queries would only add load.
      const draining = pending.length < pendingBefore;
      pendingBefore = pending.length;
      if (draining) return false;
      await readStatuses(gateway, pending, { terminal, lastStatus });
      return unsettled().length === 0;
    },
    { timeoutMs: options.timeoutMs, intervalMs: 1_000, description: `${options.fault} to settle` },
  ).catch(() => undefined);
  return countPhase(options, { terminal, lastStatus }, unsettled());
}

async function readStatuses(
  gateway: Gateway,
  ids: readonly string[],
  into: { terminal: Map<string, 'skipped' | 'failed'>; lastStatus: Map<string, string> },
): Promise<void> {
  const queue = [...ids];
  const admin = heraldClient(gateway);
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const { notification } = await admin
        .request(StatusDocument, { id })
        .catch(() => ({ notification: null }));
      if (!notification) continue;
      into.lastStatus.set(id, notification.status);
      if (TERMINAL_WITHOUT_DELIVERY.has(notification.status)) into.terminal.set(id, 'skipped');
      const reason = notification.events.find((event) => event.status === 'FAILED')?.detail;
      if (notification.status === 'FAILED' && reason) into.terminal.set(id, 'failed');
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function countPhase(
  options: {
    fault: string;
    answerWindow: number;
    load: LoadResult;
    ledger: SightingLedger;
    restoredAt: number;
  },
  settled: Settled,
  lostIds: readonly string[],
): FaultLine {
  const { load, ledger } = options;
  const report = ledger.report(new Set(load.accepted.keys()));
  const terminal = [...settled.terminal.values()];
  return {
    fault: options.fault,
    sent: load.sent,
    accepted: load.accepted.size,
    rejected: Object.fromEntries(load.rejected),
    delivered: report.delivered,
    duplicates: report.duplicates,
    answerWindow: options.answerWindow,
    skipped: terminal.filter((kind) => kind === 'skipped').length,
    failed: terminal.filter((kind) => kind === 'failed').length,
    lost: lostIds.length,
    recoveryMs: recoveryTime(load, ledger, options.restoredAt),
    lostSample: lostIds.slice(0, 5).map((id) => `${id} (${settled.lastStatus.get(id) ?? 'unread'})`),
    duplicateSample: ledger.seenTwice(load.accepted.keys()).slice(0, 5),
  };
}

function recoveryTime(load: LoadResult, ledger: SightingLedger, restoredAt: number): number | null {
  let first: number | undefined;
  for (const [id, sentAt] of load.accepted) {
    const seenAt = ledger.firstSeenAt(id);
    if (sentAt < restoredAt || seenAt === undefined) continue;
    first = first === undefined ? seenAt : Math.min(first, seenAt);
  }
  return first === undefined ? null : Math.round(first - restoredAt);
}

/** What the suites hold a line to: nothing lost, no second copy beyond the fault's answer window. */
export function keptPromise(line: FaultLine): { lost: number; duplicatesBeyondWindow: number } {
  return { lost: line.lost, duplicatesBeyondWindow: Math.max(0, line.duplicates - line.answerWindow) };
}

/** Report notes naming a few lost and doubled notifications per line, to start an investigation from. */
export function sampleNotes(lines: readonly FaultLine[]): string[] {
  return lines.flatMap((line) => [
    ...(line.lostSample.length > 0 ? [`${line.fault}: lost ${line.lostSample.join(', ')}`] : []),
    ...(line.duplicateSample.length > 0
      ? [`${line.fault}: sent twice ${line.duplicateSample.join(', ')}`]
      : []),
  ]);
}

/** Recounts duplicates at the end of the run: a second copy can reach a sink after its phase settled. */
export function recountDuplicates(line: FaultLine, load: LoadResult, ledger: SightingLedger): FaultLine {
  return {
    ...line,
    duplicates: ledger.report(new Set(load.accepted.keys())).duplicates,
    duplicateSample: ledger.seenTwice(load.accepted.keys()).slice(0, 5),
  };
}
