import { Registry, collectDefaultMetrics } from 'prom-client';

export type MetricsRegistry = Registry;

/** A registry per app, so several apps can share one process (tests) without clashing. */
export function createMetricsRegistry(service: string): MetricsRegistry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'herald_' });
  return registry;
}
