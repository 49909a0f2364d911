/**
 * The express handler that hands a request to Apollo: what `@as-integrations/express5` does, plus the
 * request id on the errors that Apollo answers before a request has a context (a body that is not a
 * GraphQL request, variables that are not an object), which no plugin sees.
 */
import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

/** Adds the request id to every error of an error answer that does not carry one yet. */
function withRequestId(body: string, requestId: string): string {
  let parsed: { errors?: { extensions?: Record<string, unknown> }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return body;
  }
  if (!Array.isArray(parsed.errors)) return body;
  for (const error of parsed.errors) error.extensions = { ...error.extensions, requestId };
  return `${JSON.stringify(parsed)}\n`;
}

export function graphqlHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (args: { req: Request; res: Response }) => Promise<C>,
): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const query = req.url.indexOf('?');
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method.toUpperCase(),
      headers,
      search: query === -1 ? '' : req.url.slice(query),
      body: req.body as unknown,
    };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      const body = response.body.string;
      // answers from inside the pipeline already carry the id (errors.ts); only Apollo's own 4xx do not
      res.send(
        res.statusCode >= 400 && !body.includes('"requestId"') ? withRequestId(body, String(req.id)) : body,
      );
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
