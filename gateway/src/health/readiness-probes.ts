import type { ReadinessProbe } from '@herald/observability';

const PROBE_TIMEOUT_MS = 2000;

/** Ready once Apollo has loaded the supergraph and built its query planner. */
export function supergraphProbe(isLoaded: () => boolean): ReadinessProbe {
  return {
    name: 'supergraph',
    check: async () => {
      if (!isLoaded()) throw new Error('not loaded yet');
    },
  };
}

/** A subgraph is up when its own /health, beside its /graphql, answers 2xx. */
export function subgraphProbe(name: string, graphqlUrl: string): ReadinessProbe {
  const healthUrl = new URL('/health', graphqlUrl);
  return {
    name,
    check: async () => {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).catch(
        (error: unknown) => {
          throw new Error(`unreachable (${describe(error)})`);
        },
      );
      await response.body?.cancel();
      if (!response.ok) throw new Error(`${healthUrl.pathname} answered HTTP ${response.status}`);
    },
  };
}

/** fetch reports "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND, a timeout …). */
function describe(error: unknown): string {
  // Duck-typed: fetch's errors come from Node's own realm, where `instanceof Error` can fail.
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown } };
  if (typeof cause?.code === 'string') return cause.code;
  return typeof message === 'string' ? message : String(error);
}

/** Redis meters requests; the gateway serves without it (fail open) but is not fully ready. */
export function redisProbe(redis: { check(): Promise<void> }): ReadinessProbe {
  return {
    name: 'redis',
    check: async () => {
      await redis.check().catch((error: unknown) => {
        throw new Error(`unreachable (${describe(error)})`);
      });
    },
  };
}
