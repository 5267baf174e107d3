/**
 * Builds the HTTP app: fastify with Apollo on `/graphql` (POST, and GET for queries),
 * `/health`, the offline GraphiQL playground on `/` (and on `/graphql` for a browser; off
 * with the playground switch, like introspection) and the `/explore` page. Shared by
 * `main.ts` and the tests, which run it on a real port.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { sql } from 'drizzle-orm';
import { join } from 'node:path';
import type { Config } from './config.js';
import { createContext, type Context } from './context.js';
import type { Db } from './db/client.js';
import { registerExplore } from './http/explore.routes.js';
import { registerPlayground } from './http/playground.routes.js';
import { projectRoot } from './shared/paths.js';
import { argumentOfValidationError, KnownOperationTypesRule } from './shared/validation-errors.js';

export interface ServerOptions {
  db: Db;
  schema: GraphQLSchema;
  config: Pick<Config, 'playground'>;
  logger?: FastifyServerOptions['logger'];
}

/**
 * Validation errors that are a user's bad argument value (an unknown enum value, a string for
 * an Int) become BAD_USER_INPUT naming the argument; everything unexpected is reported
 * without internals.
 */
const argumentErrors: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async validationDidStart(requestContext) {
        return async (errors) => {
          for (const error of errors ?? []) {
            if (!(error instanceof GraphQLError)) continue;
            const argumentName = requestContext.document && argumentOfValidationError(requestContext.document, error);
            if (argumentName) Object.assign(error.extensions, { argumentName });
          }
        };
      },
    };
  },
};

function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const argumentName = original instanceof GraphQLError ? original.extensions.argumentName : undefined;
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && typeof argumentName === 'string') {
    return { ...formatted, message: `Argument "${argumentName}": ${formatted.message}`, extensions: { code: 'BAD_USER_INPUT', argumentName } };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    introspection: options.config.playground,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [KnownOperationTypesRule],
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled(), argumentErrors],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), { context: async () => createContext(options.db) });

  app.get('/health', async () => {
    options.db.get(sql`SELECT 1`);
    return { status: 'ok' };
  });
  if (options.config.playground) await registerPlayground(app, { examplesDir: join(projectRoot(), 'schema', 'examples') });
  await registerExplore(app, { playground: options.config.playground });
  return app;
}
