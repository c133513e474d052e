import type { SecondPoint } from '../stats';

/** One scenario's per-second points, placed at `startS` on the run's time axis. */
export interface ChartSegment {
  readonly label: string;
  readonly startS: number;
  readonly points: readonly SecondPoint[];
}

interface Line {
  readonly label: string;
  readonly color: string;
  readonly value: (point: SecondPoint) => number | null;
}

const WIDTH = 960;
const PANEL_HEIGHT = 200;
const MARGIN = { left: 64, right: 16, top: 28, gap: 44, bottom: 36 };
const THROUGHPUT: readonly Line[] = [
  { label: 'accepted/s', color: '#2563eb', value: (point) => point.accepted },
  { label: 'delivered/s', color: '#16a34a', value: (point) => point.delivered },
];
const LATENCY: readonly Line[] = [
  { label: 'accept p99 (ms)', color: '#dc2626', value: (point) => point.acceptP99Ms },
  { label: 'accept→delivery p50 (ms)', color: '#9333ea', value: (point) => point.deliveryP50Ms },
];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A ceiling above `max` that reads well on an axis: 1, 2 or 5 times a power of ten. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((step) => step >= max) ?? 10 * power;
}

/**
 * Throughput (top) and latency (bottom) over the whole run, one shaded band per scenario:
 * a self-contained SVG, drawn without a browser or the network.
 */
export function renderChart(placed: readonly ChartSegment[]): string {
  // The axis starts with the first scenario, not with the system's start-up and seeding.
  const originS = Math.min(...placed.map((segment) => segment.startS));
  const segments = placed.map((segment) => ({ ...segment, startS: segment.startS - originS }));
  const endS = Math.max(1, ...segments.map((segment) => segment.startS + segment.points.length));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const x = (seconds: number) => MARGIN.left + (seconds / endS) * plotWidth;
  const height = MARGIN.top + 2 * PANEL_HEIGHT + MARGIN.gap + MARGIN.bottom;
  const parts: string[] = [];
  segments.forEach((segment, index) => {
    const left = x(segment.startS);
    const width = Math.max(1, x(segment.startS + segment.points.length) - left);
    const fill = index % 2 === 0 ? '#f1f5f9' : '#e2e8f0';
    parts.push(
      `<rect x="${left.toFixed(1)}" y="${MARGIN.top}" width="${width.toFixed(1)}" height="${2 * PANEL_HEIGHT + MARGIN.gap}" fill="${fill}"/>`,
    );
    parts.push(
      `<text x="${(left + 2).toFixed(1)}" y="${MARGIN.top - 6}" font-size="10" transform="rotate(-12 ${(left + 2).toFixed(1)} ${MARGIN.top - 6})">${escape(segment.label)}</text>`,
    );
  });
  const panel = (top: number, lines: readonly Line[], title: string) => {
    const values = segments.flatMap((segment) =>
      segment.points.flatMap((point) => lines.map((line) => line.value(point) ?? 0)),
    );
    const ceiling = niceCeiling(Math.max(0, ...values));
    const y = (value: number) => top + PANEL_HEIGHT - (Math.min(value, ceiling) / ceiling) * PANEL_HEIGHT;
    parts.push(
      `<line x1="${MARGIN.left}" y1="${top + PANEL_HEIGHT}" x2="${WIDTH - MARGIN.right}" y2="${top + PANEL_HEIGHT}" stroke="#334155"/>`,
    );
    for (const tick of [0, 0.5, 1]) {
      const value = tick * ceiling;
      parts.push(
        `<line x1="${MARGIN.left}" y1="${y(value).toFixed(1)}" x2="${WIDTH - MARGIN.right}" y2="${y(value).toFixed(1)}" stroke="#cbd5e1" stroke-dasharray="3 3"/>`,
      );
      parts.push(
        `<text x="${MARGIN.left - 6}" y="${(y(value) + 4).toFixed(1)}" font-size="11" text-anchor="end">${value}</text>`,
      );
    }
    parts.push(
      `<text x="${MARGIN.left}" y="${top + 12}" font-size="12" font-weight="bold">${escape(title)}</text>`,
    );
    lines.forEach((line, index) => {
      const legendX = WIDTH - MARGIN.right - 190 * (lines.length - index);
      parts.push(`<rect x="${legendX}" y="${top + 3}" width="12" height="3" fill="${line.color}"/>`);
      parts.push(`<text x="${legendX + 16}" y="${top + 9}" font-size="11">${escape(line.label)}</text>`);
      for (const segment of segments) {
        const coordinates = segment.points.flatMap((point) => {
          const value = line.value(point);
          return value === null
            ? []
            : [`${x(segment.startS + point.second + 0.5).toFixed(1)},${y(value).toFixed(1)}`];
        });
        if (coordinates.length > 0)
          parts.push(
            `<polyline fill="none" stroke="${line.color}" stroke-width="1.5" points="${coordinates.join(' ')}"/>`,
          );
      }
    });
  };
  panel(MARGIN.top, THROUGHPUT, 'Throughput (notifications per second)');
  panel(MARGIN.top + PANEL_HEIGHT + MARGIN.gap, LATENCY, 'Latency (ms)');
  const axisY = height - MARGIN.bottom + 16;
  const step = niceCeiling(endS / 10);
  for (let seconds = 0; seconds <= endS; seconds += step) {
    parts.push(
      `<text x="${x(seconds).toFixed(1)}" y="${axisY}" font-size="11" text-anchor="middle">${seconds}</text>`,
    );
  }
  parts.push(
    `<text x="${WIDTH / 2}" y="${height - 4}" font-size="11" text-anchor="middle">seconds since the first scenario started</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
