/**
 * `npm run gateway`: composes the subgraphs of supergraph.yaml (this one, plus any others listed) and
 * serves the supergraph through Apollo's federation gateway (@apollo/gateway). `--print` writes the
 * composed supergraph schema to standard output instead, for the Apollo Router (`--supergraph`).
 *
 *   npm run gateway -- [--config supergraph.yaml] [--print]
 *   GATEWAY_HOST (127.0.0.1), GATEWAY_PORT (4100), EURASIA_GRAPH_URL (this subgraph's URL)
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import path from 'node:path';
import { composeSupergraph, readSupergraphConfig } from './supergraph-config';
import {
  dataVersionContext,
  dataVersionPlugin,
  DataVersionDataSource,
  type DataVersionContext,
} from './data-version';
import { unavailableStatusPlugin } from './unavailable';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const configFile = path.resolve(
    option(args, '--config') ?? path.join(__dirname, '..', '..', 'supergraph.yaml'),
  );
  const subgraphs = readSupergraphConfig(configFile);
  const supergraphSdl = await composeSupergraph(subgraphs);
  if (args.includes('--print')) {
    process.stdout.write(supergraphSdl);
    return;
  }
  const port = Number(process.env.GATEWAY_PORT ?? 4100);
  const host = process.env.GATEWAY_HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`GATEWAY_PORT=${JSON.stringify(process.env.GATEWAY_PORT)} is not a port number`);
  const server = new ApolloServer<DataVersionContext>({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: ({ url }) => new DataVersionDataSource({ url }),
    }),
    plugins: [ApolloServerPluginLandingPageDisabled(), dataVersionPlugin(), unavailableStatusPlugin()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host },
    context: async ({ req }) => dataVersionContext(req),
  });
  process.stdout.write(
    `gateway ready at ${url} for ${subgraphs.map((s) => `${s.name} (${s.routingUrl})`).join(', ')}\n`,
  );
  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
