/**
 * The fault suite (`npm run test:faults`): its own config, so the root projects never run it.
 * FAULTS_CLUSTER=1 (`npm run test:faults -- --cluster`) runs faults/cluster/ instead of the
 * single-node suite: each starts a topology of its own, too heavy to run side by side.
 */
import { fileURLToPath, URL } from 'node:url';
import root from '../jest.config.js';

const { transform, moduleNameMapper, modulePathIgnorePatterns } = root.projects[0];
const cluster = process.env.FAULTS_CLUSTER === '1';

export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  modulePathIgnorePatterns,
  testMatch: [cluster ? '<rootDir>/faults/cluster/**/*.test.ts' : '<rootDir>/faults/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(cluster ? [] : ['<rootDir>/faults/cluster/'])],
  // One test per fault; the suite holds the system for all of them.
  testTimeout: 5 * 60_000,
};
