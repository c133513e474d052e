export { createMetricsRegistry, type MetricsRegistry } from './metrics-registry';
export { timeHttpRequests, fixedRoutes, type HttpRequestTimer } from './http-metrics';
export { histogramIn, sharedReading } from './registered-metric';
export { startTracing, type Tracing } from './tracing/start-tracing';
export {
  continueTrace,
  ensurePropagation,
  extractTraceContext,
  traceCarrierOf,
  type TraceCarrier,
} from './tracing/trace-propagation';
export { inSpan, markFailed, type SpanOptions } from './tracing/spans';
export { httpServerSpan } from './tracing/http-server-span';
export { SpanKind } from '@opentelemetry/api';
