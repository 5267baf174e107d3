/**
 * The PostgreSQL engine: a node-postgres pool behind the async `Engine` interface.
 *
 * Every statement runs as a named prepared statement (`{ name, text, values }`), which
 * node-postgres prepares once per connection and reuses. 64-bit integers (`count(*)`) and
 * numerics are read as numbers: every count of the knowledge base fits a double.
 *
 * A connection failure (the server stopped, the network gone) becomes a
 * `DatabaseUnavailableError`, which the API reports as SERVICE_UNAVAILABLE; the pool makes new
 * connections when the server is back, so the process stays up and recovers by itself.
 */
import pg from 'pg';
import { DatabaseUnavailableError, ListParam, type Engine, type EngineOptions, type Executor, type Param, type Statement } from '../engine.js';

const { Pool, types } = pg;

/** int8 and numeric as JavaScript numbers (counts and sums; never beyond 2^53 here). */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === types.builtins.INT8 || oid === types.builtins.NUMERIC) return (value: string) => Number(value);
    return types.getTypeParser(oid, format);
  },
};

/** SQLSTATE classes and driver codes that mean the database, not the statement, failed. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(error.message);
}

/** `postgres://user@host:port/db`, without a password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

function bind(params: readonly Param[]): unknown[] {
  return params.map((p) => (p instanceof ListParam ? p.values : p));
}

export interface PgEngineOptions extends EngineOptions {
  /** Connections in the pool (default 10). */
  max?: number;
}

export function pgEngine(url: string, options: PgEngineOptions = {}): Engine & { pool: pg.Pool } {
  const location = describeUrl(url);
  const pool = new Pool({ connectionString: url, max: options.max ?? 10, types: typeParsers, connectionTimeoutMillis: 5_000 });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would end
  // the process. The next statement gets a fresh connection or a coded error instead.
  pool.on('error', () => {});
  const onStatement = options.onStatement;

  async function query(client: pg.Pool | pg.PoolClient, statement: Statement, params: readonly Param[]): Promise<pg.QueryResult> {
    onStatement?.(statement.text.postgres);
    try {
      return await client.query({ name: statement.name, text: statement.text.postgres, values: bind(params) });
    } catch (error) {
      throw isUnavailable(error) ? new DatabaseUnavailableError(location, error) : error;
    }
  }

  function executor(client: pg.Pool | pg.PoolClient): Executor {
    return {
      kind: 'postgres',
      all: async <R>(statement: Statement, params: readonly Param[] = []) => (await query(client, statement, params)).rows as R[],
      get: async <R>(statement: Statement, params: readonly Param[] = []) => (await query(client, statement, params)).rows[0] as R | undefined,
      run: async (statement: Statement, params: readonly Param[] = []) => ({ changes: (await query(client, statement, params)).rowCount ?? 0 }),
    };
  }

  async function connect(): Promise<pg.PoolClient> {
    try {
      const client = await pool.connect();
      // A checked-out client whose server goes away emits 'error' (the pool listens only on idle
      // ones); unhandled, it would end the process. The statement running on it fails by itself.
      if (client.listenerCount('error') === 0) client.on('error', () => {});
      return client;
    } catch (error) {
      throw isUnavailable(error) ? new DatabaseUnavailableError(location, error) : error;
    }
  }

  /** Runs `work` between `begin` and COMMIT on one connection; ROLLBACK when it throws. */
  async function inTransaction<T>(begin: string, work: (tx: Executor) => Promise<T>): Promise<T> {
    const client = await connect();
    let broken = false;
    // Transaction control counts too: onStatement sees every statement sent, as SQLite's verbose does.
    const control = (text: string) => (onStatement?.(text), client.query(text));
    try {
      await control(begin);
      const result = await work(executor(client));
      await control('COMMIT');
      return result;
    } catch (error) {
      try {
        await control('ROLLBACK');
      } catch {
        broken = true; // The connection is gone: the server rolls the transaction back itself.
      }
      throw isUnavailable(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(location, error) : error;
    } finally {
      client.release(broken);
    }
  }

  return {
    ...executor(pool),
    location,
    pool,
    transaction: (work) => inTransaction('BEGIN', work),
    snapshot: (work) => inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work),
    close: () => pool.end(),
  };
}
