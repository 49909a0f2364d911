/** The whole service, assembled: database (migrated, seeded), schema, HTTP server; and its orderly stop. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config';
import { openDatabase, type OpenDatabase } from './db/connect';
import { Database, detectFlavor } from './db/database';
import { ReadRouter } from './db/read-router';
import { metrics } from './http/metrics';
import type { ResponseCache } from './cache/response-cache';
import { buildGraphSchema } from './graph/schema';
import { createApp, GRAPHQL_PATH } from './http/app';
import { loadFiles } from './ingest/load';
import { readInputs, SEED_DOCUMENTS_DIR } from './ingest/read-inputs';

/** How long an idle keep-alive connection stays open: longer than the 60 s clients and balancers commonly use. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunningService {
  url: string;
  port: number;
  database: OpenDatabase;
  /** The response cache, when it is on. */
  responseCache: ResponseCache | undefined;
  stop(): Promise<void>;
}

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const database = await openDatabase(config);
  let router: ReadRouter | undefined;
  try {
    if (database.server)
      logger.info(
        { dataDir: database.server.dataDir, port: database.server.port },
        'started a private database server',
      );
    if (database.migrationsRun.length)
      logger.info({ migrations: database.migrationsRun }, 'applied migrations');
    if (config.seedOnStart) {
      const result = await loadFiles(database.dataSource, readInputs([SEED_DOCUMENTS_DIR]), {
        sourcesDir: config.sourcesDir,
      });
      logger.info(
        {
          loaded: result.documentsLoaded.length,
          unchanged: result.documentsUnchanged.length,
          claims: result.claims,
        },
        'seed checked',
      );
    }
    const schema = await buildGraphSchema({ cacheTags: config.cache.federationCacheTags });
    if (config.replicas.urls.length > 0) {
      router = new ReadRouter({
        primary: database.dataSource,
        settings: config.replicas,
        poolSize: config.dbPoolSize,
        queueLimit: config.dbQueueLimit,
        logger,
        registry: metrics.registry,
      });
      await router.start();
      logger.info({ targets: router.states() }, 'reading from replicas');
    }
    const db = new Database(
      database.dataSource,
      await detectFlavor(database.dataSource),
      config.statementTimeoutMs,
      router,
    );
    const { apollo, responseCache, listener } = await createApp({ schema, database: db, logger, config });
    // cached GET answers are served before express (src/cache/response-cache.ts)
    // A request holds its admission slot while its body arrives: a client that sends slowly is cut off after
    // REQUEST_RECEIVE_TIMEOUT_MS (Node's default is five minutes, checked every 30 s), so a few slow senders
    // cannot hold every slot.
    const receiveMs = config.requestReceiveTimeoutMs;
    const server: Server = createServer(
      {
        requestTimeout: receiveMs,
        headersTimeout: Math.min(60_000, receiveMs),
        connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(receiveMs / 4))),
      },
      responseCache ? responseCache.front(listener) : listener,
    );
    // A router or gateway keeps connections to its subgraphs open between requests. Node closes an idle one
    // after 5 s, and a request the client sends on it at that moment fails with ECONNRESET: keep idle
    // connections longer than clients keep theirs (the usual advice behind a balancer).
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.listen(config.port, config.host, () => resolve());
      server.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}${GRAPHQL_PATH}`;
    let stopping: Promise<void> | undefined;
    return {
      url,
      port,
      database,
      responseCache,
      stop() {
        stopping ??= (async () => {
          // No new connections; requests in flight may finish within the grace period, then the rest are cut.
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          const idle = setInterval(() => server.closeIdleConnections(), 100);
          const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
          await closed;
          clearInterval(idle);
          clearTimeout(grace);
          await apollo.stop();
          await responseCache?.close();
          await router?.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await router?.close();
    await database.close();
    throw error;
  }
}
