/**
 * The SQLite engine: one better-sqlite3 connection behind the async `Engine` interface.
 *
 * better-sqlite3 is synchronous, so a statement never yields; a transaction does, between its
 * statements, when the store awaits. On one connection everything shares one transaction
 * state, so the engine keeps a gate: while a write transaction is open, statements from
 * outside it wait until it ends (they would otherwise read its uncommitted rows, or join it);
 * while snapshots are open, a write waits for them. The waits are short: nothing inside a
 * transaction awaits anything but the engine itself. A statement run on the engine from
 * inside its own transaction would wait for itself forever, so it is refused with a message.
 *
 * Statements are prepared once per connection (a cache by text). Counting the statements run is
 * the driver's: better-sqlite3's `verbose` option (see `client.ts`).
 *
 * Rows are read as arrays (`raw` mode) and made into objects here, by a function compiled once
 * per statement (`rowMaker`). better-sqlite3's own objects are made in V8's dictionary mode
 * (`Object::New` with a property list): slower to make, larger, and slower to read in every
 * resolver after; an object literal of the statement's columns is none of these (the nested
 * page of the bench, 200 statements of 17 columns: about 0.7 ms for its rows instead of 1.1).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { ListParam, type Engine, type Executor, type Param, type Statement } from '../engine.js';

/** Makes one row object from the values of a row, in the statement's column order. */
type RowMaker = (values: unknown[]) => Record<string, unknown>;

/**
 * The row maker of a statement's columns: `(v) => ({ "id": v[0], "name": v[1], … })`, with the
 * statement's `decode` applied in place (booleans stored as 0/1, JSON stored as text). Compiled
 * from the column names SQLite reports for the prepared statement (our own SQL's aliases,
 * quoted as JSON strings), so every row of a statement has one shape and fast properties.
 * A duplicate name keeps its last value, as an object made column by column would.
 */
function rowMaker(columns: readonly string[], decode: Statement['decode']): RowMaker {
  const bool = new Set(decode?.bool ?? []);
  const json = new Set(decode?.json ?? []);
  const fields = columns.map((name, i) => {
    const v = `v[${i}]`;
    const value = bool.has(name) ? `(${v} == null ? ${v} : ${v} === 1 || ${v} === true)` : json.has(name) ? `(typeof ${v} === 'string' ? parse(${v}) : ${v})` : v;
    // A literal's "__proto__" key would set the prototype; a computed one is a plain property.
    return `${name === '__proto__' ? '["__proto__"]' : JSON.stringify(name)}: ${value}`;
  });
  return new Function('parse', `return function row(v) { return { ${fields.join(', ')} }; };`)(JSON.parse) as RowMaker;
}

function bind(params: readonly Param[]): unknown[] {
  return params.map((p) => (p instanceof ListParam ? JSON.stringify(p.values) : typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/** Readers (snapshots) share, a writer (transaction) excludes; waiters are served in order. */
class Gate {
  private writing = false;
  private readers = 0;
  private waiters: { write: boolean; go: () => void }[] = [];

  get busyWriting(): boolean {
    return this.writing;
  }

  acquire(write: boolean): Promise<void> | void {
    if (this.waiters.length === 0 && (write ? !this.writing && this.readers === 0 : !this.writing)) return this.take(write);
    return new Promise((go) => this.waiters.push({ write, go: () => (this.take(write), go()) }));
  }

  /** Resolves once no write transaction is open (for a statement outside any transaction). */
  idle(): Promise<void> | void {
    if (!this.writing) return;
    return new Promise((go) => this.waiters.push({ write: false, go: () => go() }));
  }

  release(write: boolean): void {
    if (write) this.writing = false;
    else this.readers--;
    while (this.waiters.length > 0) {
      const next = this.waiters[0]!;
      if (this.writing || (next.write && this.readers > 0)) break;
      this.waiters.shift();
      next.go();
      if (next.write) break;
    }
  }

  private take(write: boolean): void {
    if (write) this.writing = true;
    else this.readers++;
  }
}

export function sqliteEngine(sqlite: Database.Database, location: string): Engine {
  /** A prepared statement, and for a read the row maker of each `decode` its text is defined with. */
  interface Prepared {
    stmt: Database.Statement;
    columns: string[] | null;
    makers: Map<Statement['decode'], RowMaker>;
  }
  const prepared = new Map<string, Prepared>();
  const gate = new Gate();
  const inside = new AsyncLocalStorage<'write' | 'read'>();

  function prepareText(text: string): Prepared {
    const stmt = sqlite.prepare(text);
    // Only a statement that returns rows has columns or a raw mode.
    const columns = stmt.reader ? stmt.raw(true).columns().map((c) => c.name) : null;
    return { stmt, columns, makers: new Map() };
  }

  function prepare(statement: Statement): Prepared {
    const text = statement.text.sqlite;
    let entry = prepared.get(text);
    if (!entry) prepared.set(text, (entry = prepareText(text)));
    return entry;
  }

  function makerOf(entry: Prepared, statement: Statement): RowMaker {
    let make = entry.makers.get(statement.decode);
    if (!make) {
      if (!entry.columns) throw new Error(`a statement that returns no rows was read as a query: ${statement.text.sqlite}`);
      entry.makers.set(statement.decode, (make = rowMaker(entry.columns, statement.decode)));
    }
    return make;
  }

  /** Runs statements directly: inside a transaction, or once the gate allows. */
  const direct: Executor = {
    kind: 'sqlite',
    async all<R>(statement: Statement, params: readonly Param[] = []) {
      const entry = prepare(statement);
      const make = makerOf(entry, statement);
      const rows = entry.stmt.all(...bind(params)) as unknown[][];
      const out = new Array<R>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = make(rows[i]!) as R;
      return out;
    },
    async get<R>(statement: Statement, params: readonly Param[] = []) {
      const entry = prepare(statement);
      const make = makerOf(entry, statement);
      const row = entry.stmt.get(...bind(params)) as unknown[] | undefined;
      return (row === undefined ? undefined : make(row)) as R | undefined;
    },
    async run(statement: Statement, params: readonly Param[] = []) {
      return { changes: prepare(statement).stmt.run(...bind(params)).changes };
    },
    async *iterate<R>(statement: Statement, params: readonly Param[] = []) {
      let entry = prepare(statement);
      // The same statement already stepping (a nested read of the same kind) gets a copy of its own.
      if (entry.stmt.busy) entry = prepareText(statement.text.sqlite);
      const make = makerOf(entry, statement);
      for (const row of entry.stmt.iterate(...bind(params)) as Iterable<unknown[]>) yield make(row) as R;
    },
  };

  /** A statement from outside any transaction: waits for an open write to end. */
  function outside<T>(run: () => Promise<T>): Promise<T> {
    const state = inside.getStore();
    if (state === 'write') return Promise.reject(new Error('a statement ran on the engine inside its own transaction: use the transaction executor'));
    if (state !== 'read' && gate.busyWriting) return Promise.resolve(gate.idle()).then(run);
    return run();
  }

  /**
   * Runs a transaction's or a snapshot's work marked as inside it. AsyncLocalStorage follows the
   * work through its awaits with promise hooks, which on Node 20 cost every promise the process
   * makes while the storage is enabled, in every request, not only the marked ones (about a
   * tenth of a question's time at 10 clients). So the storage is enabled only while some work runs, and
   * disabled when the last one ends: nothing outside a transaction or snapshot needs a mark.
   */
  let marked = 0;
  async function within<T>(state: 'write' | 'read', work: () => Promise<T>): Promise<T> {
    marked++;
    try {
      return await inside.run(state, work);
    } finally {
      if (--marked === 0) inside.disable();
    }
  }

  // Transaction control, prepared once like every statement.
  const control = (text: string) => {
    const stmt = sqlite.prepare(text);
    return () => void stmt.run();
  };
  const begin = control('BEGIN');
  const beginWrite = control('BEGIN IMMEDIATE');
  const commit = control('COMMIT');
  const rollback = control('ROLLBACK');

  // Snapshots share one read transaction on the connection, begun by the first and ended by the last.
  let openSnapshots = 0;

  return {
    kind: 'sqlite',
    location,
    all: (statement, params) => outside(() => direct.all(statement, params)),
    get: (statement, params) => outside(() => direct.get(statement, params)),
    run: (statement, params) => outside(() => direct.run(statement, params)),

    async transaction(work) {
      if (inside.getStore()) throw new Error('transactions do not nest: run the work on the executor you were given');
      await gate.acquire(true);
      try {
        beginWrite();
        try {
          const result = await within('write', () => work(direct));
          commit();
          return result;
        } catch (error) {
          if (sqlite.inTransaction) rollback();
          throw error;
        }
      } finally {
        gate.release(true);
      }
    },

    async snapshot(work) {
      if (inside.getStore()) return work(direct);
      await gate.acquire(false);
      try {
        if (openSnapshots++ === 0 && !sqlite.inTransaction) begin();
        return await within('read', () => work(direct));
      } finally {
        if (--openSnapshots === 0 && sqlite.inTransaction) commit();
        gate.release(false);
      }
    },

    // Outside a transaction the rows are read in a snapshot of their own, held while they stream.
    async *iterate<R>(statement: Statement, params: readonly Param[] = []) {
      const state = inside.getStore();
      if (state === 'write') throw new Error('a statement ran on the engine inside its own transaction: use the transaction executor');
      if (state === 'read') return yield* direct.iterate<R>(statement, params);
      await gate.acquire(false);
      try {
        if (openSnapshots++ === 0 && !sqlite.inTransaction) begin();
        yield* direct.iterate<R>(statement, params);
      } finally {
        if (--openSnapshots === 0 && sqlite.inTransaction) commit();
        gate.release(false);
      }
    },

    async close() {
      prepared.clear();
      if (sqlite.open) sqlite.close();
    },
  };
}
