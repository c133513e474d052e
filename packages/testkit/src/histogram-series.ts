import { Histogram, type Registry } from 'prom-client';

/** One labelled series of a histogram, as a test reads it. */
export interface HistogramSeries {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly count: number;
  readonly sum: number;
  /** Cumulative count per upper bound, keyed like the `le` label ("0.5", "+Inf"). */
  readonly buckets: Readonly<Record<string, number>>;
}

/** Every series of the registry's histogram `name`, with its count, sum and buckets. */
export async function histogramSeries(registry: Registry, name: string): Promise<HistogramSeries[]> {
  const metric = registry.getSingleMetric(name);
  if (!(metric instanceof Histogram)) throw new Error(`${name} is not a histogram in this registry`);
  type Building = {
    labels: Record<string, string | number>;
    count: number;
    sum: number;
    buckets: Record<string, number>;
  };
  const series = new Map<string, Building>();
  for (const sample of (await metric.get()).values) {
    const { le, ...rest } = sample.labels;
    const labels: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) labels[key] = value;
    const key = JSON.stringify(labels);
    const entry: Building = series.get(key) ?? { labels, count: 0, sum: 0, buckets: {} };
    series.set(key, entry);
    if (sample.metricName === `${name}_count`) entry.count = sample.value;
    else if (sample.metricName === `${name}_sum`) entry.sum = sample.value;
    else if (le !== undefined) entry.buckets[String(le)] = sample.value;
  }
  return [...series.values()];
}
