import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes one file of a dev outbox (the providers used when no real one is configured).
 * Written beside and renamed into place, so a reader never sees half a file; a retried
 * notification overwrites its own file instead of adding a second.
 */
export async function writeOutboxFile(
  dir: string,
  fileName: string,
  content: string | Buffer,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, fileName);
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, content);
  await rename(partial, path);
  return path;
}
