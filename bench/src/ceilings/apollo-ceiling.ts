import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createJsonClient } from '../json-client';
import { runClosedLoop } from '../load/closed-loop';
import { percentiles, round } from '../stats';
import type { Ceiling } from './ceiling';

/** A trivial Apollo Server query, closed loop, from `clients` callers: the GraphQL HTTP ceiling. */
export async function measureApolloCeiling(options: {
  clients: number;
  durationMs: number;
}): Promise<Ceiling> {
  const child = spawn(process.execPath, [join(__dirname, 'apollo-hello-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const url = new URL(line.trim());
    const client = createJsonClient(url.origin, 'none', options.clients);
    const body = JSON.stringify({ query: '{ hello }' });
    const latencies: number[] = [];
    let failed = 0;
    const start = performance.now();
    await runClosedLoop({
      clients: options.clients,
      durationMs: options.durationMs,
      send: async () => {
        const since = performance.now();
        const response = await client.post('/', body).catch(() => undefined);
        if (response?.status !== 200) failed += 1;
        latencies.push(performance.now() - since);
      },
    });
    const seconds = (performance.now() - start) / 1000;
    client.close();
    const latency = percentiles(latencies);
    return {
      name: 'apollo',
      title: `Apollo Server, trivial query, ${options.clients} clients (closed loop)`,
      perSecond: round(latencies.length / seconds) ?? 0,
      unit: 'requests/s',
      detail: { requests: latencies.length, failed, p50Ms: latency.p50, p99Ms: latency.p99 },
    };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
