import { fetchFailureReason, type ReadinessProbe } from '@herald/lifecycle';

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
          throw new Error(`unreachable (${fetchFailureReason(error)})`);
        },
      );
      await response.body?.cancel();
      if (!response.ok) throw new Error(`${healthUrl.pathname} answered HTTP ${response.status}`);
    },
  };
}

/** Redis meters requests; the gateway serves without it (fail open) but is not fully ready. */
export function redisProbe(redis: { check(): Promise<void> }): ReadinessProbe {
  return {
    name: 'redis',
    check: async () => {
      await redis.check().catch((error: unknown) => {
        throw new Error(`unreachable (${fetchFailureReason(error)})`);
      });
    },
  };
}
