/**
 * The explorer's only way to the API: typed documents generated from clients/operations, sent to /graphql
 * on the page's own host. Variables and results are checked by the compiler against the schema.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export const GRAPHQL_URL = '/graphql';

/** An answer with errors: the messages the service gave, with their codes. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
  }
}

const printed = new WeakMap<object, string>();

export async function query<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    body: JSON.stringify({ query: text, variables }),
  });
  let body: { data?: Result | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The service answered ${response.status} without a readable body.`, []);
  }
  if (body.errors?.length) {
    throw new ApiError(
      body.errors.map((e) => e.message).join(' '),
      body.errors.map((e) => e.extensions?.code ?? 'UNKNOWN'),
    );
  }
  if (!body.data) throw new ApiError(`The service answered ${response.status} without data.`, []);
  return body.data;
}
