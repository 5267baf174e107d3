/** The one GraphQL-over-HTTP caller of the tests' servers, in-process (`http.ts`) or a child process (`process-server.ts`). */
import type { GraphQLResponse } from './http.js';

/** POSTs an operation to `<url>/graphql`; `key` is sent as `Authorization: Bearer <key>`. */
export async function postGraphQL<T = any>(url: string, query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}
