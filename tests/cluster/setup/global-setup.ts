/** The cluster's processes run dist/: bring it up to date when its sources changed. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildIfStale } = require('../../../scripts/build-if-stale.js') as { buildIfStale(): boolean };

export default function globalSetup(): void {
  buildIfStale();
}
