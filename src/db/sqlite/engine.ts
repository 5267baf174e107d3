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
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { ListParam, type Engine, type Executor, type Param, type Statement } from '../engine.js';

/** Applies a statement's `decode` to SQLite's untyped values. */
function decodeRow(row: Record<string, unknown>, decode: Statement['decode']): Record<string, unknown> {
  if (!decode) return row;
  for (const key of decode.bool ?? []) if (row[key] !== null && row[key] !== undefined) row[key] = row[key] === 1 || row[key] === true;
  for (const key of decode.json ?? []) if (typeof row[key] === 'string') row[key] = JSON.parse(row[key] as string);
  return row;
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
  const prepared = new Map<string, Database.Statement>();
  const gate = new Gate();
  const inside = new AsyncLocalStorage<'write' | 'read'>();

  function prepare(statement: Statement): Database.Statement {
    const text = statement.text.sqlite;
    let stmt = prepared.get(text);
    if (!stmt) prepared.set(text, (stmt = sqlite.prepare(text)));
    return stmt;
  }

  /** Runs statements directly: inside a transaction, or once the gate allows. */
  const direct: Executor = {
    kind: 'sqlite',
    async all<R>(statement: Statement, params: readonly Param[] = []) {
      const rows = prepare(statement).all(...bind(params)) as Record<string, unknown>[];
      return (statement.decode ? rows.map((r) => decodeRow(r, statement.decode)) : rows) as R[];
    },
    async get<R>(statement: Statement, params: readonly Param[] = []) {
      const row = prepare(statement).get(...bind(params)) as Record<string, unknown> | undefined;
      return (row && statement.decode ? decodeRow(row, statement.decode) : row) as R | undefined;
    },
    async run(statement: Statement, params: readonly Param[] = []) {
      return { changes: prepare(statement).run(...bind(params)).changes };
    },
    async *iterate<R>(statement: Statement, params: readonly Param[] = []) {
      let stmt = prepare(statement);
      // The same statement already stepping (a nested read of the same kind) gets a copy of its own.
      if (stmt.busy) stmt = sqlite.prepare(statement.text.sqlite);
      for (const row of stmt.iterate(...bind(params)) as Iterable<Record<string, unknown>>) {
        yield (statement.decode ? decodeRow(row, statement.decode) : row) as R;
      }
    },
  };

  /** A statement from outside any transaction: waits for an open write to end. */
  async function outside<T>(run: () => Promise<T>): Promise<T> {
    const state = inside.getStore();
    if (state === 'write') throw new Error('a statement ran on the engine inside its own transaction: use the transaction executor');
    if (state !== 'read' && gate.busyWriting) await gate.idle();
    return run();
  }

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
        sqlite.prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await inside.run('write', () => work(direct));
          sqlite.prepare('COMMIT').run();
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.prepare('ROLLBACK').run();
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
        if (openSnapshots++ === 0 && !sqlite.inTransaction) sqlite.prepare('BEGIN').run();
        return await inside.run('read', () => work(direct));
      } finally {
        if (--openSnapshots === 0 && sqlite.inTransaction) sqlite.prepare('COMMIT').run();
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
        if (openSnapshots++ === 0 && !sqlite.inTransaction) sqlite.prepare('BEGIN').run();
        yield* direct.iterate<R>(statement, params);
      } finally {
        if (--openSnapshots === 0 && sqlite.inTransaction) sqlite.prepare('COMMIT').run();
        gate.release(false);
      }
    },

    async close() {
      prepared.clear();
      if (sqlite.open) sqlite.close();
    },
  };
}
