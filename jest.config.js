/** Tests run through HTTP against a private MariaDB that tests/setup/global-setup.ts starts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // the scale tests (a large synthetic graph) and the cluster tests (replicated servers) have their own
  // commands: npm run test:scale, npm run test:cluster
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/scale/', '<rootDir>/tests/cluster/'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tests/setup/summary-reporter.js'],
};
