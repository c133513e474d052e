/**
 * `node bench/dist/profile-summary.js <file.cpuprofile>…`: the functions with the most self
 * time, and the packages they belong to, so a profile can be read without a browser.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** node_modules/<package> or the workspace folder: where the time goes, coarsely. */
export function ownerOf(url: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1]!;
  const workspace = /\/(packages\/[^/]+|subgraphs\/[^/]+|workers\/[^/]+|gateway|proto)\//.exec(url);
  if (workspace) return workspace[1]!;
  return url.startsWith('node:') ? 'node' : url === '' ? '(vm)' : 'other';
}

function summarize(path: string, top: number): string {
  const profile = profileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) =>
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000),
  );
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += ms;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|work\/main|snap)\//, '')}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    owners.set(ownerOf(url), (owners.get(ownerOf(url)) ?? 0) + ms);
  }
  const rank = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, ms]) =>
          `  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}`,
      );
  return [
    `${path}: ${total.toFixed(0)} ms busy`,
    ' by package:',
    ...rank(owners),
    ' by function (self time):',
    ...rank(functions),
  ].join('\n');
}

for (const path of process.argv.slice(2)) process.stdout.write(`${summarize(path, 25)}\n\n`);
