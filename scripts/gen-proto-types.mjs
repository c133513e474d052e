// Regenerates proto/src/generated from proto/herald/v1/*.proto with the loader options used at run time.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const protoDir = join(import.meta.dirname, '..', 'proto');
const outDir = join(protoDir, 'src', 'generated');
const files = readdirSync(join(protoDir, 'herald', 'v1')).map((file) => join('herald', 'v1', file));
rmSync(outDir, { recursive: true, force: true });
execFileSync(
  'npx',
  [
    'proto-loader-gen-types',
    '--keepCase',
    '--longs=String',
    '--enums=String',
    '--defaults',
    '--oneofs',
    '--grpcLib=@grpc/grpc-js',
    `--outDir=${outDir}`,
    ...files,
  ],
  { cwd: protoDir, stdio: 'inherit' },
);
