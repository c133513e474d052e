import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { settlePhase, type FaultLine } from './accounting';
import type { Fault } from './faults';
import type { Fixtures, Gateway } from './fixtures';
import type { FaultHarness } from './harness';
import { startLoad, type LoadResult } from './load-driver';
import type { SightingLedger } from './sightings';

export interface PhaseTiming {
  readonly ratePerSecond: number;
  /** Load before the fault, so the system is busy when it strikes. */
  readonly leadMs: number;
  /** Load after the restore, to see the system accept and deliver again. */
  readonly tailMs: number;
  readonly settleTimeoutMs: number;
}

export interface Phase {
  readonly line: FaultLine;
  readonly load: LoadResult;
  /** performance.now() the time to recover is measured from: the restore, or the kill. */
  readonly recoveryFrom: number;
}

/** What load under a fault needs, whatever the topology. */
export interface LoadContext {
  readonly ledger: SightingLedger;
  /** The load is spread over these; the first also answers the settling status queries. */
  readonly gateways: readonly [Gateway, ...Gateway[]];
  readonly fixtures: Fixtures;
  readonly timing: PhaseTiming;
  readonly log: (line: string) => void;
}

export interface PhaseContext extends LoadContext {
  readonly harness: FaultHarness;
}

/**
 * Runs load across a span of time in which `disturb` injects and restores faults, then settles
 * and counts. The delays pace the scenario; nothing waits on them for a result. Recovery is
 * measured from the end of `disturb`, or from the moment it returns (a kill nothing restores).
 */
export async function runUnderLoad(
  context: LoadContext,
  /** answerWindow is read after the disturbance, which may decide what it was. */
  scenario: { readonly name: string; readonly answerWindow: () => number },
  disturb: () => Promise<number | void>,
): Promise<Phase> {
  const { name, answerWindow } = scenario;
  const { ledger, gateways, fixtures, timing } = context;
  const load = startLoad({
    gateways,
    fixtures,
    ledger,
    label: name.replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
    ratePerSecond: timing.ratePerSecond,
  });
  const disturbed = async () => {
    await delay(timing.leadMs);
    context.log(`${new Date().toISOString()} ${name}: injecting`);
    const at = (await disturb()) ?? performance.now();
    context.log(`${new Date().toISOString()} ${name}: restored`);
    await delay(timing.tailMs);
    return at;
  };
  const restoredAt = await disturbed().catch(async (error: unknown) => {
    // Stopped on failure too, so no request outlives the test.
    await load.stop();
    throw error;
  });
  const result = await load.stop();
  const line = await settlePhase({
    fault: name,
    answerWindow: answerWindow(),
    load: result,
    ledger,
    gateway: gateways[0],
    restoredAt,
    timeoutMs: timing.settleTimeoutMs,
  });
  return { line, load: result, recoveryFrom: restoredAt };
}

/** One fault, injected once, held, and restored. */
export function runFault(context: PhaseContext, fault: Fault): Promise<Phase> {
  return runUnderLoad(context, { name: fault.name, answerWindow: () => fault.answerWindow }, async () => {
    await fault.inject(context.harness);
    await delay(fault.holdMs);
    await fault.restore(context.harness);
  });
}

/**
 * Sends load in short rounds until one round is accepted whole and delivered: a freshly started
 * topology on a shared machine answers slowly at first, and that start-up is not a fault's cost.
 */
export async function warmUp(context: LoadContext, rounds = 10): Promise<void> {
  for (let round = 1; round <= rounds; round += 1) {
    const load = startLoad({
      gateways: context.gateways,
      fixtures: context.fixtures,
      ledger: context.ledger,
      label: `warm-up-${round}`,
      ratePerSecond: context.timing.ratePerSecond,
    });
    await delay(context.timing.leadMs);
    const result = await load.stop();
    const delivered = await context.ledger
      .waitForDeliveries({ timeoutMs: context.timing.settleTimeoutMs })
      .then(() => true)
      .catch(() => false);
    context.log(
      `warm-up round ${round}: ${result.accepted.size} of ${result.sent} accepted, delivered: ${delivered}`,
    );
    if (delivered && result.accepted.size === result.sent) return;
  }
  throw new Error(`the system did not accept and deliver a whole round of load in ${rounds} rounds`);
}
