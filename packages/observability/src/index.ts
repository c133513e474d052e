export { createMetricsRegistry, type MetricsRegistry } from './metrics-registry';
export {
  checkReadiness,
  withTimeout,
  createHealthHandler,
  HEALTH_PATHS,
  type ReadinessProbe,
  type HealthHandler,
  type ReadinessExtras,
} from './health-handler';
export {
  BREAKER_STATES,
  readinessReportSchema,
  type BreakerState,
  type ReadinessReport,
  type ReadinessState,
} from './readiness-report';
export { fetchFailureReason, readReadiness } from './read-readiness';
export { timeHttpRequests, fixedRoutes, type HttpRequestTimer } from './http-metrics';
export { histogramIn, sharedReading } from './registered-metric';
export { startHealthServer, type HealthServer } from './health-server';
export { CleanupStack, type Disposable } from './cleanup-stack';
export { runService, type ServiceApp, type BoundPorts, type RunServiceOptions } from './run-service';
export { listen, closeServer } from './listen';
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
