/**
 * `npm run test:cluster`: the replicated topology of `npm run cluster` (databases, Redis, service processes,
 * HAProxy, gateway) started by the tests themselves, with faults: tests/cluster. Needs mariadb-server,
 * redis-server and haproxy on PATH.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/tests/cluster'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/tests/cluster/setup/global-setup.ts',
  globalTeardown: undefined,
  testTimeout: 120000,
  maxWorkers: 1,
};
