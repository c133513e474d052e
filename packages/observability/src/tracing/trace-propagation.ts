import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ROOT_CONTEXT, context, propagation, type Context, type TextMapGetter } from '@opentelemetry/api';

/** The W3C trace context of one hop, as written into HTTP headers, gRPC metadata or AMQP headers. */
export type TraceCarrier = Record<string, string>;

let registered = false;

/**
 * Registers the async-context manager and the W3C propagator once per process. Without an SDK
 * this is all tracing costs: spans are non-recording and carry their parent's context, so an
 * incoming traceparent leaves every hop unchanged.
 */
export function ensurePropagation(): void {
  if (registered) return;
  registered = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** traceparent (and tracestate) of `from`, the active context by default; empty outside any trace. */
export function traceCarrierOf(from: Context = context.active()): TraceCarrier {
  ensurePropagation();
  const carrier: TraceCarrier = {};
  propagation.inject(from, carrier);
  return carrier;
}

/**
 * The context a carrier continues (HTTP headers, gRPC metadata map, AMQP headers): values may be
 * strings, arrays of them, or Buffers. No or a malformed traceparent gives the root context: an
 * incoming hop never continues whatever trace happens to be active where it is handled.
 */
export function extractTraceContext(carrier: Readonly<Record<string, unknown>> | undefined): Context {
  ensurePropagation();
  return propagation.extract(ROOT_CONTEXT, carrier ?? {}, carrierGetter);
}

/** Runs `work` in the trace a stored carrier names (the root context when there is none). */
export function continueTrace<T>(
  carrier: Readonly<Record<string, unknown>> | null | undefined,
  work: () => T,
): T {
  return context.with(extractTraceContext(carrier ?? undefined), work);
}

const carrierGetter: TextMapGetter<Readonly<Record<string, unknown>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') return first;
    return Buffer.isBuffer(first) ? first.toString('utf8') : undefined;
  },
};
