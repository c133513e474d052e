import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '@herald/testkit';

/** Where each attack file records what it tried, per e2e run (the run id names the log directory too). */
export function attackDir(logDir: string): string {
  return join(REPO_ROOT, 'var', 'attack', basename(logDir));
}

export interface AttackCounts {
  readonly name: string;
  readonly cases: number;
  readonly failures: number;
  /** The first failed cases, described, for the report. */
  readonly failed: readonly string[];
}

export interface Tally {
  /** Runs one attack case: its checks throw on failure, which is counted and rethrown. */
  attempt<T>(description: string, check: () => Promise<T> | T): Promise<T>;
  /** Writes this file's counts for the summary. */
  save(): void;
}

const FAILED_KEPT = 20;

export function createTally(name: string, logDir: string): Tally {
  let cases = 0;
  let failures = 0;
  const failed: string[] = [];
  return {
    async attempt(description, check) {
      cases += 1;
      try {
        return await check();
      } catch (error) {
        failures += 1;
        if (failed.length < FAILED_KEPT) failed.push(description.slice(0, 300));
        throw error;
      }
    },
    save() {
      const dir = attackDir(logDir);
      mkdirSync(dir, { recursive: true });
      const counts: AttackCounts = { name, cases, failures, failed };
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(counts, null, 2));
    },
  };
}

/** Reads every file's counts of one run, adds them up, and writes summary.json beside them. */
export function summarizeAttacks(
  logDir: string,
): { rows: AttackCounts[]; cases: number; failures: number } | undefined {
  const dir = attackDir(logDir);
  if (!existsSync(dir)) return undefined;
  const rows = readdirSync(dir)
    .filter((file) => file.endsWith('.json') && file !== 'summary.json')
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as AttackCounts);
  const cases = rows.reduce((sum, row) => sum + row.cases, 0);
  const failures = rows.reduce((sum, row) => sum + row.failures, 0);
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ cases, failures, rows }, null, 2));
  return { rows, cases, failures };
}

/** The attack suite's figures as a small table, for the end of an e2e run. */
export function formatAttackSummary(summary: NonNullable<ReturnType<typeof summarizeAttacks>>): string {
  const width = Math.max(...summary.rows.map((row) => row.name.length), 'total'.length);
  const line = (name: string, cases: number, failures: number) =>
    `  ${name.padEnd(width)}  ${String(cases).padStart(7)}  ${String(failures).padStart(8)}`;
  return [
    'Attack suite',
    `  ${'file'.padEnd(width)}  ${'cases'.padStart(7)}  ${'failures'.padStart(8)}`,
    ...summary.rows.map((row) => line(row.name, row.cases, row.failures)),
    line('total', summary.cases, summary.failures),
    ...summary.rows.flatMap((row) =>
      row.failed.map((description) => `  failed in ${row.name}: ${description}`),
    ),
  ].join('\n');
}
