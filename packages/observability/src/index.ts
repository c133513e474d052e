export { createMetricsRegistry, type MetricsRegistry } from './metrics-registry';
export { createHealthHandler, type ReadinessProbe, type HealthHandler } from './health-handler';
export { startHealthServer, type HealthServer } from './health-server';
export { CleanupStack, type Disposable } from './cleanup-stack';
export { runService, type ServiceApp, type BoundPorts } from './run-service';
export { listen, closeServer } from './listen';
