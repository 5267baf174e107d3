/**
 * Builds the HTTP app: fastify with Apollo on `/graphql` (POST, and GET for queries),
 * `/health`, the offline GraphiQL playground on `/` (and on `/graphql` for a browser; off
 * with the playground switch, like introspection) and the `/explore` page. Shared by
 * `main.ts` and the tests, which run it on a real port.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { sql } from 'drizzle-orm';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { join } from 'node:path';
import type { Config } from './config.js';
import { accessRefusal } from './auth/auth-checker.js';
import { authenticate } from './auth/keys.js';
import { createContext, type Context, type RequestAuth } from './context.js';
import type { Db } from './db/client.js';
import { registerExplore } from './http/explore.routes.js';
import { registerPlayground } from './http/playground.routes.js';
import { projectRoot } from './shared/paths.js';
import { argumentOfValidationError, KnownOperationTypesRule } from './shared/validation-errors.js';

export interface ServerOptions {
  db: Db;
  schema: GraphQLSchema;
  config: Pick<Config, 'playground'> & Partial<Pick<Config, 'reads'>>;
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

/** Request-level access (`accessRefusal`) before execution; field roles are type-graphql's. */
const accessPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue }) {
        const refusal = accessRefusal(contextValue);
        if (refusal) throw refusal;
      },
    };
  },
};

/** An error no resolver meant for the user (a bug, a database fault) says only that it happened. */
function maskUnexpected(error: GraphQLError): GraphQLFormattedError {
  if (error.originalError && !(error.originalError instanceof GraphQLError)) {
    return { message: 'Internal server error', locations: error.locations, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return error.toJSON();
}

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

function requestAuth(db: Db, header: string | undefined, reads: 'open' | 'key'): RequestAuth {
  const readsOpen = reads === 'open';
  const result = authenticate(db, header);
  if (result === null) return { viewer: null, keyRefusal: null, readsOpen };
  if ('refused' in result) return { viewer: null, keyRefusal: result.refused, readsOpen };
  return { viewer: result, keyRefusal: null, readsOpen };
}

/**
 * graphql-ws on the same port and path as HTTP, held to the same rules. A connection is
 * authenticated like a request: its key travels in the connection parameters
 * (`authorization: "Bearer <key>"`) or the upgrade request's header; a refused key, or none
 * while reads are closed, closes it (4403). The key is checked again for every operation, so a
 * revocation acts on the next one, and every event of a subscription is dropped once its key
 * is revoked. Operations pass the same validation as HTTP (introspection off with the
 * playground), and unexpected errors are masked as they are over HTTP.
 */
function serveSubscriptions(app: FastifyInstance, db: Db, schema: GraphQLSchema, reads: 'open' | 'key', playground: boolean) {
  const wss = new WebSocketServer({ server: app.server, path: '/graphql' });
  const authOf = (ctx: { connectionParams?: Record<string, unknown> | undefined; extra: { request: { headers: { authorization?: string } } } }) => {
    const param = ctx.connectionParams?.authorization;
    return requestAuth(db, typeof param === 'string' ? param : ctx.extra.request.headers.authorization, reads);
  };
  const rules = [...specifiedRules, KnownOperationTypesRule, ...(playground ? [] : [NoSchemaIntrospectionCustomRule])];
  const server = useServer(
    {
      schema,
      onConnect: (ctx) => accessRefusal(authOf(ctx)) === null,
      onSubscribe: (ctx, _id, payload) => {
        const auth = authOf(ctx);
        const refusal = accessRefusal(auth);
        if (refusal) return [refusal];
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e as GraphQLError];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: createContext(db, auth) };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(maskUnexpected) } : undefined),
    },
    wss,
  );
  app.addHook('onClose', async () => {
    await server.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  // Keys never reach the logs, whatever a serializer or log level would otherwise print.
  const redact = ['req.headers.authorization', 'headers.authorization'];
  const logger = options.logger === true ? { redact } : options.logger ? { ...options.logger, redact } : false;
  // A source text may be 1 MB; its JSON (escapes included) needs room beyond fastify's 1 MiB default.
  const app = Fastify({ logger, bodyLimit: 4 * 1024 * 1024 });
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    introspection: options.config.playground,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [KnownOperationTypesRule],
    // Cache-control is off: no field sets a hint, and Apollo's default plugin would wrap every field to look for one.
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), argumentErrors, accessPlugin],
  });
  await apollo.start();
  const reads = options.config.reads ?? 'open';
  await app.register(fastifyApollo(apollo), { context: async (request) => createContext(options.db, requestAuth(options.db, request.headers.authorization, reads)) });
  serveSubscriptions(app, options.db, options.schema, reads, options.config.playground);

  app.get('/health', async () => {
    options.db.get(sql`SELECT 1`);
    return { status: 'ok' };
  });
  if (options.config.playground) await registerPlayground(app, { examplesDir: join(projectRoot(), 'schema', 'examples') });
  await registerExplore(app, { playground: options.config.playground });
  return app;
}
