import { Histogram, type HistogramConfiguration, type Registry } from 'prom-client';

/**
 * The registry's histogram of that name, created on first use: several servers or clients of one
 * app (two gRPC clients, say) share one series family instead of clashing on registration.
 */
export function histogramIn<L extends string>(
  registry: Registry,
  config: Omit<HistogramConfiguration<L>, 'registers'>,
): Histogram<L> {
  const existing = registry.getSingleMetric(config.name);
  if (existing === undefined) return new Histogram<L>({ ...config, registers: [registry] });
  if (existing instanceof Histogram) return existing as Histogram<L>;
  throw new Error(`metric ${config.name} is already registered as another type`);
}

/**
 * Shares one read among the gauges collected in the same scrape (prom-client collects every
 * metric at once): a call while a read is under way gets that read's result.
 */
export function sharedReading<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read().finally(() => (pending = undefined)));
}
