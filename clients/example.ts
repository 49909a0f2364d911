/**
 * How a front end uses the generated documents: the operation's variables and result are fully typed, so
 * a query that no longer matches the schema, or code that reads a field the query does not select, fails
 * to compile. Any GraphQL client that accepts a TypedDocumentNode works the same way.
 */
import { print } from 'graphql';
import {
  CountryPageDocument,
  type CountryPageQuery,
  type CountryPageQueryVariables,
} from './generated/graphql';

export async function fetchCountryPage(
  endpoint: string,
  variables: CountryPageQueryVariables,
): Promise<CountryPageQuery> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(CountryPageDocument), variables }),
  });
  const body = (await response.json()) as { data?: CountryPageQuery; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(body.errors?.map((e) => e.message).join('; ') ?? 'no data');
  return body.data;
}

/** One field of a country with the documents that state it: every name here is checked by the compiler. */
export function fieldWithSources(
  page: CountryPageQuery,
  field: 'name' | 'capital' | 'recognition',
): { values: string[]; documents: string[] } {
  const claims = page.country?.claims.filter((c) => c.field === field) ?? [];
  return {
    values: claims.map((c) => c.value),
    documents: [...new Set(claims.flatMap((c) => c.sources.map((s) => s.document.title)))],
  };
}
