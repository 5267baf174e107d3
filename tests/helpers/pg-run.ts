/**
 * What one test run's PostgreSQL is, shared by the global setup (tests/setup/postgres.global.ts,
 * in vitest's main process) and the test files (tests/helpers/engines.ts, in forked workers).
 * No vitest import here: the global setup loads this module outside any test.
 *
 * The ledger: every database a test creates is recorded in a table of the admin database,
 * tagged with the run's id. A table on the server, not a counter in memory or a file per
 * worker, because test files run in separate forked processes and only the server sees them
 * all; and a row is written only after PostgreSQL accepted the CREATE DATABASE, so the count
 * the global teardown reads (and CI checks) proves the PostgreSQL suite really ran.
 */
import { Client, type ClientBase } from 'pg';
import type { PgClusterHandle } from './pg-cluster.js';

/** What the global setup provides to test files under the key `postgres` (null: no PostgreSQL in this run). */
export interface ProvidedPostgres {
  /** A superuser (or CREATEDB) connection URL to the admin database. */
  adminUrl: string;
  /** Where it came from: a cluster this run started, or the TEST_DATABASE_URL environment variable. */
  source: 'throwaway-cluster' | 'TEST_DATABASE_URL';
  /** Tags this run's databases (in their names) and ledger rows. */
  runId: string;
  /** `SHOW server_version`. */
  serverVersion: string;
  /** The cluster the run started (for stopCluster/startCluster), or null with TEST_DATABASE_URL. */
  cluster: PgClusterHandle | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres | null;
  }
}

/** Every test database's name starts with this, then the run id: `kbt_<run>_<label>_<pid>_<n>`. */
export const TEST_DB_PREFIX = 'kbt_';

/** The ledger table, in the admin database. */
export const LEDGER_TABLE = 'kb_test_ledger';

/** Where the global teardown writes what the PostgreSQL suite did (read by .ci/run). */
export const RESULTS_FILE = 'tests/.results/postgres-ran.json';

export async function ensureLedger(admin: ClientBase): Promise<void> {
  await admin.query(
    `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
       run_id text NOT NULL,
       datname text NOT NULL,
       label text NOT NULL,
       pid integer NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
}

export async function recordDatabase(admin: ClientBase, runId: string, datname: string, label: string): Promise<void> {
  await admin.query(`INSERT INTO ${LEDGER_TABLE} (run_id, datname, label, pid) VALUES ($1, $2, $3, $4)`, [
    runId,
    datname,
    label,
    process.pid,
  ]);
}

/** How many databases the run created, then forgets the run's rows (the table may live on a shared server). */
export async function closeLedger(admin: ClientBase, runId: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${LEDGER_TABLE} WHERE run_id = $1`, [runId]);
  await admin.query(`DELETE FROM ${LEDGER_TABLE} WHERE run_id = $1`, [runId]);
  return Number(rows[0].n);
}

/** Drops whatever databases of the run a test left behind; returns their names. */
export async function dropLeftoverDatabases(admin: ClientBase, runId: string): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`,
    [`${TEST_DB_PREFIX}${runId}_`],
  );
  for (const { datname } of rows) {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
  }
  return rows.map((r) => r.datname);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs `work` on a fresh connection to `url` (not a pool: a handful of statements per call), then closes it. */
export async function withAdmin<T>(url: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: url, application_name: 'kb-tests-admin', connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
