/**
 * Keyset cursors: walking a list page by page gives the whole list in order, forward and
 * backward, in every order (nulls, mixed directions, ties); and a page read after writes
 * neither repeats nor skips a row that existed before and after them (the contract's
 * "Running it"). Real SQLite, the real migrations, the lists' own definitions; random bases
 * and random writes between pages (fast-check, seeded).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statement, type Engine } from '../../src/db/engine.js';
import { createConnections } from '../../src/modules/common/connection.service.js';
import { eventList } from '../../src/modules/event/event.store.js';
import { statementList, statementStore } from '../../src/modules/statement/statement.store.js';
import type { Direction, ListStore } from '../../src/db/keyset.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

const insertEvent = statement(
  `INSERT INTO events (id, title, summary, kind, status, start_precision, start_year, start_month, start_day, first_mention) VALUES (?, ?, 'synthetic', ?, 'OCCURRED', ?, ?, ?, NULL, ?)`,
);
const insertStatement = statement(`INSERT INTO statements (id, kind, summary, attribution_kind, first_mention) VALUES (?, ?, 'synthetic', 'NAMED', ?)`);
const deleteEvent = statement(`DELETE FROM events WHERE id = ?`);
const deleteStatement = statement(`DELETE FROM statements WHERE id = ?`);
const clear = [statement('DELETE FROM events'), statement('DELETE FROM statements')];

interface Row {
  id: string;
  kind: string;
  year: number | null;
  month: number | null;
  mention: number | null;
}

const rowArb = fc.record({
  kind: fc.constantFrom('MEETING', 'STATEMENT', 'THREAT'),
  year: fc.option(fc.integer({ min: 2020, max: 2026 }), { nil: null }),
  month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  // Few distinct values, so ties on the order key are common and the id must break them.
  mention: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
});

type ListCase = { name: string; list: ListStore<{ id: string }>; orders: string[]; insert(engine: Engine, row: Row): Promise<unknown>; remove: typeof deleteEvent };

const CASES: ListCase[] = [
  {
    name: 'events',
    list: eventList,
    orders: ['MENTION', 'START', 'TITLE', 'ID'],
    insert: (engine, r) =>
      engine.run(insertEvent, [r.id, `Title ${r.kind} ${r.mention ?? 'x'}`, r.kind === 'STATEMENT' ? 'STATEMENT' : r.kind === 'THREAT' ? 'THREAT' : 'MEETING', r.year === null ? 'UNKNOWN' : r.month === null ? 'YEAR' : 'MONTH', r.year, r.year === null ? null : r.month, r.mention]),
    remove: deleteEvent,
  },
  {
    name: 'statements',
    list: statementList,
    orders: ['MENTION', 'KIND', 'ID'],
    insert: (engine, r) => engine.run(insertStatement, [r.id, r.kind === 'MEETING' ? 'CLAIM' : r.kind === 'THREAT' ? 'THREAT' : 'DENIAL', r.mention]),
    remove: deleteStatement,
  },
];

let kb: TestKb;
/** The statements the driver ran while `recording`. */
const ran: string[] = [];
let recording = false;

async function fill(c: ListCase, rows: Row[]) {
  for (const s of clear) await kb.engine.run(s);
  for (const r of rows) await c.insert(kb.engine, r);
}

/** Walks the whole list with pages of `size`, forward (first/after) or backward (last/before), running `between` after each page. */
async function walk(c: ListCase, order: string, direction: Direction, size: number, backwards: boolean, between: (page: number) => Promise<void> = async () => {}) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 500; page++) {
    const connection = createConnections(kb.engine);
    const result: Awaited<ReturnType<typeof connection<{ id: string }>>> = await connection({
      list: c.list,
      scope: c.name,
      filters: [],
      order: { field: order, direction },
      page: backwards ? { last: size, before: cursor } : { first: size, after: cursor },
    });
    const ids = result.edges.map((e) => e.node.id);
    if (backwards) seen.unshift(...ids);
    else seen.push(...ids);
    const more = backwards ? result.pageInfo.hasPreviousPage : result.pageInfo.hasNextPage;
    if (!more) return seen;
    cursor = backwards ? result.pageInfo.startCursor : result.pageInfo.endCursor;
    await between(page);
  }
  throw new Error('the walk did not end');
}

describe.each(testEngines())('Keyset pages on $engine', ({ engine }) => {
  beforeAll(async () => {
    kb = await openTestKb(engine, { label: 'keyset', onStatement: (text) => recording && ran.push(text) });
  });
  afterAll(() => kb?.dispose());

  for (const c of CASES) {
    it(`walk every order of ${c.name} forward and backward, in pages of any size, as one read of the whole list`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(rowArb, { minLength: 0, maxLength: 40 }), fc.constantFrom(...c.orders), fc.constantFrom<Direction>('ASC', 'DESC'), fc.integer({ min: 1, max: 7 }), async (rows, order, direction, size) => {
          await fill(c, rows.map((r, i) => ({ ...r, id: `${c.name === 'events' ? 'event' : 'statement'}:r${String(i).padStart(2, '0')}` })));
          const whole = await walk(c, order, direction, 100, false);
          expect(whole).toHaveLength(rows.length);
          expect(await walk(c, order, direction, size, false)).toEqual(whole);
          expect(await walk(c, order, direction, size, true)).toEqual(whole);
        }),
        { seed: SEED, numRuns: 60 },
      );
    });

    it(`read ${c.name} after writes between pages: no row that existed before and after is repeated or skipped, and the order holds`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(rowArb, { minLength: 1, maxLength: 30 }),
          fc.array(fc.record({ insert: rowArb, removeIndex: fc.nat() }), { minLength: 1, maxLength: 10 }),
          fc.constantFrom(...c.orders),
          fc.constantFrom<Direction>('ASC', 'DESC'),
          fc.integer({ min: 1, max: 5 }),
          async (rows, writes, order, direction, size) => {
            const prefix = c.name === 'events' ? 'event' : 'statement';
            const initial = rows.map((r, i) => ({ ...r, id: `${prefix}:r${String(i).padStart(2, '0')}` }));
            await fill(c, initial);
            const removed = new Set<string>();
            const seen = await walk(c, order, direction, size, false, async (page) => {
              const w = writes[page % writes.length]!;
              await c.insert(kb.engine, { ...w.insert, id: `${prefix}:w${page}` });
              const victim = initial[w.removeIndex % initial.length]!.id;
              removed.add(victim);
              await kb.engine.run(c.remove, [victim]);
            });
            const survivors = await walk(c, order, direction, 100, false);
            const kept = survivors.filter((id) => !id.includes(':w'));
            // Every row there from start to end is seen exactly once, in the list's order.
            expect(seen.filter((id) => kept.includes(id))).toEqual(kept);
            expect(new Set(seen).size).toBe(seen.length);
            for (const id of seen) expect(removed.has(id) || kept.includes(id) || id.includes(':w')).toBe(true);
          },
        ),
        { seed: SEED, numRuns: 60 },
      );
    });
  }

  it('returns rows that are the rows a read by id gives, the same columns in the same order, with nothing of the page\'s key left on them', async () => {
    const c = CASES[1]!;
    await fill(c, Array.from({ length: 12 }, (_, i) => ({ id: `statement:k${String(i).padStart(2, '0')}`, kind: i % 2 ? 'THREAT' : 'MEETING', year: null, month: null, mention: i % 3 ? i : null })));
    const speakers = ['actor:k-a', 'actor:k-b'];
    for (const id of speakers) await kb.engine.run(statement(`INSERT INTO actors (id, name, kind, description) VALUES (?, ?, 'STATE', 'synthetic')`), [id, id]);
    await kb.engine.run(statement(`UPDATE statements SET speaker_id = CASE WHEN first_mention IS NULL OR first_mention % 2 = 0 THEN 'actor:k-a' ELSE 'actor:k-b' END`));
    const query = { filters: [], order: 'KIND', direction: 'ASC' as const, after: null, before: null, backwards: false, limit: 5 };
    const root = (await statementList.page(kb.engine, { ...query, parent: 'root' }, null)).get('*')!;
    // Many parents read in one statement (the window of each parent), and one parent alone.
    const many = await statementList.page(kb.engine, { ...query, parent: 'speaker' }, speakers);
    const one = (await statementList.page(kb.engine, { ...query, parent: 'speaker' }, [speakers[1]!])).get(speakers[1]!)!;
    for (const read of [root, many.get(speakers[0]!)!, many.get(speakers[1]!)!, one]) {
      expect(read.length).toBeGreaterThan(0);
      const byId = await statementStore.byIds(kb.engine, read.map((r) => r.row.id));
      for (const { row } of read) {
        const same = byId.find((r) => r.id === row.id)!;
        expect(Object.keys(row)).toEqual(Object.keys(same));
        expect(row).toStrictEqual(same);
      }
    }
    expect(one.map((r) => r.row.id)).toEqual(many.get(speakers[1]!)!.map((r) => r.row.id));
  });

  it('reads a page deep in a list with the same statement as the first page (the cursor is a key, not an offset)', async () => {
    const c = CASES[1]!;
    await fill(c, Array.from({ length: 300 }, (_, i) => ({ id: `statement:d${String(i).padStart(3, '0')}`, kind: 'MEETING', year: null, month: null, mention: i })));
    const connection = createConnections(kb.engine);
    const first = await connection({ list: c.list, scope: 'statements', filters: [], order: { field: 'MENTION' }, page: { first: 10 } });
    ran.length = 0;
    recording = true;
    const deep = await connection({ list: c.list, scope: 'statements', filters: [], order: { field: 'MENTION' }, page: { first: 10, after: first.pageInfo.endCursor } });
    recording = false;
    expect(deep.edges.map((e) => e.node.id)).toEqual(Array.from({ length: 10 }, (_, i) => `statement:d${String(10 + i).padStart(3, '0')}`));
    expect(ran, ran.join("\n")).toHaveLength(1);
    if (engine === 'sqlite') {
      // SQLite's plan for the page after the cursor: the index is searched from the cursor on, not scanned from the start.
      const plan = (kb.db!.$client.prepare(`EXPLAIN QUERY PLAN ${ran[0]}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/SEARCH s USING INDEX statements_mention_idx \(first_mention>\?\)/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      // PostgreSQL's plan: an index scan in the order asked, starting at the cursor, with no sort.
      const pool = (kb.engine as unknown as { pool: import('pg').Pool }).pool;
      const client = await pool.connect();
      try {
        // 300 rows would be read whole or sorted otherwise: with those off, an index scan with no Sort proves the index yields the list's order.
        await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off');
        const key = JSON.parse(Buffer.from(first.pageInfo.endCursor!, 'base64url').toString())[1];
        const text = ran[0]!.replace(/\$(\d)/g, (_, n) => ['', key[0], key[0], key[0], `'${key[1]}'`, 11][Number(n)]);
        const plan = (await client.query(`EXPLAIN ${text}`)).rows.map((r) => r['QUERY PLAN']).join(' | ');
        expect(plan, plan).toMatch(/Index Scan using statements_mention_idx/);
        expect(plan, plan).toMatch(/Index Cond: \(+first_mention >= /);
        expect(plan).not.toMatch(/Sort/);
      } finally {
        client.release();
      }
    }
  });
});
