import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './bench-result';
import { renderMarkdown } from './markdown';
import { renderChart } from './svg-chart';

/** Writes <dir>/<ISO time>.json, .md and .svg; the time has no colons, for every file system. */
export function writeResults(
  dir: string,
  result: BenchResult,
): { json: string; markdown: string; chart: string } {
  mkdirSync(dir, { recursive: true });
  const stem = result.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const files = {
    json: join(dir, `${stem}.json`),
    markdown: join(dir, `${stem}.md`),
    chart: join(dir, `${stem}.svg`),
  };
  const chart = renderChart(
    result.scenarios.map((scenario) => ({
      label: scenario.name,
      startS: scenario.startedAtS,
      points: scenario.series,
    })),
  );
  writeFileSync(files.json, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(files.chart, chart);
  writeFileSync(files.markdown, renderMarkdown(result, `${stem}.svg`));
  return files;
}
