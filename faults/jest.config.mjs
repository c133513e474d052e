/** The fault suite (`npm run test:faults`): its own config, so the root projects never run it. */
import { fileURLToPath, URL } from 'node:url';
import root from '../jest.config.js';

const { transform, moduleNameMapper, modulePathIgnorePatterns } = root.projects[0];

export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  modulePathIgnorePatterns,
  testMatch: ['<rootDir>/faults/**/*.test.ts'],
  // One test per fault; the suite holds the system for all of them.
  testTimeout: 5 * 60_000,
};
