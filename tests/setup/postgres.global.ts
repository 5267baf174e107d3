/**
 * vitest global setup: one PostgreSQL for the whole run, given to test files as
 * `inject('postgres')` (read it through tests/helpers/engines.ts).
 *
 * - `TEST_DATABASE_URL` set: that server is used as given (its role needs CREATEDB); the run
 *   fails if it cannot be reached, since it was asked for.
 * - Otherwise, PostgreSQL installed (tests/helpers/pg-cluster.ts finds it; `PG_BIN_DIR`
 *   overrides the search, and `PG_BIN_DIR=/nonexistent` simulates a machine without it): one
 *   throwaway cluster is started, and stopped and deleted after the last file. Installed but
 *   failing to start is an error, not a quiet fallback to SQLite only.
 * - Otherwise: one line on the console, and `postgres` provided as null; the PostgreSQL
 *   cases are then skipped, not passed.
 *
 * The teardown writes tests/.results/postgres-ran.json: whether PostgreSQL was there and how
 * many databases the tests created on it (the ledger, tests/helpers/pg-run.ts). CI fails when
 * that count is missing or zero, so a CI machine that lost PostgreSQL cannot go green on
 * SQLite alone. The file is deleted first thing, so a previous run's count never stands in.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { clusterUrl, destroyCluster, findPostgresBinaries, startThrowawayCluster, type PgClusterHandle } from '../helpers/pg-cluster.js';
import { RESULTS_FILE, closeLedger, dropLeftoverDatabases, ensureLedger, withAdmin, type ProvidedPostgres } from '../helpers/pg-run.js';

export const NOT_INSTALLED_NOTICE =
  "PostgreSQL not installed: running the SQLite suite only (install Debian's postgresql to run both)";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const resultsFile = resolve(project.config.root, RESULTS_FILE);
  rmSync(resultsFile, { force: true });

  const runId = randomBytes(3).toString('hex');
  let cluster: PgClusterHandle | null = null;
  let adminUrl: string;
  let source: ProvidedPostgres['source'];

  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
    source = 'TEST_DATABASE_URL';
  } else {
    const bins = findPostgresBinaries();
    if (!bins) {
      console.log(NOT_INSTALLED_NOTICE);
      project.provide('postgres', null);
      return async () => {
        writeResults(resultsFile, { ran: false, reason: 'not installed', databasesCreated: 0 });
      };
    }
    const t0 = performance.now();
    cluster = await startThrowawayCluster({ binaries: bins });
    adminUrl = clusterUrl(cluster);
    source = 'throwaway-cluster';
    console.log(
      `PostgreSQL ${bins.version} test cluster on 127.0.0.1:${cluster.port} ` +
        `(initdb + start ${Math.round(performance.now() - t0)} ms, ${cluster.rootDir})`,
    );
  }

  let serverVersion: string;
  try {
    serverVersion = await withAdmin(adminUrl, async (admin) => {
      await ensureLedger(admin);
      const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
      return rows[0].server_version;
    });
  } catch (err) {
    if (cluster) await destroyCluster(cluster);
    throw new Error(`PostgreSQL (${source}) is not usable for the tests: ${(err as Error).message}`);
  }

  const provided: ProvidedPostgres = { adminUrl, source, runId, serverVersion, cluster };
  project.provide('postgres', provided);

  return async function teardown() {
    try {
      // A test may have stopped the shared cluster and failed before restarting it; the count
      // then cannot be read, and the marker says so.
      const { count, leftovers } = await withAdmin(adminUrl, async (admin) => ({
        leftovers: await dropLeftoverDatabases(admin, runId),
        count: await closeLedger(admin, runId),
      }));
      writeResults(resultsFile, {
        ran: count > 0,
        source,
        serverVersion,
        databasesCreated: count,
        leftoverDatabasesDropped: leftovers.length,
      });
    } catch (err) {
      writeResults(resultsFile, { ran: false, reason: `teardown could not read the ledger: ${(err as Error).message}`, databasesCreated: 0 });
    } finally {
      if (cluster) await destroyCluster(cluster);
    }
  };
}

function writeResults(file: string, result: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...result, finishedAt: new Date().toISOString() }, null, 2) + '\n');
}
