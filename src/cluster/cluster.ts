/**
 * The whole topology on one machine: a MariaDB primary and its GTID replicas, a Redis, N service processes
 * (each reading from the replicas and writing to the primary), HAProxy in front of them with health checks
 * on /readyz, and the federation gateway in front of HAProxy. Every piece can be stopped and started again
 * on its own, which is what the cluster tests do; `stop()` stops everything, in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDataSource, migrate } from '../db/data-source';
import { freePort } from '../db/embedded-server';
import { loadFiles } from '../ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from '../ingest/read-inputs';
import {
  createReplicationUser,
  followPrimary,
  primaryNode,
  replicaNode,
  waitForReplica,
  type DatabaseNode,
} from './database-nodes';
import { haproxyConfig } from './haproxy-config';
import { answers200, ManagedProcess } from './processes';
import type { ClusterSettings } from './settings';

export interface ServiceNode {
  name: string;
  port: number;
  /** Its own origin (the balancer's is `Cluster.balancerUrl`). */
  origin: string;
  process: ManagedProcess;
}

export interface Cluster {
  gatewayUrl: string;
  balancerUrl: string;
  balancerStatsUrl: string;
  redisUrl: string;
  primary: DatabaseNode;
  replicas: DatabaseNode[];
  redis: ManagedProcess;
  services: ServiceNode[];
  balancer: ManagedProcess;
  gateway: ManagedProcess;
  /** The project root (dist/ holds the commands the processes run). */
  root: string;
  /** Stops everything that runs, front to back. */
  stop(): Promise<void>;
}

export interface ClusterOptions extends ClusterSettings {
  /** The source documents' folder (quotes are verified and texts stored when set). */
  sourcesDir?: string;
  /** The services' environment on top of this process's (LOG_LEVEL, REPLICA_CHECK_MS, ...). */
  serviceEnv?: NodeJS.ProcessEnv;
  /** Progress lines. */
  log?: (line: string) => void;
}

const ROOT = path.resolve(__dirname, '..', '..');

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? (() => undefined);
  const port = async (offset: number) =>
    options.basePort === 0 ? await freePort() : options.basePort + offset;
  fs.rmSync(options.dir, { recursive: true, force: true });
  fs.mkdirSync(options.dir, { recursive: true });

  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const piece of started.reverse()) await piece.stop().catch(() => undefined);
    started.length = 0;
  };
  try {
    const primary = primaryNode(options.dir, await port(30));
    await primary.start();
    started.push(primary);
    await createReplicationUser(primary);
    const replicas: DatabaseNode[] = [];
    for (let i = 0; i < options.replicas; i++) {
      const replica = replicaNode(options.dir, i, await port(31 + i));
      await replica.start();
      started.push(replica);
      await followPrimary(replica, primary);
      replicas.push(replica);
    }
    log(`databases: primary ${primary.url}, replicas ${replicas.map((r) => r.url).join(', ')}`);

    const dataSource = createDataSource({ url: primary.url, poolSize: 2 });
    await dataSource.initialize();
    try {
      await migrate(dataSource);
      const seeded = await loadFiles(dataSource, readInputs([SEED_DOCUMENTS_DIR]), {
        sourcesDir: options.sourcesDir,
      });
      log(`primary migrated and seeded: ${seeded.claims} claims`);
    } finally {
      await dataSource.destroy();
    }
    for (const replica of replicas) {
      if (!(await waitForReplica(replica, primary)))
        throw new Error(`${replica.name} did not catch up with the primary within 60 s`);
    }

    const redisPort = await port(40);
    const redisDir = path.join(options.dir, 'redis');
    fs.mkdirSync(redisDir);
    const redis = new ManagedProcess({
      name: 'redis',
      command: 'redis-server',
      args: [
        '--port',
        String(redisPort),
        '--bind',
        '127.0.0.1',
        '--dir',
        redisDir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      ready: (output) => output().includes('Ready to accept connections'),
    });
    await redis.start();
    started.push(redis);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;

    const services: ServiceNode[] = [];
    for (let i = 0; i < options.services; i++) {
      const servicePort = await port(10 + i);
      const origin = `http://127.0.0.1:${servicePort}`;
      const service = new ManagedProcess({
        name: `service-${i + 1}`,
        command: process.execPath,
        args: [path.join(ROOT, 'dist', 'main.js')],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          ...options.serviceEnv,
          HOST: '127.0.0.1',
          PORT: String(servicePort),
          DATABASE_URL: primary.url,
          READ_REPLICA_URLS: replicas.map((r) => r.url).join(','),
          REDIS_URL: redisUrl,
          SEED_ON_START: 'false',
        },
        ready: () => answers200(`${origin}/readyz`),
      });
      await service.start();
      started.push(service);
      services.push({ name: service.spec.name, port: servicePort, origin, process: service });
    }
    log(`services: ${services.map((s) => s.origin).join(', ')}`);

    const balancerPort = await port(1);
    const statsPort = await port(2);
    const cfg = path.join(options.dir, 'haproxy.cfg');
    fs.writeFileSync(
      cfg,
      haproxyConfig({
        port: balancerPort,
        statsPort,
        checkMs: options.balancerCheckMs,
        services: services.map((s) => ({ name: s.name, port: s.port })),
      }),
    );
    const balancerOrigin = `http://127.0.0.1:${balancerPort}`;
    const balancer = new ManagedProcess({
      name: 'haproxy',
      command: 'haproxy',
      args: ['-db', '-f', cfg],
      ready: () => answers200(`${balancerOrigin}/readyz`),
    });
    await balancer.start();
    started.push(balancer);

    const gatewayPort = await port(0);
    const gateway = new ManagedProcess({
      name: 'gateway',
      command: process.execPath,
      args: [path.join(ROOT, 'dist', 'gateway', 'cli.js'), '--config', path.join(ROOT, 'supergraph.yaml')],
      env: {
        ...process.env,
        EURASIA_GRAPH_URL: `${balancerOrigin}/graphql`,
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(gatewayPort),
      },
      ready: (output) => output().includes('gateway ready'),
    });
    await gateway.start();
    started.push(gateway);

    return {
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/`,
      balancerUrl: `${balancerOrigin}/graphql`,
      balancerStatsUrl: `http://127.0.0.1:${statsPort}/`,
      redisUrl,
      primary,
      replicas,
      redis,
      services,
      balancer,
      gateway,
      root: ROOT,
      // every piece, also one a test stopped and started again
      stop: async () => {
        for (const p of [gateway, balancer, ...services.map((s) => s.process).reverse(), redis])
          await p.stop().catch(() => undefined);
        for (const db of [...replicas].reverse()) await db.stop().catch(() => undefined);
        await primary.stop().catch(() => undefined);
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
