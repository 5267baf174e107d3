/**
 * Builds the HTTP app: fastify with Apollo on `/graphql` (POST, and GET for queries),
 * `/health`, the offline GraphiQL playground on `/` (and on `/graphql` for a browser; off
 * with the playground switch, like introspection) and the `/explore` page. Shared by
 * `main.ts` and the tests, which run it on a real port.
 *
 * Around them, the limits of the README's "Limits and security": operation limits
 * (`http/limits.ts`), HTTP limits (`http/http-guards.ts`: body size, charset, timeouts, rate),
 * CORS and security headers.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { DEFAULT_LIMITS, type Config, type Limits } from './config.js';
import { accessRefusal } from './auth/auth-checker.js';
import { authenticate } from './auth/keys.js';
import { createContext, type Context, type RequestAuth } from './context.js';
import { DatabaseUnavailableError, statement, type Engine } from './db/engine.js';
import { CONTENT_SECURITY_POLICY_DIRECTIVES } from './http/assets.routes.js';
import { registerExplore } from './http/explore.routes.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import type { HealthCheckers } from './http/drain.js';
import { charsetRefusal, DRAIN_FACTOR, errorBody, rateLimitError, rateLimitKey, unreadBodyPlan } from './http/http-guards.js';
import { redisStoreWithFallback } from './http/rate-limit-store.js';
import { armorRules, costLimitPlugin, costRefusal, LIMIT_EXCEEDED, tokenLimitError } from './http/limits.js';
import { textGuardPlugin, unstorableTextRefusal } from './http/text-guard.js';
import { attachRevisionFeed } from './live/revision-feed.js';
import { registerPlayground } from './http/playground.routes.js';
import { projectRoot } from './shared/paths.js';
import { argumentOfValidationError, KnownOperationTypesRule } from './shared/validation-errors.js';

/** The cheapest statement that proves the database answers. */
const HEALTH_CHECK = statement(`SELECT 1 AS "ok"`);

export interface ServerOptions {
  /** The knowledge base's engine (SQLite or PostgreSQL, `db/open.ts`); the caller opens and closes it. */
  engine: Engine;
  schema: GraphQLSchema;
  /** `reads` defaults to open, `corsOrigins` to `*`, `limits` to `DEFAULT_LIMITS`. */
  config: Pick<Config, 'playground'> & Partial<Pick<Config, 'reads' | 'corsOrigins' | 'limits' | 'trustProxy'>>;
  logger?: FastifyServerOptions['logger'];
  /** Redis shared by the servers (`REDIS_URL`), where the rate limits are counted; the caller connects and closes it. Without: counted in this process. */
  rateLimitRedis?: Redis;
  /** Who checks `/health`, and whether the server is draining (main.ts's SIGTERM); without, `/health` only asks the database. */
  healthCheckers?: HealthCheckers;
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
/** The database went away: not the user's mistake, and not a bug; the next request may find it back. */
function unavailable(error: { locations?: GraphQLFormattedError['locations']; path?: GraphQLFormattedError['path'] }): GraphQLFormattedError {
  return { message: 'The database is unavailable; try again shortly', locations: error.locations, path: error.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
}

function maskUnexpected(error: GraphQLError): GraphQLFormattedError {
  if (error.originalError instanceof DatabaseUnavailableError) return unavailable(error);
  if (error.originalError && !(error.originalError instanceof GraphQLError)) {
    return { message: 'Internal server error', locations: error.locations, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return error.toJSON();
}

/** Apollo's error formatting: argument errors name the argument, a token overflow is a limit, internals stay hidden. */
function errorFormatter(limits: Limits) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const argumentName = original instanceof GraphQLError ? original.extensions.argumentName : undefined;
    // Apollo gives every validation error its own code; a limit keeps LIMIT_EXCEEDED.
    if (original instanceof GraphQLError && original.extensions.code === LIMIT_EXCEEDED) {
      const { http: _http, ...extensions } = original.extensions;
      return { ...formatted, extensions };
    }
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && typeof argumentName === 'string') {
      return { ...formatted, message: `Argument "${argumentName}": ${formatted.message}`, extensions: { code: 'BAD_USER_INPUT', argumentName } };
    }
    if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED') {
      const tooLong = tokenLimitError(formatted.message, limits.maxTokens);
      if (tooLong) return tooLong.toJSON();
    }
    if (original instanceof DatabaseUnavailableError) return unavailable(formatted);
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return formatted;
  };
}

async function requestAuth(engine: Engine, header: string | undefined, reads: 'open' | 'key'): Promise<RequestAuth> {
  const readsOpen = reads === 'open';
  const result = await authenticate(engine, header);
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
function serveSubscriptions(app: FastifyInstance, engine: Engine, schema: GraphQLSchema, reads: 'open' | 'key', playground: boolean, limits: Limits) {
  const wss = new WebSocketServer({ server: app.server, path: '/graphql' });
  const leaveFeed = attachRevisionFeed(engine, (error) => app.log.warn({ err: error }, 'live updates: reading new revisions failed; the next write or notification reads again'));
  const authOf = (ctx: { connectionParams?: Record<string, unknown> | undefined; extra: { request: { headers: { authorization?: string } } } }) => {
    const param = ctx.connectionParams?.authorization;
    return requestAuth(engine, typeof param === 'string' ? param : ctx.extra.request.headers.authorization, reads);
  };
  const rules = [...specifiedRules, KnownOperationTypesRule, ...armorRules(limits), ...(playground ? [] : [NoSchemaIntrospectionCustomRule])];
  const server = useServer(
    {
      schema,
      onConnect: async (ctx) => accessRefusal(await authOf(ctx)) === null,
      onSubscribe: async (ctx, _id, payload) => {
        const auth = await authOf(ctx);
        const refusal = accessRefusal(auth);
        if (refusal) return [refusal];
        let document;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (e) {
          return [tokenLimitError((e as GraphQLError).message, limits.maxTokens) ?? (e as GraphQLError)];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        const tooCostly = costRefusal(schema, { document, variables: payload.variables ?? undefined, operationName: payload.operationName }, limits.maxCost);
        if (tooCostly) return [tooCostly];
        const unstorable = unstorableTextRefusal(document, payload.variables);
        if (unstorable) return [unstorable];
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: createContext(engine, auth) };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(maskUnexpected) } : undefined),
      // A stream that fails (a revoked key, a subscriber too far behind, the database away) ends with coded errors, internals hidden.
      onError: (_ctx, _id, _payload, errors) => errors.map(maskUnexpected),
    },
    wss,
  );
  // preClose, not onClose: fastify waits for every connection to end before onClose, and an
  // open subscription never would, holding a SIGTERM until main.ts's deadline.
  app.addHook('preClose', async () => {
    await server.dispose();
    await leaveFeed();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}

/**
 * Errors fastify raises before a route runs (a body too large, unparsable JSON, an unsupported
 * content type, a timeout) answer in the GraphQL error shape with fastify's code; anything
 * else is a fault of ours: logged, and answered 500 without internals.
 */
function httpErrorHandler(this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // A hook that read the database (the rate limit checks the request's key) found it away.
  if ((error as unknown) instanceof DatabaseUnavailableError) {
    request.log.warn({ err: error }, 'database unavailable');
    return reply.code(503).send(errorBody('The database is unavailable; try again shortly', 'SERVICE_UNAVAILABLE'));
  }
  const status = error.statusCode ?? 500;
  // fastify answers a body over the limit with `Connection: close` (its content-type parser
  // sets it on every parse error since fastify/fastify#6262), and Node then closes the
  // socket while the client is still sending the rest: the client's next write meets a reset
  // and it never reads the 413 (Node's fetch: EPIPE). The onSend hook decides instead
  // (`answerBeforeBody`): the rest is read and discarded, or the connection closed.
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') reply.removeHeader('connection');
  if (status >= 400 && status < 500) {
    return reply.code(status).send(errorBody(error.message, error.code ?? 'BAD_REQUEST'));
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
}

/**
 * Reads and throws away what is left of `request`'s body, so its client can finish sending
 * and then read the answer it was given; the connection then serves its next request. Only a
 * count is kept, never the bytes. Past `cap` bytes the connection is destroyed: the client may
 * then see a reset instead of the answer, which is fair at that size. A client that stops
 * sending is cut by Node's request timeout (`REQUEST_TIMEOUT_MS`), as any unfinished request.
 */
function discardRest(request: IncomingMessage, cap: number, onCut: (read: number) => void): void {
  let read = 0;
  const stop = () => {
    request.off('data', count);
    request.off('end', stop);
    request.off('close', stop);
  };
  const count = (chunk: Buffer) => {
    read += chunk.length;
    if (read <= cap) return;
    stop();
    onCut(read);
    request.socket.destroy();
  };
  // A 'data' listener keeps the stream flowing and marks it consumed, so Node's own dump
  // (which drops the bytes unseen and unbounded, once the answer is sent) stays out of it.
  request.on('data', count);
  request.once('end', stop);
  request.once('close', stop);
}

/**
 * An answer sent before the request's body was read to its end (a body over the limit, a
 * refusal by a hook: a charset, the rate limit): the rest is drained within `drainCap` bytes
 * (`unreadBodyPlan`), or, when it declares more, the answer says `Connection: close` and Node
 * closes the connection after it. A response that closes the connection anyway (fastify's
 * shutdown) is left to do so.
 */
function answerBeforeBody(request: FastifyRequest, reply: FastifyReply, drainCap: number): void {
  if (String(reply.getHeader('connection') ?? '').toLowerCase() === 'close') return;
  if (unreadBodyPlan(request.headers['content-length'], drainCap) === 'close') {
    reply.header('connection', 'close');
    return;
  }
  discardRest(request.raw, drainCap, (read) =>
    request.log.info({ discarded: read, drainCap }, 'closing the connection: the unread request body went past the drain cap'),
  );
}

/**
 * The request's key for the GraphQL context. Checking a key reads the database; when it is
 * away, Apollo would report the failed context as a 500 INTERNAL_SERVER_ERROR, so the fault
 * is raised as what it is: SERVICE_UNAVAILABLE, status 503 (the formatter words it).
 */
async function contextAuth(authOf: (request: FastifyRequest) => Promise<RequestAuth>, request: FastifyRequest): Promise<RequestAuth> {
  try {
    return await authOf(request);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    throw new GraphQLError('The database is unavailable; try again shortly', { originalError: error, extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
  }
}

/** The request's key, checked once: the rate limit and the GraphQL context both need it. */
function authOnce(engine: Engine, reads: 'open' | 'key') {
  const seen = new WeakMap<FastifyRequest, Promise<RequestAuth>>();
  return (request: FastifyRequest): Promise<RequestAuth> => {
    let auth = seen.get(request);
    if (!auth) {
      auth = requestAuth(engine, request.headers.authorization, reads);
      seen.set(request, auth);
    }
    return auth;
  };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const limits = options.config.limits ?? DEFAULT_LIMITS;
  const reads = options.config.reads ?? 'open';
  const authOf = authOnce(options.engine, reads);
  // Keys never reach the logs, whatever a serializer or log level would otherwise print.
  const redact = ['req.headers.authorization', 'headers.authorization'];
  const logger = options.logger === true ? { redact } : options.logger ? { ...options.logger, redact } : false;
  const trustProxy = options.config.trustProxy ?? [];
  const app = Fastify({
    logger,
    // Only the proxies named by TRUST_PROXY may say who the client is (X-Forwarded-For).
    trustProxy: trustProxy.length > 0 ? trustProxy : false,
    // A source text may be 1 MB; its JSON (escapes included) needs room beyond fastify's 1 MiB default.
    bodyLimit: limits.bodyLimit,
    // A client that sends its request slowly holds a socket, not the server: 408 after this.
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks request timeouts every 30 s by default, which would let a short limit run long.
    http: { connectionsCheckingInterval: Math.min(1000, limits.requestTimeoutMs), headersTimeout: limits.requestTimeoutMs },
  });
  app.setErrorHandler(httpErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(`No route for ${request.method} ${request.url.split('?')[0]}`, 'NOT_FOUND')),
  );

  // Security headers on every response; the pages' Content-Security-Policy is part of them.
  // (helmet's, worked out once: http/security-headers.ts)
  await registerSecurityHeaders(app, { contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY_DIRECTIVES } });
  // Pages on other origins may call the API: a public knowledge base without cookies, so no credentials.
  await app.register(fastifyCors, {
    origin: options.config.corsOrigins ?? '*',
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    credentials: false,
    maxAge: 600,
  });
  const perKey = limits.rateLimitPerKey;
  const perAddress = limits.rateLimitPerAddress;
  const limitOf = (key: string) => (key.startsWith('key:') ? perKey : perAddress);
  const redis = options.rateLimitRedis;
  await app.register(fastifyRateLimit, {
    timeWindow: 60_000,
    ...(redis && {
      store: redisStoreWithFallback(redis, (where, error) => {
        if (where === 'local') app.log.warn({ err: error }, 'Redis does not answer: rate limits are counted by this server alone until it does');
        else app.log.info('Redis answers again: rate limits are counted across the servers again');
      }),
    }),
    keyGenerator: async (request) => rateLimitKey(await authOf(request), request.ip),
    max: (_request, key) => limitOf(key),
    allowList: (_request, key) => limitOf(key) === 0,
    errorResponseBuilder: (_request, context) => rateLimitError(context.max, context.ttl),
  });
  const drainCap = limits.bodyLimit * DRAIN_FACTOR;
  const checkers = options.healthCheckers;
  // Callback style, not async: it runs for every response, and almost always returns at once.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete) answerBeforeBody(request, reply, drainCap);
    // While draining (SIGTERM, http/drain.ts), every answer closes its connection: a proxy must
    // keep no idle connection to a server that is about to stop listening.
    if (checkers?.draining) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onRequest', async (request, reply) => {
    const refusal = charsetRefusal(request.headers['content-type']);
    if (refusal) return reply.code(415).send(refusal);
  });

  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    introspection: options.config.playground,
    includeStacktraceInErrorResponses: false,
    // Off: nothing here sends persisted queries, and Apollo's own refusals of a malformed one
    // carried no code; now every such request gets PERSISTED_QUERY_NOT_SUPPORTED.
    persistedQueries: false,
    // Shutdown on SIGTERM/SIGINT is main.ts's (it drains, then closes SQLite).
    stopOnTerminationSignals: false,
    // With introspection off, errors do not describe the schema either ("Did you mean …").
    hideSchemaDetailsFromClientErrors: !options.config.playground,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: errorFormatter(limits),
    validationRules: [KnownOperationTypesRule, ...armorRules(limits)],
    // Cache-control is off: no field sets a hint, and Apollo's default plugin would wrap every field to look for one.
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      argumentErrors,
      accessPlugin,
      costLimitPlugin<Context>(options.schema, limits.maxCost),
      textGuardPlugin,
    ],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), { context: async (request) => createContext(options.engine, await contextAuth(authOf, request)) });
  serveSubscriptions(app, options.engine, options.schema, reads, options.config.playground, limits);

  // Health probes (a proxy's, a service manager's) are not rate limited. 503 while the
  // database is away, so a proxy sends requests to a server that can answer them; 503 too
  // while draining, so the proxy stops sending new ones. A checker is known by the address
  // its connection comes from (the proxy itself, not any X-Forwarded-For).
  app.get('/health', { config: { rateLimit: false } }, async (request, reply) => {
    checkers?.checked(request.socket.remoteAddress ?? '', Date.now());
    if (checkers?.draining) return reply.code(503).send({ status: 'draining', error: { code: 'SERVICE_UNAVAILABLE', message: 'This server is shutting down' } });
    try {
      await options.engine.get(HEALTH_CHECK);
      return { status: 'ok' };
    } catch (error) {
      if (!(error instanceof DatabaseUnavailableError)) throw error;
      return reply.code(503).send({ status: 'unavailable', error: { code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; try again shortly' } });
    }
  });
  if (options.config.playground) await registerPlayground(app, { examplesDir: join(projectRoot(), 'schema', 'examples') });
  await registerExplore(app, { playground: options.config.playground });
  return app;
}
