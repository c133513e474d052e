export { CleanupStack, type Disposable } from './cleanup-stack';
export { composeApp, type StartApp } from './compose-app';
export { runService, type ServiceApp, type BoundPorts, type RunServiceOptions } from './run-service';
export { listen, closeServer } from './listen';
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
export { startHealthServer, type HealthServer } from './health-server';
