import { readinessReportSchema, type ReadinessReport } from './readiness-report';

/**
 * Asks a service for its /ready report, bounded by `timeoutMs`, so one dead or hanging service
 * is reported as not ready (the check named `reachable` says why) instead of stalling the caller.
 * `baseUrl` may be any URL of the service: /ready is asked at its root (`.../graphql` works too).
 */
export async function readReadiness(
  service: string,
  baseUrl: string,
  timeoutMs: number,
): Promise<ReadinessReport> {
  const url = new URL('/ready', baseUrl);
  try {
    // The signal bounds the whole exchange, the body included.
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body: unknown = await response.json();
    return readinessReportSchema.parse(body);
  } catch (error) {
    return { status: 'not_ready', service, checks: { reachable: describeFailure(error) } };
  }
}

function describeFailure(error: unknown): string {
  const { name } = (error ?? {}) as { name?: unknown };
  if (name === 'TimeoutError') return 'no answer in time';
  if (name === 'ZodError' || name === 'SyntaxError')
    return 'answered something that is not a readiness report';
  return `unreachable (${fetchFailureReason(error)})`;
}

/** fetch reports "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND, a timeout …). */
export function fetchFailureReason(error: unknown): string {
  // Duck-typed: fetch's errors come from Node's own realm, where `instanceof Error` can fail.
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown } };
  if (typeof cause?.code === 'string') return cause.code;
  return typeof message === 'string' ? message : String(error);
}
