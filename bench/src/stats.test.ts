import { createTimeSeries, percentile, percentiles, sustainedRate } from './stats';

describe('percentiles', () => {
  it('reports the nearest-rank percentiles of a sample', () => {
    const sample = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentiles(sample)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('has no figures for an empty sample', () => {
    expect(percentiles([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('createTimeSeries', () => {
  it('puts answers, accepts and deliveries in the second they happened', () => {
    const series = createTimeSeries(1_000);
    series.answered(1_100, 12);
    series.accepted(1_100);
    series.accepted(2_500);
    series.delivered(2_900, 400);
    expect(series.points()).toEqual([
      { second: 0, accepted: 1, delivered: 0, acceptP99Ms: 12, deliveryP50Ms: null },
      { second: 1, accepted: 1, delivered: 1, acceptP99Ms: null, deliveryP50Ms: 400 },
    ]);
  });
});

describe('sustainedRate', () => {
  it('is the median of the seconds that carried traffic', () => {
    const points = [0, 900, 1_000, 1_100, 50, 0].map((delivered, second) => ({
      second,
      accepted: 0,
      delivered,
      acceptP99Ms: null,
      deliveryP50Ms: null,
    }));
    expect(sustainedRate(points, 'delivered')).toBe(900);
  });
});
