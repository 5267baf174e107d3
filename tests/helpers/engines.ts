/**
 * The database engines a test runs against, and a fresh PostgreSQL database for a test file.
 *
 * SQLite (embedded, the default) always runs. PostgreSQL runs when the global setup
 * (tests/setup/postgres.global.ts) found one: TEST_DATABASE_URL, or a throwaway cluster it
 * started from Debian's installed PostgreSQL. Without it, the PostgreSQL cases are absent
 * (`testEngines()`) or reported as skipped (`describe.runIf(postgresAvailable())`), never
 * passed, and the global setup printed one line saying why.
 *
 *     describe.each(testEngines())('writes on $engine', ({ engine }) => {
 *       let db: TestDatabase;
 *       beforeAll(async () => { if (engine === 'postgres') db = await createTestDatabase('writes'); });
 *       afterAll(async () => { await db?.drop(); });
 *       …
 *     });
 *
 * One database per test file (or per call): test files run in parallel forked workers on one
 * cluster, and a database each keeps them out of each other's tables without a cluster each.
 */
import { inject } from 'vitest';
import type { PgClusterHandle } from './pg-cluster.js';
import { TEST_DB_PREFIX, quoteIdent, recordDatabase, withAdmin, type ProvidedPostgres } from './pg-run.js';

export type { ProvidedPostgres } from './pg-run.js';

export type EngineName = 'sqlite' | 'postgres';

/** One engine to run a suite against (an object, so `describe.each` can name it `$engine`). */
export interface TestEngine {
  engine: EngineName;
}

/** This run's PostgreSQL as the global setup provided it, or null when the run has none. */
export function providedPostgres(): ProvidedPostgres | null {
  // undefined when the global setup was not loaded at all (another vitest config).
  return inject('postgres') ?? null;
}

/** Whether this run has a PostgreSQL to test against. */
export function postgresAvailable(): boolean {
  return providedPostgres() !== null;
}

/** The engines to run in this run: always SQLite, plus PostgreSQL when available. */
export function testEngines(): TestEngine[] {
  return postgresAvailable() ? [{ engine: 'sqlite' }, { engine: 'postgres' }] : [{ engine: 'sqlite' }];
}

/**
 * The run's shared cluster, for stopCluster/startCluster (tests/helpers/pg-cluster.ts); null
 * when PostgreSQL came from TEST_DATABASE_URL (not ours to stop) or is absent.
 *
 * Stopping it cuts off every test file running at that moment in the other workers: a test
 * that does so must run alone (or take a cluster of its own with startThrowawayCluster, as
 * tests/integration/pg-cluster.test.ts does).
 */
export function sharedCluster(): PgClusterHandle | null {
  return providedPostgres()?.cluster ?? null;
}

export interface TestDatabase {
  /** The database's name: `kbt_<run>_<label>_<pid>_<n>`. */
  readonly name: string;
  /** Connection URL for `pg`/drizzle (same server, user and options as the admin URL). */
  readonly url: string;
  /**
   * Drops the database, terminating any connection still open to it (`WITH (FORCE)`); end
   * your pools first, or their idle clients emit 57P01 errors. Calling it twice is harmless.
   * Databases a test forgets are dropped at the end of the run.
   */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /**
   * Copy this database instead of template1 (`CREATE DATABASE … TEMPLATE …`): migrate a
   * template once, then copy it per file. PostgreSQL refuses while anyone is connected to it.
   */
  template?: string;
}

let created = 0;

/**
 * Creates a new, uniquely named database on this run's PostgreSQL and records it in the
 * run's ledger (what CI counts). `label` names the test (lowercased, other characters
 * become `_`). Throws when the run has no PostgreSQL: guard with postgresAvailable().
 */
export async function createTestDatabase(label: string, options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const pg = providedPostgres();
  if (!pg) {
    throw new Error('createTestDatabase: this run has no PostgreSQL (see the global setup\'s notice); guard the suite with postgresAvailable().');
  }
  const name = databaseName(pg.runId, label, ++created);
  const url = withDatabase(pg.adminUrl, name);

  await withAdmin(pg.adminUrl, async (admin) => {
    const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : '';
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}${template}`);
    await recordDatabase(admin, pg.runId, name, label);
  });

  let dropped = false;
  return {
    name,
    url,
    async drop() {
      if (dropped) return;
      await withAdmin(pg.adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
      dropped = true;
    },
  };
}

/** `kbt_<run>_<label>_<pid>_<n>`, within PostgreSQL's 63-byte identifier limit. */
function databaseName(runId: string, label: string, n: number): string {
  const tail = `_${process.pid}_${n}`;
  const head = `${TEST_DB_PREFIX}${runId}_`;
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'db';
  return head + clean.slice(0, 63 - head.length - tail.length) + tail;
}

/** The admin URL with another database name; user, host, port and options (sslmode…) kept. */
function withDatabase(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
