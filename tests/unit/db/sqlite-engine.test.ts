/** The SQLite engine's gate: one connection, async transactions that nothing outside can see into; and the rows it makes. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statement, type Engine } from '../../../src/db/engine.js';
import { sqliteEngine } from '../../../src/db/sqlite/engine.js';

const count = statement('SELECT count(*) AS n FROM t');
const insert = statement('INSERT INTO t (v) VALUES (?)');
const flags = statement('SELECT v, v = 1 AS one, json_object(\'v\', v) AS doc FROM t ORDER BY v', { decode: { bool: ['one'], json: ['doc'] } });

let engine: Engine;
let ran: string[];
beforeEach(() => {
  ran = [];
  const sqlite = new Database(':memory:', { verbose: (text) => ran.push(String(text)) });
  sqlite.exec('CREATE TABLE t (v integer)');
  engine = sqliteEngine(sqlite, ':memory:');
  ran.length = 0;
});
afterEach(() => engine.close());

describe('the SQLite engine', () => {
  it('does not let a read outside a transaction see its uncommitted rows', async () => {
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const write = engine.transaction(async (tx) => {
      await tx.run(insert, [1]);
      await paused;
      await tx.run(insert, [2]);
    });
    const read = engine.get<{ n: number }>(count);
    release();
    await write;
    // The read waited for the commit: it saw both rows or (had it run first) none, never one.
    expect((await read)!.n).toBe(2);
  });

  it('rolls a transaction back when its work throws, and the next one runs', async () => {
    await expect(
      engine.transaction(async (tx) => {
        await tx.run(insert, [1]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await engine.get<{ n: number }>(count))!.n).toBe(0);
    await engine.transaction((tx) => tx.run(insert, [3]));
    expect((await engine.get<{ n: number }>(count))!.n).toBe(1);
  });

  it('refuses a statement run on the engine from inside its own transaction instead of waiting forever', async () => {
    await expect(engine.transaction(() => engine.get(count))).rejects.toThrow(/inside its own transaction/);
  });

  it('decodes booleans and JSON that SQLite returns untyped; the driver reports every statement run', async () => {
    await engine.run(insert, [1]);
    await engine.run(insert, [2]);
    expect(await engine.all(flags)).toEqual([
      { v: 1, one: true, doc: { v: 1 } },
      { v: 2, one: false, doc: { v: 2 } },
    ]);
    // better-sqlite3 reports each statement with its values bound.
    expect(ran).toEqual(['INSERT INTO t (v) VALUES (1.0)', 'INSERT INTO t (v) VALUES (2.0)', flags.text.sqlite]);
  });

  it('makes each row with the columns in the order selected: a repeated name keeps its last value, and "__proto__" is a plain column', async () => {
    await engine.run(insert, [7]);
    const rows = await engine.all<Record<string, unknown>>(statement('SELECT v AS b, v + 1 AS a, v + 2 AS b, v + 3 AS "__proto__" FROM t'));
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual(['b', 'a', '__proto__']);
    expect(rows[0]!.b).toBe(9);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rows[0], '__proto__')?.value).toBe(10);
    expect(await engine.get(statement('SELECT v FROM t WHERE v = 0'))).toBeUndefined();
  });

  it('refuses to read rows from a statement that returns none, naming it', async () => {
    await expect(engine.all(insert, [1])).rejects.toThrow(/returns no rows was read as a query: INSERT INTO t/);
    // Nothing was run: the refusal comes before the statement does.
    expect((await engine.get<{ n: number }>(count))!.n).toBe(0);
  });

  it('still knows a statement from inside a transaction after others have come and gone, and never mistakes one from outside', async () => {
    // Transactions and snapshots, overlapping and not, each awaiting between its statements.
    const work = Array.from({ length: 30 }, async (_, i) => {
      await new Promise((r) => setImmediate(r));
      if (i % 3 === 0) return engine.snapshot(async (tx) => (await tx.get(count), await new Promise((r) => setImmediate(r)), await engine.get(count)));
      if (i % 3 === 1) return engine.transaction(async (tx) => (await tx.run(insert, [i]), await new Promise((r) => setImmediate(r)), await tx.run(insert, [i])));
      return engine.get(count);
    });
    await Promise.all(work);
    expect((await engine.get<{ n: number }>(count))!.n).toBe(20);
    await expect(engine.transaction(async () => (await new Promise((r) => setImmediate(r)), await engine.get(count)))).rejects.toThrow(/inside its own transaction/);
    await expect(engine.snapshot((tx) => tx.get<{ n: number }>(count))).resolves.toEqual({ n: 20 });
  });
});
