/**
 * `npm run cluster`: the replicated topology on this machine (src/cluster/cluster.ts), its endpoints
 * printed; Ctrl-C or SIGTERM stops every process it started. Settings: CLUSTER_SERVICES (2),
 * CLUSTER_DB_REPLICAS (2), CLUSTER_BASE_PORT (4400; 0 for any free ports), CLUSTER_CHECK_MS (500),
 * CLUSTER_DIR (.data/cluster, emptied at start), and the services' own (REPLICA_MAX_LAG_SECONDS, ...).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { startCluster, type Cluster } from './cluster';
import { loadClusterSettings } from './settings';

async function main(): Promise<void> {
  let settings;
  let sourcesDir;
  try {
    settings = loadClusterSettings();
    sourcesDir = loadConfig().sourcesDir;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const running: { cluster?: Cluster } = {};
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the cluster`);
    void (running.cluster?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  // installed first: a Ctrl-C while starting stops what has started (startCluster cleans up on failure)
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const cluster = (running.cluster = await startCluster({ ...settings, sourcesDir, log }));
  if (stopping) {
    await cluster.stop();
    return;
  }
  log(
    [
      '',
      'eurasia-graph cluster is ready:',
      `  gateway (federation)    ${cluster.gatewayUrl}`,
      `  balancer (HAProxy)      ${cluster.balancerUrl}   statistics ${cluster.balancerStatsUrl}`,
      ...cluster.services.map((s) => `  ${s.name.padEnd(23)} ${s.origin}/graphql   ${s.origin}/metrics`),
      `  primary database        ${cluster.primary.url}   (ingest: DATABASE_URL=${cluster.primary.url} npm run ingest -- <file>)`,
      ...cluster.replicas.map((r) => `  ${(r.name + ' database').padEnd(23)} ${r.url}`),
      `  redis                   ${cluster.redisUrl}`,
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `the cluster failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
