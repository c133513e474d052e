import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsRegistry } from './metrics-registry';

/** A named dependency check; resolves when the dependency answers, rejects otherwise. */
export interface ReadinessProbe {
  readonly name: string;
  readonly check: () => Promise<void>;
}

/** Answers /health, /ready and /metrics; returns false for any other path. */
export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const PROBE_TIMEOUT_MS = 2000;

/** The paths a health handler answers. */
export const HEALTH_PATHS = ['/health', '/ready', '/metrics'] as const;

export function createHealthHandler(
  service: string,
  probes: readonly ReadinessProbe[],
  registry: MetricsRegistry,
): HealthHandler {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    switch (path) {
      case '/health':
        sendJson(res, 200, { status: 'ok', service });
        return true;
      case '/ready': {
        const checks = await runProbes(probes);
        const ready = Object.values(checks).every((result) => result === 'ok');
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', service, checks });
        return true;
      }
      case '/metrics':
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
        return true;
      default:
        return false;
    }
  };
}

async function runProbes(probes: readonly ReadinessProbe[]): Promise<Record<string, string>> {
  const results = await Promise.all(
    probes.map(async (probe) => {
      try {
        await withTimeout(probe.check(), PROBE_TIMEOUT_MS);
        return [probe.name, 'ok'] as const;
      } catch (error) {
        return [probe.name, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  return Object.fromEntries(results);
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
