import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './supergraph/compose-supergraph';

/** `npm run compose`: writes gateway/supergraph.graphql, the file the gateway loads and CI checks for drift. */
const repoRoot = join(__dirname, '..', '..');
const target = join(__dirname, '..', 'supergraph.graphql');

try {
  writeFileSync(target, composeSupergraph(repoRoot));
  process.stdout.write(`wrote ${target}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
