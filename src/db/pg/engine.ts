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
import { DatabaseUnavailableError, ListParam, type Engine, type EngineOptions, type Executor, type Listener, type Param, type Statement } from '../engine.js';

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

/** The connection behind each transaction's executor, lent in turn with its statements (see `withConnection`). */
const connections = new WeakMap<Executor, <T>(use: (client: pg.PoolClient) => Promise<T>) => Promise<T>>();

/**
 * Runs `use` on the connection of a PostgreSQL transaction's executor, once the statements
 * sent before it are done (the bulk loader's COPY); throws for any other executor.
 */
export function withConnection<T>(tx: Executor, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const lend = connections.get(tx);
  if (!lend) throw new Error('withConnection: not the executor of a PostgreSQL transaction');
  return lend(use);
}

/** Rows a cursor FETCHes at a time: few round trips, little memory. */
const CURSOR_BATCH = 1000;

const SNAPSHOT_BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

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

  /**
   * The last query sent on each checked-out connection: a store may start several reads at once
   * (`Promise.all`) on one transaction, and node-postgres, which runs them in turn anyway, warns
   * (deprecated) when a query is sent while another runs; so they are sent one after another.
   */
  const lastOn = new WeakMap<pg.PoolClient, Promise<unknown>>();
  function inTurn<T>(client: pg.Pool | pg.PoolClient, send: () => Promise<T>): Promise<T> {
    if (client instanceof Pool) return send();
    const result = (lastOn.get(client) ?? Promise.resolve()).then(send, send);
    lastOn.set(client, result.catch(() => {}));
    return result;
  }

  async function query(client: pg.Pool | pg.PoolClient, statement: Statement, params: readonly Param[]): Promise<pg.QueryResult> {
    onStatement?.(statement.text.postgres);
    try {
      return await inTurn(client, () => client.query({ name: statement.name, text: statement.text.postgres, values: bind(params) }));
    } catch (error) {
      throw isUnavailable(error) ? new DatabaseUnavailableError(location, error) : error;
    }
  }

  /** A plain query on one connection (cursor commands, transaction control), its failure typed like a statement's. */
  async function command(client: pg.PoolClient, text: string, values?: unknown[]): Promise<pg.QueryResult> {
    onStatement?.(text);
    try {
      return await inTurn(client, () => client.query(text, values));
    } catch (error) {
      throw isUnavailable(error) ? new DatabaseUnavailableError(location, error) : error;
    }
  }

  let cursors = 0;

  /**
   * Streams a read through a cursor declared in the client's open transaction, FETCHed a batch
   * at a time; other statements run on the client between two FETCHes. Closed at the end, or
   * when the reader stops early (unless the transaction failed meanwhile: its end drops it).
   */
  async function* stream<R>(client: pg.PoolClient, statement: Statement, params: readonly Param[]): AsyncGenerator<R> {
    const name = `kb_cursor_${++cursors}`;
    // Unnamed: a DECLARE cannot be a prepared statement; its parameters are bound all the same.
    await command(client, `DECLARE ${name} NO SCROLL CURSOR FOR ${statement.text.postgres}`, bind(params));
    let open = true;
    try {
      for (;;) {
        const { rows } = await command(client, `FETCH FORWARD ${CURSOR_BATCH} FROM ${name}`);
        for (const row of rows) yield row as R;
        if (rows.length < CURSOR_BATCH) break;
      }
      await command(client, `CLOSE ${name}`);
      open = false;
    } finally {
      if (open) await client.query(`CLOSE ${name}`).catch(() => {});
    }
  }

  function executor(client: pg.Pool | pg.PoolClient): Executor {
    const made: Executor = {
      kind: 'postgres',
      all: async <R>(statement: Statement, params: readonly Param[] = []) => (await query(client, statement, params)).rows as R[],
      get: async <R>(statement: Statement, params: readonly Param[] = []) => (await query(client, statement, params)).rows[0] as R | undefined,
      run: async (statement: Statement, params: readonly Param[] = []) => ({ changes: (await query(client, statement, params)).rowCount ?? 0 }),
      // On the pool (no transaction) a connection of its own, in a read-only snapshot held while the rows stream.
      iterate: <R>(statement: Statement, params: readonly Param[] = []) =>
        client instanceof Pool ? streamInSnapshot<R>(statement, params) : stream<R>(client as pg.PoolClient, statement, params),
    };
    if (!(client instanceof Pool)) connections.set(made, (use) => inTurn(client, () => use(client)));
    return made;
  }

  async function* streamInSnapshot<R>(statement: Statement, params: readonly Param[]): AsyncGenerator<R> {
    const client = await connect();
    let ended = false;
    let broken = false;
    try {
      await command(client, SNAPSHOT_BEGIN);
      yield* stream<R>(client, statement, params);
      await command(client, 'COMMIT');
      ended = true;
    } finally {
      // Failed, or stopped early (the generator returns through here): a read-only rollback loses nothing.
      if (!ended) await client.query('ROLLBACK').catch(() => (broken = true));
      client.release(broken);
    }
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

  /**
   * One client outside the pool, so a LISTEN is never handed to a request. Lost (the server
   * restarted, the network cut), it is replaced after a growing pause (0.1 s up to 5 s), and
   * `connected` tells the listener to catch up.
   */
  function listen(channel: string, handlers: { notified(payload: string): void; connected(): void }): Listener {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`listen: "${channel}" is not a plain channel name`);
    let current: pg.Client | null = null;
    let closed = false;
    let pause = 100;
    let timer: NodeJS.Timeout | undefined;
    const retry = () => {
      if (closed) return;
      timer = setTimeout(connectOnce, pause);
      timer.unref();
      pause = Math.min(pause * 2, 5_000);
    };
    async function connectOnce(): Promise<void> {
      if (closed) return;
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      // Errors end the client; its 'end' schedules the next attempt.
      client.on('error', () => {});
      client.on('notification', (message) => message.channel === channel && handlers.notified(message.payload ?? ''));
      client.on('end', () => {
        if (current !== client) return;
        current = null;
        retry();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${channel}`);
      } catch {
        await client.end().catch(() => {});
        retry();
        return;
      }
      if (closed) return void (await client.end().catch(() => {}));
      current = client;
      pause = 100;
      handlers.connected();
    }
    void connectOnce();
    return {
      async close() {
        closed = true;
        clearTimeout(timer);
        const client = current;
        current = null;
        await client?.end().catch(() => {});
      },
    };
  }

  return {
    ...executor(pool),
    location,
    pool,
    listen,
    transaction: (work) => inTransaction('BEGIN', work),
    snapshot: (work) => inTransaction(SNAPSHOT_BEGIN, work),
    close: () => pool.end(),
  };
}
