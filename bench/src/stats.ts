/** Latency percentiles over a sample, in the unit of the sample (milliseconds here). */
export interface Percentiles {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** Nearest-rank percentile of an ascending sample; null when there is no sample. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export function percentiles(sample: readonly number[]): Percentiles {
  const sorted = [...sample].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? null),
  };
}

/** One second of a run: what was accepted and delivered in it, and how long those took. */
export interface SecondPoint {
  /** Seconds since the start of the run. */
  readonly second: number;
  readonly accepted: number;
  readonly delivered: number;
  readonly acceptP99Ms: number | null;
  readonly deliveryP50Ms: number | null;
}

/** Collects timestamped events into per-second buckets, relative to `origin` (ms). */
export interface TimeSeries {
  answered(atMs: number, latencyMs: number): void;
  accepted(atMs: number): void;
  delivered(atMs: number, latencyMs: number): void;
  points(): SecondPoint[];
}

export function createTimeSeries(origin: number): TimeSeries {
  const buckets: { answers: number[]; accepted: number; deliveries: number[] }[] = [];
  const bucket = (atMs: number) => {
    const index = Math.max(0, Math.floor((atMs - origin) / 1000));
    for (let i = buckets.length; i <= index; i += 1)
      buckets.push({ answers: [], accepted: 0, deliveries: [] });
    return buckets[index]!;
  };
  return {
    answered: (atMs, latencyMs) => void bucket(atMs).answers.push(latencyMs),
    accepted: (atMs) => void (bucket(atMs).accepted += 1),
    delivered: (atMs, latencyMs) => void bucket(atMs).deliveries.push(latencyMs),
    points: () =>
      buckets.map(({ answers, accepted, deliveries }, second) => ({
        second,
        accepted,
        delivered: deliveries.length,
        acceptP99Ms: percentiles(answers).p99,
        deliveryP50Ms: percentiles(deliveries).p50,
      })),
  };
}

/** Median of per-second figures over the seconds where load was applied: the sustained rate. */
export function sustainedRate(points: readonly SecondPoint[], key: 'accepted' | 'delivered'): number {
  const active = points.filter((point) => point[key] > 0).map((point) => point[key]);
  return (
    percentile(
      active.sort((a, b) => a - b),
      0.5,
    ) ?? 0
  );
}

export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
