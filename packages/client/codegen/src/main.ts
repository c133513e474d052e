import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateClientFiles } from './generate-client.ts';

/** `npm run client:gen`: writes the client's generated files, which a test checks for drift. */
const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');

try {
  for (const file of await generateClientFiles(repoRoot)) {
    mkdirSync(dirname(join(repoRoot, file.path)), { recursive: true });
    writeFileSync(join(repoRoot, file.path), file.content);
    process.stdout.write(`wrote ${file.path}\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
