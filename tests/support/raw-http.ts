/** Raw HTTP to the service, for tests that look at statuses, headers and bodies exactly as sent. */

export interface RawReply {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, any>; path?: unknown[] }[];
    extensions?: Record<string, any>;
  };
  /** The body as received; `bytes` is its length in bytes. */
  text: string;
  bytes: number;
}

export const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
};

/** Sends a request and reads the answer, JSON or not (a body that is not JSON stays in `text`). */
export async function send(url: string, init: RequestInit = {}): Promise<RawReply> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const buffer = Buffer.from(await res.arrayBuffer());
  const text = buffer.toString('utf8');
  let body: RawReply['body'] = {};
  try {
    body = JSON.parse(text) as RawReply['body'];
  } catch {
    // kept as text: the assertions then show it
  }
  return { status: res.status, headers: res.headers, body, text, bytes: buffer.length };
}

/** POSTs a GraphQL request as JSON, with extra headers if given. */
export function postGraphQL(
  url: string,
  request: { query?: string; variables?: unknown; operationName?: string; extensions?: unknown },
  headers: Record<string, string> = {},
): Promise<RawReply> {
  return send(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(request),
  });
}

/** The status and the distinct error codes of a reply, for one `toEqual`. */
export function outcome(reply: RawReply): { status: number; codes: unknown[] } {
  return {
    status: reply.status,
    codes: [...new Set((reply.body.errors ?? []).map((e) => e.extensions?.code))],
  };
}
