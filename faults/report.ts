import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@herald/testkit';
import type { FaultLine } from './accounting';

export const REPORT_DIR = join(REPO_ROOT, 'var', 'faults');

function rejectedCell(rejected: FaultLine['rejected']): string {
  const total = Object.values(rejected).reduce((sum, count) => sum + count, 0);
  if (total === 0) return '0';
  return `${total} (${Object.entries(rejected)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => `${reason}: ${count}`)
    .join('; ')})`;
}

function duplicatesCell(line: FaultLine): string {
  return line.answerWindow > 0 && line.duplicates > 0
    ? `${line.duplicates} (answer window, ≤ ${line.answerWindow})`
    : `${line.duplicates}`;
}

function seconds(ms: number | null): string {
  return ms === null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`;
}

/** The report as a markdown table, one line per fault. */
export function markdownReport(lines: readonly FaultLine[], notes: readonly string[]): string {
  const header = [
    '| Fault | Sent | Accepted | Rejected (with what) | Delivered | Duplicates | Skipped | Failed (reason) | Lost | Recovery |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const rows = lines.map(
    (line) =>
      `| ${line.fault} | ${line.sent} | ${line.accepted} | ${rejectedCell(line.rejected)} | ${line.delivered} | ` +
      `${duplicatesCell(line)} | ${line.skipped} | ${line.failed} | ${line.lost} | ${seconds(line.recoveryMs)} |`,
  );
  return [...header, ...rows, '', ...notes.map((note) => `- ${note}`), ''].join('\n');
}

/** The runs whose reports var/faults/report.md gathers, each under its own heading. */
const SECTIONS = {
  'one node': { title: 'One node', json: 'report.json', markdown: 'report-one-node.md' },
  cluster: { title: 'Cluster', json: 'report-cluster.json', markdown: 'report-cluster.md' },
} as const;
export type ReportSection = keyof typeof SECTIONS;

/**
 * Writes this run's section (var/faults/report.json and report-one-node.md, or
 * report-cluster.json and report-cluster.md), then var/faults/report.md with every section
 * written so far. Returns the section's markdown.
 */
export function writeReport(
  lines: readonly FaultLine[],
  notes: readonly string[],
  section: ReportSection = 'one node',
  markdown = markdownReport(lines, notes),
): string {
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, SECTIONS[section].json), `${JSON.stringify({ lines, notes }, null, 2)}\n`);
  writeFileSync(sectionPath(section), markdown);
  const written = (Object.keys(SECTIONS) as ReportSection[]).filter((name) => existsSync(sectionPath(name)));
  writeFileSync(
    join(REPORT_DIR, 'report.md'),
    [
      '# Fault suite report',
      ...written.map((name) => `## ${SECTIONS[name].title}\n\n${readFileSync(sectionPath(name), 'utf8')}`),
    ].join('\n\n'),
  );
  return markdown;
}

function sectionPath(section: ReportSection): string {
  return join(REPORT_DIR, SECTIONS[section].markdown);
}
