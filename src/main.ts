/** Start-up: config → Redis (if REDIS_URL) → open db → migrate → seed if empty → schema → HTTP server; and the shutdown on SIGTERM or SIGINT. */
import { ConfigError, loadConfig, logOptions } from './config.js';
import { openKb, StartupError, type Kb } from './db/open.js';
import { buildKbSchema } from './schema.js';
import { buildServer } from './server.js';
import { isEmpty } from './bulk/empty.store.js';

import { DatabaseUrlError } from './db/database-url.js';
import { HealthCheckers } from './http/drain.js';
import { connectRedis, type Redis } from './http/rate-limit-store.js';
import { redisLocation } from './http/redis-url.js';

/**
 * A start-up fault the operator must fix (a bad variable, a database that cannot be reached or
 * was migrated by newer code): one line, exit 1, nothing written.
 */
function refuseToStart(error: unknown): never {
  if (!(error instanceof DatabaseUrlError) && !(error instanceof ConfigError) && !(error instanceof StartupError)) throw error;
  process.stderr.write(`kb: not started: ${error.message}\n`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
let kb: Kb;
let redis: Redis | undefined;
try {
  config = loadConfig(process.env);
  // Redis before the database: a Redis that cannot be used must stop the start before
  // anything is migrated or seeded.
  if (config.redisUrl) redis = await connectRedis(config.redisUrl);
  kb = await openKb(config.databaseUrl);
} catch (error) {
  redis?.disconnect();
  refuseToStart(error);
}
const { engine, location } = kb;
// The import's code (the bundle reader, the COPY loader) is loaded only to seed a new base.
const seeded = (await isEmpty(engine)) ? await (await import('./bulk/import.js')).seedDatabase(kb) : null;
const healthCheckers = new HealthCheckers(config.drainHealthChecks);
const app = await buildServer({ engine, schema: buildKbSchema(), config, logger: logOptions(config, process.env, process.stdout.isTTY === true), rateLimitRedis: redis, healthCheckers });
app.log.info({ database: location, seeded: seeded !== null }, seeded ? `opened ${location}, migrated, seeded from seed/` : `opened ${location}, migrated`);
app.log.info(
  config.redisUrl ? `rate limits counted in Redis at ${redisLocation(config.redisUrl)}, shared with every server using it` : 'rate limits counted by this server alone (no REDIS_URL)',
);
await app.listen({ port: config.port, host: config.host });
app.log.info(`GraphQL API at http://localhost:${config.port}/graphql`);

/**
 * How long a shutdown may take. Draining waits for every request in flight, and one that
 * never ends (a client trickling its body, a stuck subscription) must not hold the process
 * forever: a service manager would SIGKILL it anyway, later and without a word in the log.
 * Past this, the process says so and exits with code 1; committed writes are safe even then
 * (WAL with synchronous = FULL), the next start merely has a WAL to fold back in.
 */
const SHUTDOWN_DEADLINE_MS = 10_000;
/**
 * How long a SIGTERM waits for the proxies to take the server out of rotation
 * (DRAIN_HEALTH_CHECKS, `http/drain.ts`) before it stops listening regardless: long enough for
 * HAProxy's defaults (a check every 2 s, 3 to fall, plus one), short of a service manager's
 * patience. The shutdown deadline counts from the end of this wait.
 */
const PROXY_WAIT_MS = 15_000;
let shuttingDown = false;

/**
 * SIGTERM (a service manager, a container runtime) or SIGINT (Ctrl-C): behind a proxy
 * (DRAIN_HEALTH_CHECKS set and `/health` checked lately), first leave its rotation: `/health`
 * answers 503 while everything else is served as usual, until the proxy has acted on it. Then
 * stop accepting connections, let the requests in flight finish (fastify's close; new requests
 * on kept-alive connections get 503), close Redis and the database; SQLite checkpoints the WAL
 * into the database file and removes the -wal and -shm files, so the file left behind is
 * complete by itself, and exit 0.
 *
 * The handler stays installed (`on`, not `once`): a second signal while draining (an impatient
 * Ctrl-C, a supervisor repeating itself) is logged and ignored instead of killing the process
 * half-way by the default action; the deadline bounds the wait.
 */
function shutdown(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    app.log.info({ signal }, `${signal} while shutting down: still draining (at most ${SHUTDOWN_DEADLINE_MS / 1000} s once it stops listening)`);
    return;
  }
  shuttingDown = true;
  healthCheckers.begin(Date.now());
  if (config.drainHealthChecks === 0 || healthCheckers.waitingFor === 0) return close(signal);
  app.log.info({ signal }, `${signal}: /health answers 503; serving until ${healthCheckers.waitingFor} health checker(s) have each been told so ${config.drainHealthChecks} times`);
  void healthCheckers.settled(PROXY_WAIT_MS).then((done) => {
    if (!done) app.log.warn({ signal }, `health checkers not all seen within ${PROXY_WAIT_MS / 1000} s: closing anyway`);
    close(signal);
  });
}

/** Stops listening, drains what is in flight, closes Redis and the database, exits. */
function close(signal: NodeJS.Signals): void {
  app.log.info({ signal }, `${signal}: no new connections, draining requests in flight`);
  // unref: the deadline alone must not keep a process alive that has nothing else left to do.
  setTimeout(() => {
    app.log.error({ signal }, `shutdown took over ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting with requests still open`);
    closeQuietly();
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  app.close().then(
    async () => {
      // After the HTTP server: the requests drained just now were still counted in Redis.
      await redis?.quit().catch(() => redis?.disconnect());
      await kb.close();
      app.log.info('shut down: requests drained, database closed (SQLite: checkpointed)');
      process.exit(0);
    },
    (error: unknown) => {
      app.log.error({ err: error }, 'shutdown failed');
      closeQuietly();
      process.exit(1);
    },
  );
}

/** Closes the database on the way out of a failed shutdown; a failure to close changes nothing then. */
function closeQuietly(): void {
  // The process exits next: SQLite recovers the WAL on the next start, PostgreSQL ends the sessions.
  redis?.disconnect();
  kb.close().catch(() => {});
}

// Apollo's own signal handlers are off (`stopOnTerminationSignals: false` in server.ts): two
// shutdowns racing would make the exit code, and whether SQLite was closed, a matter of timing.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutdown);
