/**
 * The three-node RabbitMQ cluster test, run on its own after the other suites: beside them its
 * node-kill case hung until its timeout three times in a row (with packages/database's tests
 * alone it still did), while alone it passes in seconds. The cause is not found yet (see the
 * stop 26 note); until it is, it runs where nothing else runs.
 */
const { projects, testTimeout } = require('./jest.config');

const component = projects.find((project) => project.displayName === 'component');

module.exports = {
  testTimeout,
  projects: [
    {
      ...component,
      displayName: 'cluster',
      testMatch: ['<rootDir>/packages/amqp/test/cluster.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
