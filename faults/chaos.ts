import { setTimeout as delay } from 'node:timers/promises';
import { SERVICE_NAMES } from '@herald/testkit';
import { cutDependency, fcmUnavailable, killService, type Fault } from './faults';
import type { FaultHarness } from './harness';

/** mulberry32: a tiny seeded generator, so a chaos run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface ChaosStep {
  readonly atMs: number;
  readonly fault: Fault;
}

/** A random sequence of faults, each held 2–10 s with 1–5 s of calm after it, filling `durationMs`. */
export function chaosSchedule(seed: number, durationMs: number): ChaosStep[] {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const pick = (): Fault => {
    // Whole tenths of a second, so the logged names stay readable.
    const holdMs = between(20, 100) * 100;
    const faults: [Fault, ...Fault[]] = [
      fcmUnavailable(holdMs),
      ...SERVICE_NAMES.map(killService),
      cutDependency('RabbitMQ', 'amqp', holdMs),
      cutDependency('PostgreSQL', 'postgres', holdMs),
      cutDependency('Redis', 'redis', holdMs),
      cutDependency('SMTP sink', 'smtp', holdMs),
    ];
    return faults[Math.floor(random() * faults.length)] ?? faults[0];
  };
  const steps: ChaosStep[] = [];
  for (let atMs = 0; atMs < durationMs;) {
    const fault = pick();
    steps.push({ atMs, fault });
    // A kill's restart takes a few seconds of its own.
    atMs += Math.max(fault.holdMs, 3_000) + between(1_000, 5_000);
  }
  return steps;
}

/**
 * Plays a schedule against the harness, logging each step; each fault is restored before the
 * next. A slow restart delays the steps after it, and no step starts after `durationMs`.
 * Returns the faults that were played.
 */
export async function playChaos(
  harness: FaultHarness,
  steps: readonly ChaosStep[],
  durationMs: number,
  log: (line: string) => void,
): Promise<Fault[]> {
  const started = Date.now();
  const played: Fault[] = [];
  for (const [index, { atMs, fault }] of steps.entries()) {
    if (Date.now() - started >= durationMs) {
      log(`chaos: ${durationMs / 1000} s are up; ${steps.length - index} step(s) left out`);
      return played;
    }
    const waitMs = started + atMs - Date.now();
    if (waitMs > 0) await delay(waitMs);
    log(`chaos +${((Date.now() - started) / 1000).toFixed(1)} s: ${fault.name}`);
    await fault.inject(harness);
    await delay(fault.holdMs);
    await fault.restore(harness);
    played.push(fault);
  }
  return played;
}
