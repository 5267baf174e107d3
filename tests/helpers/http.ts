/** The real HTTP server on a free port, and a minimal GraphQL-over-HTTP caller for tests. */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LIMITS } from '../../src/config.js';
import type { Engine } from '../../src/db/engine.js';
import { buildKbSchema } from '../../src/schema.js';
import { buildServer, type ServerOptions } from '../../src/server.js';
import { postGraphQL } from './gql.js';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; argumentName?: string; [k: string]: unknown }; path?: (string | number)[] }[];
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  /** POSTs an operation; `key` is sent as `Authorization: Bearer <key>`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

const schema = buildKbSchema();

/**
 * Tests send hundreds of requests a second from one address, so the rate limits are off unless
 * a test sets them (`config.limits`); every other limit is the default users get.
 */
export const TEST_LIMITS = { ...DEFAULT_LIMITS, rateLimitPerKey: 0, rateLimitPerAddress: 0 };

export async function startTestServer(engine: Engine, config: ServerOptions['config'] = { playground: true }, logger?: ServerOptions['logger']): Promise<TestServer> {
  const app = await buildServer({ engine, schema, config: { limits: TEST_LIMITS, ...config }, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    gql: (query, variables, key) => postGraphQL(url, query, variables, key),
    close: () => app.close(),
  };
}
