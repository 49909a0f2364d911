/**
 * The HTTP surface: /graphql (GraphQL over HTTP, and the playground for browsers), /healthz and /readyz.
 * Requests are checked at the door (method, media type, charset, size) with the statuses the
 * GraphQL-over-HTTP spec gives, then limited (depth, aliases, fields, tokens, cost) before they run.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { cachePolicyPlugin } from '../cache/cache-policy';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { OperationTypeNode, parse, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { ResponseCache, ResponseCacheContext } from '../cache/response-cache';
import { createResponseCache } from '../cache/setup';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { elapsedMs, newRequestStats, type RequestStats } from '../db/request-stats';
import { createContext, type Context } from '../graph/context';
import { admissionFront } from './admission';
import {
  createFormatError,
  httpErrorBody,
  INTERNAL_MESSAGE,
  requestErrorsPlugin,
  unavailablePlugin,
} from './errors';
import { graphqlHandler } from './graphql-handler';
import { corsMiddleware } from './cors';
import { favicon } from './favicon';
import { healthRoutes } from './health';
import { headersSetBy, healthFront } from './health-front';
import { explorerRoutes } from './explorer';
import { exportRoutes, isExportQuery } from '../export/routes';
import { federationAccessPlugin } from './federation';
import { costLimitPlugin, limitRules } from './limits';
import { HeavyLane } from './heavy-lane';
import { accessLogErrorMessage, accessLogErrorObject, accessLogLevel } from './log-level';
import { KnownOperationTypesRule } from './operation-types';
import { persistedQueryGuard } from './persisted-queries';
import { securityHeaders } from './security-headers';
import { variablesSizeGuard } from './variables';
import { metrics, poolStateOf } from './metrics';
import {
  logFields,
  logRequest,
  observeRequests,
  outcomePlugin,
  type RequestOutcome,
} from './request-outcome';
import {
  playgroundAssets,
  playgroundPage,
  playgroundScript,
  playgroundTabs,
  wantsPlayground,
} from './playground';

export const GRAPHQL_PATH = '/graphql';

export interface AppOptions {
  schema: GraphQLSchema;
  database: Database;
  logger: Logger;
  config: Config;
}

type RequestContext = Context &
  ResponseCacheContext & { stats: RequestStats; requestId: string; cost?: number; outcome?: RequestOutcome };

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

export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** GET, POST and HEAD only; over GET only queries, since GET must not change anything. */
function methodGuard(maxTokens: number): RequestHandler {
  return (req, res, next) => {
    if (!['GET', 'POST', 'HEAD'].includes(req.method)) {
      res
        .status(405)
        .set('allow', 'GET, POST')
        .json(
          httpErrorBody(
            `${req.method} is not supported here: send GraphQL requests with GET or POST.`,
            String(req.id),
          ),
        );
      return;
    }
    if (req.method === 'GET' && typeof req.query.query === 'string') {
      try {
        const document = parse(req.query.query, { maxTokens });
        if (
          document.definitions.some(
            (d) => d.kind === 'OperationDefinition' && d.operation !== OperationTypeNode.QUERY,
          )
        ) {
          res
            .status(405)
            .set('allow', 'POST')
            .json(
              httpErrorBody(
                'Only queries may be sent with GET; send mutations and subscriptions with POST.',
                String(req.id),
              ),
            );
          return;
        }
      } catch {
        // a syntax error is GraphQL's to report, with its location
      }
    }
    next();
  };
}

/** POST bodies must be JSON in UTF-8 (the GraphQL-over-HTTP media type); anything else is 415. */
const mediaTypeGuard: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const type = req.headers['content-type'] ?? '';
  const [mediaType, ...parameters] = type.split(';').map((p) => p.trim().toLowerCase());
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (mediaType !== 'application/json') {
    res
      .status(415)
      .json(
        httpErrorBody(
          `Unsupported media type ${JSON.stringify(type || '(none)')}: send the request as application/json.`,
          String(req.id),
        ),
      );
    return;
  }
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    res
      .status(415)
      .json(
        httpErrorBody(
          `Unsupported charset ${JSON.stringify(charset)}: send the request body in UTF-8.`,
          String(req.id),
        ),
      );
    return;
  }
  next();
};

/** Any other path: a short JSON 404 (not Express's HTML page), pointing to where things are. */
const notFound: RequestHandler = (req, res) => {
  const path = req.path.length > 60 ? `${req.path.slice(0, 60)}…` : req.path;
  res
    .status(404)
    .json(
      httpErrorBody(
        `Nothing is served at ${JSON.stringify(path)}: GraphQL is served at ${GRAPHQL_PATH}, the linked-data export under /export/, health checks at /healthz and /readyz.`,
        String(req.id),
        'NOT_FOUND',
      ),
    );
};

/** Errors raised before GraphQL runs (body too large, malformed JSON) answered as GraphQL-shaped JSON. */
function httpErrorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string }, req, res, _next) => {
    const requestId = String(req.id);
    if (error.type === 'entity.too.large') {
      res
        .status(413)
        .json(
          httpErrorBody(`The request body is larger than the limit of ${maxBodyBytes / 1000} kB.`, requestId),
        );
    } else if (error.type === 'entity.parse.failed') {
      res.status(400).json(httpErrorBody('The request body is not valid JSON.', requestId));
    } else if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
      res
        .status(415)
        .json(
          httpErrorBody(
            'Unsupported charset or content encoding: send the request body in UTF-8.',
            requestId,
          ),
        );
    } else if (error.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json(httpErrorBody(error.message ?? 'Bad request.', requestId));
    } else {
      logger.error({ err: error, requestId }, 'unhandled error in an HTTP request');
      res.status(500).json(httpErrorBody(INTERNAL_MESSAGE, requestId, 'INTERNAL_SERVER_ERROR'));
    }
  };
}

export async function createApp(options: AppOptions): Promise<{
  app: Express;
  apollo: ApolloServer<RequestContext>;
  responseCache?: ResponseCache;
  /** The HTTP server's request listener: admission in front of the app. */
  listener: RequestListener;
}> {
  const { config, logger, schema, database } = options;
  const responseCache = createResponseCache(config, database.dataSource, logger, {
    path: GRAPHQL_PATH,
    requestIdPattern: REQUEST_ID,
    onEvent: (event) => {
      if (event === 'hit') metrics.cacheHits.inc();
      else if (event === 'miss') metrics.cacheMisses.inc();
    },
    version: database.router?.versionSource(),
  });
  await responseCache?.prime();
  const production = config.nodeEnv === 'production';
  const limits = limitRules(config.limits);
  const formatError = createFormatError(production, logger);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    logger,
    introspection: config.introspection,
    // field suggestions ("Did you mean ...?") reveal the schema: off wherever introspection is
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: [KnownOperationTypesRule, ...limits.validationRules],
    formatError,
    // The service stops Apollo itself, in order, when it receives a termination signal (main.ts).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(limits.plugins as ApolloServerPlugin<RequestContext>[]),
      federationAccessPlugin(config.federationSecret),
      costLimitPlugin(schema, {
        maxCost: config.limits.maxCost,
        maxRepresentations: config.limits.maxRepresentations,
        hideSchemaDetails: !config.introspection,
        formatError,
        heavyLane: new HeavyLane({
          heavyCost: config.limits.heavyCost,
          maxHeavy: config.limits.maxHeavy,
          queueLimit: config.admission.queueLimit,
          maxWaitMs: config.admission.maxWaitMs,
        }),
      }),
      // public answers get `max-age=CACHE_MAX_AGE, public`; errors and schema questions `no-store`
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin({ defaultMaxAge: config.cache.maxAgeSeconds }),
      ...(responseCache ? [responseCache.plugin()] : []),
      requestErrorsPlugin(logger),
      // after the cache's plugin: it withholds an answer from the cache when the replica moved on meanwhile
      ...(database.router ? [database.router.plugin() as ApolloServerPlugin<RequestContext>] : []),
      unavailablePlugin(),
      outcomePlugin(),
      ...(config.queryStats ? [queryStatsPlugin()] : []),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // GraphQL is served at its exact path only: not at /GRAPHQL, /graphql/ or /graphql/anything
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: accessLogLevel,
      customErrorObject: accessLogErrorObject,
      customErrorMessage: accessLogErrorMessage,
      // one short line per request: its id, operation, outcome, duration, SQL statements, cost and error codes
      customProps: logFields,
      customAttributeKeys: { responseTime: 'durationMs' },
      serializers: {
        req: logRequest,
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // the playground's tabs are read once, so its page and the hash its script is allowed by agree
  const tabs = playgroundTabs();
  const playgroundHtml = playgroundPage(GRAPHQL_PATH, tabs);
  const security = securityHeaders([playgroundScript(GRAPHQL_PATH, tabs)]);
  app.use(security);
  app.use(corsMiddleware(config.corsOrigins));
  app.use(healthRoutes(database.dataSource, database.router && (() => database.router!.canRead())));
  metrics.watchPool(poolStateOf(database.dataSource));
  app.get('/metrics', metrics.handler());
  app.get('/favicon.ico', favicon());
  app.use(explorerRoutes());
  app.use(`${GRAPHQL_PATH}/playground`, playgroundAssets());
  app.get(GRAPHQL_PATH, (req, res, next) => {
    if (!wantsPlayground(req)) return next();
    res.type('html').send(playgroundHtml);
  });
  app.all(
    GRAPHQL_PATH,
    // first: its metrics see every request, shed ones included
    observeRequests(),
    methodGuard(config.limits.maxTokens),
    mediaTypeGuard,
    express.json({ limit: config.limits.maxBodyBytes, type: 'application/json' }),
    variablesSizeGuard(config.limits),
    persistedQueryGuard,
    // with read replicas: the request's replica, before the cache keys on its data version
    ...(database.router ? [database.router.middleware()] : []),
    ...(responseCache ? [responseCache.middleware()] : []),
    (req, res, next) => {
      // Every statement the request runs is counted against it and stops at its deadline (db/request-stats.ts).
      res.locals.stats = newRequestStats(config.requestTimeoutMs, String(req.id));
      next();
    },
    graphqlHandler(apollo, async ({ req, res }) => {
      const stats = res.locals.stats as RequestStats;
      return {
        ...createContext(database.forRequest(stats), {
          textBudgetMs: config.searchTextBudgetMs,
          commonWordLimit: config.searchCommonWordLimit,
        }),
        stats,
        requestId: String(req.id),
        responseCache: res.locals.responseCache as ResponseCacheContext['responseCache'],
        outcome: res.locals.outcome as RequestOutcome,
      };
    }),
  );
  app.use(exportRoutes({ config, database, logger }));
  app.use(notFound);
  app.use(httpErrorHandler(logger, config.limits.maxBodyBytes));
  // admission wraps the whole app: a request refused for load is answered before express does any work;
  // liveness is answered before admission, with bytes built once (health-front.ts)
  const listener = healthFront(headersSetBy(security))(
    admissionFront(config.admission, {
      path: GRAPHQL_PATH,
      alsoAdmits: isExportQuery,
      logger,
      requestIdPattern: REQUEST_ID,
    })(app),
  );
  return { app, apollo, responseCache, listener };
}
