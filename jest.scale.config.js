/**
 * `npm run test:scale`: the scale tests in tests/scale, against a private MariaDB holding the curated seed
 * and, beside it, the curated seed plus a synthetic graph of SCALE_EVENTS events (100,000 unless set).
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/tests/scale'],
  testPathIgnorePatterns: [],
  globalSetup: '<rootDir>/tests/scale/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/scale/setup/global-teardown.ts',
  testTimeout: 600000,
  maxWorkers: 1,
};
