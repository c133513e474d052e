import { performance } from 'node:perf_hooks';

/**
 * `clients` loops, each sending its next request when the previous one is answered, until
 * `durationMs` has passed: the system's maximum rate at that concurrency.
 */
export async function runClosedLoop(options: {
  readonly clients: number;
  readonly durationMs: number;
  readonly send: (index: number) => Promise<void>;
}): Promise<void> {
  const deadline = performance.now() + options.durationMs;
  let next = 0;
  const loop = async () => {
    while (performance.now() < deadline) await options.send(next++);
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
}
