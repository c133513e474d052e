// `npm run test:faults`: the fault suite on one node of everything (docs/decisions/0013);
// `npm run test:faults -- --cluster`: the same promises on a three-node RabbitMQ cluster, Redis
// under Sentinel and two replicas of every service (docs/decisions/0027). jest refuses flags it
// does not know, so --cluster becomes FAULTS_CLUSTER=1 (faults/jest.config.mjs reads it) and
// every other argument goes to jest as given.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const cluster = args.includes('--cluster');

const result = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '-c',
    'faults/jest.config.mjs',
    ...args.filter((arg) => arg !== '--cluster'),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...(cluster ? { FAULTS_CLUSTER: '1' } : {}) },
  },
);
process.exit(result.status ?? 1);
