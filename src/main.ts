/** Start-up: config → open db → migrate → seed if empty → schema → HTTP server; and the shutdown on SIGTERM or SIGINT. */
import { ConfigError, loadConfig, logOptions } from './config.js';
import { openKb, StartupError, type Kb } from './db/open.js';
import { buildKbSchema } from './schema.js';
import { buildServer } from './server.js';
import { seedDatabase } from './bulk/import.js';
import { isEmpty } from './bulk/import.store.js';

import { DatabaseUrlError } from './db/database-url.js';

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
try {
  config = loadConfig(process.env);
  kb = await openKb(config.databaseUrl);
} catch (error) {
  refuseToStart(error);
}
const { engine, location } = kb;
const seeded = (await isEmpty(engine)) ? await seedDatabase(kb) : null;
const app = await buildServer({ engine, schema: buildKbSchema(), config, logger: logOptions(config, process.env, process.stdout.isTTY === true) });
app.log.info({ database: location, seeded: seeded !== null }, seeded ? `opened ${location}, migrated, seeded from seed/` : `opened ${location}, migrated`);
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
let shuttingDown = false;

/**
 * SIGTERM (a service manager, a container runtime) or SIGINT (Ctrl-C): stop accepting
 * connections, let the requests in flight finish (fastify's close; new requests on kept-alive
 * connections get 503), then close the database; SQLite checkpoints the WAL into the database file
 * and removes the -wal and -shm files, so the file left behind is complete by itself, and exit 0.
 *
 * The handler stays installed (`on`, not `once`): a second signal while draining (an impatient
 * Ctrl-C, a supervisor repeating itself) is logged and ignored instead of killing the process
 * half-way by the default action; the deadline bounds the wait.
 */
function shutdown(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    app.log.info({ signal }, `${signal} while shutting down: still draining (at most ${SHUTDOWN_DEADLINE_MS / 1000} s in all)`);
    return;
  }
  shuttingDown = true;
  app.log.info({ signal }, `${signal}: no new connections, draining requests in flight`);
  // unref: the deadline alone must not keep a process alive that has nothing else left to do.
  setTimeout(() => {
    app.log.error({ signal }, `shutdown took over ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting with requests still open`);
    closeQuietly();
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  app.close().then(
    async () => {
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
  kb.close().catch(() => {});
}

// Apollo's own signal handlers are off (`stopOnTerminationSignals: false` in server.ts): two
// shutdowns racing would make the exit code, and whether SQLite was closed, a matter of timing.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutdown);
