/**
 * A subgraph that sheds load or has lost its database answers 503 with a `SERVICE_UNAVAILABLE` error and
 * `Retry-After`. A plain gateway turns that into "503: Service Unavailable" with no code inside a 200,
 * which a client cannot tell from a bug. Here the subgraph's own error and code pass through, and an
 * answer whose every error is `SERVICE_UNAVAILABLE` goes out as 503 with `Retry-After`, as the subgraph
 * itself would answer, so clients and balancers retry it.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

const UNAVAILABLE = 'SERVICE_UNAVAILABLE';
/** What the gateway asks clients to wait before retrying, as the subgraph does. */
const RETRY_AFTER_SECONDS = '1';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** The subgraph's first error when it answered 503 SERVICE_UNAVAILABLE, with its code kept. */
export async function subgraphError(
  response: FetcherResponse,
  fallback: GraphQLError,
): Promise<GraphQLError> {
  const body = (fallback.extensions.response as { body?: unknown } | undefined)?.body as
    { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
  const first = body?.errors?.[0];
  if (response.status !== 503 || first?.extensions?.code !== UNAVAILABLE) return fallback;
  return new GraphQLError(typeof first.message === 'string' ? first.message : 'Service unavailable', {
    extensions: { ...fallback.extensions, code: UNAVAILABLE },
  });
}

/** Answers 503 with Retry-After when every error of the answer is the subgraphs being unavailable. */
export function unavailableStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.length === 0 || !errors.every((e) => e.extensions?.code === UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', RETRY_AFTER_SECONDS);
        },
      };
    },
  };
}
