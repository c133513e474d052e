import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the console's bundle is made of: a change to any of these makes console/dist stale. */
const SOURCES = ['console/src', 'console/index.html', 'console/vite.config.ts', 'packages/client/dist'];

/**
 * Builds the console when console/dist is missing or older than its sources, before the gateway
 * that serves it starts: `npm test` has built it already, a single e2e file run may not have.
 */
export function ensureConsoleBuilt(repoRoot: string): void {
  const built = modifiedAt(join(repoRoot, 'console', 'dist', 'index.html'));
  const newestSource = Math.max(...SOURCES.map((source) => newestIn(join(repoRoot, source))));
  if (built !== undefined && built >= newestSource) return;
  execFileSync('npm', ['run', 'build', '--workspace', 'console'], { cwd: repoRoot, stdio: 'inherit' });
}

function newestIn(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestIn(join(path, entry))));
}

function modifiedAt(path: string): number | undefined {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
}
