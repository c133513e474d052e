/** Unit tests sit beside the code, component tests in each service's test/, e2e in e2e/. */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  moduleNameMapper: {
    '^@herald/proto$': '<rootDir>/proto/src/index.ts',
    '^@herald/(config|logging|errors|observability|lifecycle|database|amqp|testkit|identity|subgraph|worker-runtime|redis|paging|contracts|rendering|supervisor|client|cache)$':
      '<rootDir>/packages/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  // testTimeout is a global option: set in a project it is ignored.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,proto,subgraphs,workers,gateway,bench}/**/src/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'component',
      testMatch: ['<rootDir>/{packages,proto,subgraphs,workers,gateway}/**/test/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/global-teardown.ts',
    },
  ],
};
