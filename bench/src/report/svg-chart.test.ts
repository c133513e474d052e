import { niceCeiling, renderChart } from './svg-chart';

describe('renderChart', () => {
  const point = (second: number, accepted: number) => ({
    second,
    accepted,
    delivered: accepted,
    acceptP99Ms: 10,
    deliveryP50Ms: 200,
  });

  it('draws one band per scenario and a line per series, in a standalone SVG', () => {
    const svg = renderChart([
      { label: 'rest-100', startS: 0, points: [point(0, 90), point(1, 100)] },
      { label: 'bulk <100>', startS: 5, points: [point(0, 1_000)] },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('rest-100');
    expect(svg).toContain('bulk &lt;100&gt;');
    expect(svg.match(/<polyline/g)).toHaveLength(8);
    expect(svg).not.toMatch(/NaN|undefined|Infinity|https?:\/\/(?!www\.w3\.org)/);
  });

  it('starts the time axis with the first scenario', () => {
    const svg = renderChart([{ label: 'late start', startS: 120, points: [point(0, 5)] }]);
    expect(svg).toMatch(/<rect x="64\.0" y="28"/);
  });

  it('draws an empty run without failing', () => {
    expect(renderChart([])).toContain('</svg>');
  });
});

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(130)).toBe(200);
    expect(niceCeiling(450)).toBe(500);
  });
});
