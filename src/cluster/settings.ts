/**
 * The settings of `npm run cluster`, validated like the service's own (src/config.ts). The services it
 * starts read theirs from the environment as usual (REPLICA_MAX_LAG_SECONDS, REPLICA_CHECK_MS, LOG_LEVEL...).
 */
import path from 'node:path';
import { ConfigError, integer, nonEmpty, range, reader } from '../config';

export interface ClusterSettings {
  /** Service processes behind the balancer. */
  services: number;
  /** The first port: gateway +0, balancer +1, balancer statistics +2, services +10.., primary +30,
   * replicas +31.., Redis +40. 0: any free ports. */
  basePort: number;
  /** Where the databases and the generated configuration live; emptied at every start. */
  dir: string;
  /** How often the balancer checks each service's /readyz, in milliseconds. */
  balancerCheckMs: number;
  /** Database replicas of the primary. */
  replicas: number;
}

export function loadClusterSettings(
  env: NodeJS.ProcessEnv = process.env,
  projectRoot = path.resolve(__dirname, '..', '..'),
): ClusterSettings {
  const problems: string[] = [];
  const read = reader(env, problems);
  const settings: ClusterSettings = {
    services: read('CLUSTER_SERVICES', '2', range(1, 16), integer(1, 16)) ?? 2,
    replicas: read('CLUSTER_DB_REPLICAS', '2', range(1, 8), integer(1, 8)) ?? 2,
    basePort:
      read('CLUSTER_BASE_PORT', '4400', `0 or ${range(1024, 65000)}`, (raw) =>
        raw === '0' ? 0 : integer(1024, 65000)(raw),
      ) ?? 4400,
    dir: path.resolve(
      projectRoot,
      read('CLUSTER_DIR', '.data/cluster', 'a folder path', nonEmpty) ?? '.data/cluster',
    ),
    balancerCheckMs: read('CLUSTER_CHECK_MS', '500', range(50, 60000), integer(50, 60000)) ?? 500,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
