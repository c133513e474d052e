import { traceCarrierOf, type TraceCarrier } from '@herald/observability';

/**
 * The trace an outbox message is written in (an accept, a replay), so the relay's publish
 * continues it; null outside any trace.
 */
export function outboxTraceContext(): TraceCarrier | null {
  const carrier = traceCarrierOf();
  return Object.keys(carrier).length > 0 ? carrier : null;
}
