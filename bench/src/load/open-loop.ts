import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Fires `send(i, dueAt)` at a fixed arrival rate for `durationMs`, whatever the answers do (open
 * loop). The caller measures latency from `dueAt`, the scheduled time, so a stall of the system
 * under test counts against every request it delayed (no coordinated omission).
 */
export async function runOpenLoop(options: {
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly send: (index: number, dueAt: number) => Promise<void>;
}): Promise<void> {
  const { ratePerSecond, durationMs, send } = options;
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const intervalMs = 1000 / ratePerSecond;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
    for (; next < due; next += 1) {
      const sending = send(next, start + next * intervalMs);
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    }
    await sleep(1);
  }
  await Promise.allSettled([...inFlight]);
}
