import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsRegistry } from '@herald/observability';
import type { ReadinessReport, ReadinessState } from './readiness-report';

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

/** What a service states on /ready beside its checks (a worker's circuit breakers). */
export type ReadinessExtras = () => Pick<ReadinessReport, 'breakers'>;

export function createHealthHandler(
  service: string,
  probes: readonly ReadinessProbe[],
  registry: MetricsRegistry,
  extras: ReadinessExtras = () => ({}),
): HealthHandler {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    switch (path) {
      case '/health':
        sendJson(res, 200, { status: 'ok', service });
        return true;
      case '/ready': {
        const { status, checks } = await checkReadiness(probes);
        const report: ReadinessReport = { status, service, checks, ...extras() };
        sendJson(res, status === 'ready' ? 200 : 503, report);
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

/** Runs every probe at once, each bounded; a check is 'ok' or why it failed. */
export async function checkReadiness(probes: readonly ReadinessProbe[]): Promise<ReadinessState> {
  const checks = await runProbes(probes);
  const ready = Object.values(checks).every((result) => result === 'ok');
  return { status: ready ? 'ready' : 'not_ready', checks };
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

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
