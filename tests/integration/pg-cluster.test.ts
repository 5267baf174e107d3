/**
 * The PostgreSQL test infrastructure itself, against a real server: a database per caller
 * from the run's cluster (tests/setup/postgres.global.ts), isolation between two of them, and
 * a server that goes away and comes back (stopCluster / startCluster on the same folder).
 *
 * Without PostgreSQL these cases are reported as skipped (the global setup printed why),
 * never as passed. The outage cases take a cluster of their own: stopping the run's shared
 * cluster would cut off the test files running beside this one in other workers.
 */
import { Client, Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, testEngines, type TestDatabase } from '../helpers/engines.js';
import {
  clusterUrl,
  destroyCluster,
  findPostgresBinaries,
  isRunning,
  startCluster,
  startThrowawayCluster,
  stopCluster,
  type PgClusterHandle,
} from '../helpers/pg-cluster.js';

/** What a client sees when the server is gone: refused, terminated by the shutdown, or a socket cut mid-use. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(e.code ?? '') ||
    /Connection terminated|connection.*(closed|ended)/i.test(e.message ?? '')
  );
}

describe('Engines of this run', () => {
  it('always include SQLite, and PostgreSQL exactly when the run has one', () => {
    expect(testEngines()).toEqual(
      postgresAvailable() ? [{ engine: 'sqlite' }, { engine: 'postgres' }] : [{ engine: 'sqlite' }],
    );
  });
});

describe.runIf(postgresAvailable())('Test databases on the run\'s PostgreSQL', () => {
  const dbs: TestDatabase[] = [];
  const pools: Pool[] = [];

  async function freshDatabase(label: string): Promise<{ db: TestDatabase; pool: Pool }> {
    const db = await createTestDatabase(label);
    dbs.push(db);
    const pool = new Pool({ connectionString: db.url, max: 2 });
    pools.push(pool);
    return { db, pool };
  }

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await Promise.all(dbs.map((d) => d.drop()));
  });

  it('gives a new database that takes a table, a write and a read through a pg Pool', async () => {
    const { db, pool } = await freshDatabase('pg cluster: write and read');
    expect(db.name).toMatch(/^kbt_[0-9a-f]{6}_pg_cluster_write_and_read_\d+_\d+$/);

    const { rows: [where] } = await pool.query<{ db: string }>('SELECT current_database() AS db');
    expect(where.db).toBe(db.name);

    await pool.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
    await pool.query('INSERT INTO notes (body) VALUES ($1)', ['Ceasefire talks resume in Geneva — ärger über Verzögerung']);
    const { rows } = await pool.query('SELECT id, body FROM notes');
    expect(rows).toEqual([{ id: 1, body: 'Ceasefire talks resume in Geneva — ärger über Verzögerung' }]);
  });

  it('keeps two databases apart: a table made in one does not exist in the other', async () => {
    const a = await freshDatabase('isolation a');
    const b = await freshDatabase('isolation b');
    expect(a.db.name).not.toBe(b.db.name);

    await a.pool.query('CREATE TABLE only_in_a (x int)');
    await a.pool.query('INSERT INTO only_in_a VALUES (1)');

    await expect(b.pool.query('SELECT x FROM only_in_a')).rejects.toMatchObject({ code: '42P01' }); // undefined_table
    const { rows } = await b.pool.query(`SELECT to_regclass('only_in_a') AS t`);
    expect(rows[0].t).toBeNull();
  });

  it('drops a database on drop(), even with a connection still open to it', async () => {
    const db = await createTestDatabase('dropped with a session open');
    const straggler = new Client({ connectionString: db.url });
    // The forced drop terminates this session: 57P01, then "Connection terminated unexpectedly".
    // A listener that stays keeps either from crashing the worker.
    const terminated = new Promise<Error>((resolve) => straggler.on('error', resolve));
    await straggler.connect();

    await db.drop();
    await db.drop(); // twice is harmless

    expect(await terminated).toMatchObject({ code: '57P01' });
    const other = await freshDatabase('checks the drop');
    const { rows } = await other.pool.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [db.name]);
    expect(rows[0].n).toBe(0);
  });
});

describe.runIf(findPostgresBinaries() !== null)('A cluster that goes away and comes back', () => {
  let cluster: PgClusterHandle;
  let pool: Pool;
  const poolErrors: Error[] = [];

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    pool = new Pool({ connectionString: clusterUrl(cluster), max: 2, connectionTimeoutMillis: 10_000 });
    // Idle clients are told of a shutdown (57P01) as an 'error' on the pool; unheard, it would crash the worker.
    pool.on('error', (err) => poolErrors.push(err));
    await pool.query('CREATE TABLE kept (v text)');
    await pool.query(`INSERT INTO kept VALUES ('written before the outage')`);
  });

  afterAll(async () => {
    await pool?.end().catch(() => {});
    if (cluster) await destroyCluster(cluster);
  });

  it('refuses connections once stopped, then serves the same data on the same port once started again', async () => {
    const port = cluster.port;

    await stopCluster(cluster);
    expect(isRunning(cluster)).toBe(false);

    // A fresh connection is refused outright.
    const fresh = new Client({ connectionString: clusterUrl(cluster) });
    await expect(fresh.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    // The pool's query fails with a connection error (its idle client was terminated, or a new one is refused).
    const failure = await pool.query('SELECT 1').then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure, 'a query while PostgreSQL is down must fail').not.toBeNull();
    expect(isConnectionError(failure), `not a connection error: ${String(failure)} (${(failure as { code?: string }).code})`).toBe(true);

    await startCluster(cluster);
    expect(isRunning(cluster)).toBe(true);
    expect(cluster.port).toBe(port);

    // The same pool recovers: the dead clients are gone, a new connection is made.
    const { rows } = await pool.query('SELECT v FROM kept');
    expect(rows).toEqual([{ v: 'written before the outage' }]);
    expect(poolErrors.every(isConnectionError), poolErrors.map(String).join('; ')).toBe(true);
  }, 120_000);
});
