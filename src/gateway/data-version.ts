/**
 * Monotonic reads through the gateway: the client's `x-min-data-version` goes to every subgraph request,
 * and the answer carries the highest `x-data-version` the subgraphs answered with, so a client that sends
 * back the last version it saw never reads older data from any replica behind the gateway
 * (src/db/read-router.ts).
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import { subgraphError } from './unavailable';

const MIN_VERSION_HEADER = 'x-min-data-version';
const VERSION_HEADER = 'x-data-version';

export interface DataVersionContext {
  minVersion?: string;
  /** The versions the subgraphs answered this request with. */
  versions?: number[];
}

export function dataVersionContext(req: IncomingMessage): DataVersionContext {
  const given = req.headers[MIN_VERSION_HEADER];
  return { minVersion: typeof given === 'string' ? given : undefined, versions: [] };
}

export class DataVersionDataSource extends RemoteGraphQLDataSource<DataVersionContext> {
  override willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource['process']>[0]) {
    const min = (context as DataVersionContext).minVersion;
    if (min !== undefined) request.http?.headers.set(MIN_VERSION_HEADER, min);
  }

  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<DataVersionContext>['didReceiveResponse']>>[0]) {
    const version = response.http?.headers.get(VERSION_HEADER);
    if (version && /^\d{1,15}$/.test(version)) context.versions?.push(Number(version));
    return response;
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    return subgraphError(response, await super.errorFromResponse(response));
  }
}

/** Sends the highest subgraph data version back to the client. */
export function dataVersionPlugin(): ApolloServerPlugin<DataVersionContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const versions = contextValue.versions ?? [];
          if (versions.length > 0) response.http.headers.set(VERSION_HEADER, String(Math.max(...versions)));
        },
      };
    },
  };
}
