/**
 * The HTTP surface: /graphql (GraphQL over HTTP, and the playground for browsers), /healthz and /readyz.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Database } from '../db/database';
import { elapsedMs, newRequestStats, runWithStats, type RequestStats } from '../db/request-stats';
import { createContext, type Context } from '../graph/context';
import { healthRoutes } from './health';
import { playgroundAssets, playgroundPage, wantsPlayground } from './playground';

export const GRAPHQL_PATH = '/graphql';

export interface AppOptions {
  schema: GraphQLSchema;
  dataSource: DataSource;
  logger: Logger;
  introspection: boolean;
  queryStats: boolean;
}

type RequestContext = Context & { stats: RequestStats };

/** Adds `extensions.stats` (SQL statements run, time taken) to every response when QUERY_STATS is on. */
function queryStatsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            stats: {
              sqlStatements: contextValue.stats.sqlStatements,
              durationMs: elapsedMs(contextValue.stats),
            },
          };
        },
      };
    },
  };
}

export async function createApp(
  options: AppOptions,
): Promise<{ app: Express; apollo: ApolloServer<RequestContext> }> {
  const db = new Database(options.dataSource);
  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: options.introspection,
    logger: options.logger,
    // The service stops Apollo itself, in order, when it receives a termination signal (main.ts).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.queryStats ? [queryStatsPlugin()] : []),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(options.dataSource));
  app.use(`${GRAPHQL_PATH}/playground`, playgroundAssets());
  app.get(GRAPHQL_PATH, (req, res, next) => {
    if (!wantsPlayground(req)) return next();
    res.type('html').send(playgroundPage(GRAPHQL_PATH));
  });
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: '100kb' }),
    (req, res, next) => {
      // Every statement the request runs is counted against it (db/request-stats.ts).
      const stats = newRequestStats();
      res.locals.stats = stats;
      runWithStats(stats, next);
    },
    expressMiddleware(apollo, {
      context: async ({ res }) => ({ ...createContext(db), stats: res.locals.stats as RequestStats }),
    }),
  );
  return { app, apollo };
}
