/**
 * The search query language against the real engines: whatever the text, the compiled query
 * is accepted (FTS5 in memory with the index's own tokenizer options; the run's PostgreSQL,
 * a database of its own, when the run has one), and it finds exactly the documents a plain reading of the
 * parsed query finds, on both engines.
 *
 * Property runs use `FUZZ_SEED` when set, otherwise a new seed, printed, to replay a failure.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../helpers/engines.js';
import { compileFts5, compileTsquery, parseSearchQuery, type SearchNode } from '../../src/analysis/search-query.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31);
console.log(`search-query-engines: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);

/** The search index's tokenizer and prefix options, read from its migration so they cannot drift. */
function searchIndexOptions(): string {
  const migration = readFileSync(new URL('../../src/db/migrations/0001_search.sql', import.meta.url), 'utf8');
  const create = migration.match(/CREATE VIRTUAL TABLE `search_fts` USING fts5\((.*)\)/)?.[1] ?? '';
  const options = ['tokenize', 'prefix'].map((name) => create.match(new RegExp(`${name}='[^']*'`))?.[0]);
  if (options.includes(undefined)) throw new Error(`no tokenize and prefix options found in the migration: ${create}`);
  return options.join(', ');
}

/** Pieces of text a user (or an attacker) might type, for queries that use the syntax a lot. */
const PIECES = [
  'iran', 'Iran’s', "Iran's", 'U.S.', 'twelve-day', 'missil', 'Tĥe', 'TÉHRAN', 'and', 'or', 'not',
  'AND', 'OR', 'NOT', 'NEAR', 'NEAR(', '(', ')', '"', '""', '*', ' * ', "'", "''", '\\', ':', '^', '+', '-', '!', '&', '|', '<->', ':*',
  '{', '}', ',', '.', ' ', ' ', ' ', '\t', '\n', '\u0000', '\u0301', 'ि', '한국', '🙂', '\u{1e900}', '\ud800', '\udc00', 'body:', '*"', '"*',
];

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 }),
  // Deep nesting, long runs of operators.
  fc.string({ unit: fc.constantFrom('(', ')', ' OR ', ' NOT ', ' AND ', 'a', 'b', '"', ' '), maxLength: 400 }),
);

/** Small documents and queries over a small vocabulary, so that queries often match. */
const VOCABULARY = ['iran', 'irans', 's', 'us', 'u', 'talks', 'missile', 'missiles', 'nuclear', 'day'];
const documents = fc.array(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 6 }), { minLength: 1, maxLength: 8 });
const queryText = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY, "Iran's", 'U.S.', 'missil*', 'IRAN', 'Tälks', 'AND', 'OR', 'NOT', 'NOT', '(', ')', '"', '*'), fc.constantFrom(' ', ' ', '')), { maxLength: 10 })
  .map((parts) => parts.map(([piece, sep]) => piece + sep).join(''));

/** Whether a document (its words, in order) matches the parsed query: the reading both engines must agree with. */
function matches(node: SearchNode, words: readonly string[]): boolean {
  switch (node.kind) {
    case 'term':
      return words.some((_, at) =>
        node.words.every((w, k) => {
          const word = words[at + k];
          return word !== undefined && (node.prefix && k === node.words.length - 1 ? word.startsWith(w) : word === w);
        }),
      );
    case 'or':
      return node.anyOf.some((n) => matches(n, words));
    case 'and':
      return node.include.every((n) => matches(n, words)) && !node.exclude.some((n) => matches(n, words));
  }
}

/** The documents (numbered from 1) the parsed query matches. */
function expected(text: string, docs: string[][]): number[] {
  const root = parseSearchQuery(text).root;
  return docs.flatMap((words, i) => (root && matches(root, words) ? [i + 1] : []));
}

describe('Search query on FTS5: every text compiles to a query the index accepts', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(body, ${searchIndexOptions()})`);
  const insert = db.prepare('INSERT INTO docs (rowid, body) VALUES (?, ?)');
  const search = db.prepare<[string], { rowid: number }>('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid');
  afterAll(() => db.close());

  it('accepts the compiled query of any text (thousands of random texts)', () => {
    db.exec('DELETE FROM docs');
    ['Washington and Tehran are weighing a second round of negotiations regarding Iran’s nuclear program', 'a twelve-day conflict initiated by Israel against Iran', 'Iran has threatened to strike U.S. Bases in the region', 'Tĥe 한국 हिन्दी ab🙂cd'].forEach((body, i) => insert.run(i + 1, body));
    fc.assert(
      fc.property(anyText, (text) => {
        const compiled = compileFts5(parseSearchQuery(text));
        expect(() => search.all(compiled), compiled).not.toThrow();
      }),
      { numRuns: 6000, seed: SEED },
    );
  });

  it('accepts the deepest nesting the parser keeps, in every shape', () => {
    const shapes: ((inner: string, n: number) => string)[] = [
      (inner, n) => `(a${n} OR ${inner})`,
      (inner, n) => `(a${n} NOT ${inner})`,
      (inner, n) => `a${n} (b${n} OR c${n} ${inner})`,
      (inner, n) => `x${n} OR (y${n} NOT (z${n} OR ${inner}))`,
      (inner, n) => `NOT (a${n} OR NOT (b${n} ${inner})) c${n}`,
      (inner, n) => `(a${n} OR b${n}) NOT (c${n} OR (d${n} e${n} NOT ${inner}))`,
    ];
    for (const shape of shapes) {
      let text = 'w';
      for (let n = 0; n < 100; n++) text = shape(text, n);
      const compiled = compileFts5(parseSearchQuery(text));
      expect(() => search.all(compiled), compiled).not.toThrow();
    }
  });

  it('finds the article’s words with punctuation as the index tokenized them', () => {
    db.exec('DELETE FROM docs');
    ['Iran’s nuclear program', 'a twelve-day conflict', 'strike U.S. Bases in the region', 'Iran says no', 'the day of twelve talks'].forEach((body, i) => insert.run(i + 1, body));
    const ids = (text: string) => search.all(compileFts5(parseSearchQuery(text))).map((r) => r.rowid);
    expect(ids("Iran's")).toEqual([1]);
    expect(ids('twelve-day')).toEqual([2]);
    expect(ids('U.S. bases')).toEqual([3]);
    expect(ids('u.s*')).toEqual([3]);
    expect(ids('IRAN NOT nuclear')).toEqual([4]);
  });

  it('finds exactly the documents the parsed query describes (thousands of random queries)', () => {
    fc.assert(
      fc.property(documents, queryText, (docs, text) => {
        db.exec('DELETE FROM docs');
        docs.forEach((words, i) => insert.run(i + 1, words.join(' ')));
        const found = search.all(compileFts5(parseSearchQuery(text))).map((r) => r.rowid);
        expect(found).toEqual(expected(text, docs));
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
});

describe.runIf(postgresAvailable())('Search query on PostgreSQL: every text compiles to a tsquery to_tsquery accepts', () => {
  let client: pg.Client;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('search_query');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('accepts the compiled query of any text (thousands of random texts)', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const compiled = compileTsquery(parseSearchQuery(text));
        await expect(client.query("SELECT to_tsquery('simple', $1)::text", [compiled]), compiled).resolves.toBeDefined();
      }),
      { numRuns: 4000, seed: SEED },
    );
  });

  it('matches the phrases of words with punctuation against to_tsvector of the text', async () => {
    const hit = async (text: string, body: string) => (await client.query<{ hit: boolean }>("SELECT to_tsvector('simple', $2) @@ to_tsquery('simple', $1) AS hit", [compileTsquery(parseSearchQuery(text)), body])).rows[0]!.hit;
    expect(await hit("Iran's", "Iran's nuclear")).toBe(true);
    expect(await hit("Iran's", 'Iran’s nuclear')).toBe(true);
    expect(await hit("Iran's", 'Iran says')).toBe(false);
    expect(await hit('twelve-day', 'a twelve-day conflict')).toBe(true);
    expect(await hit('missil* NOT nuclear', 'missiles and talks')).toBe(true);
    expect(await hit('missil* NOT nuclear', 'nuclear missiles')).toBe(false);
  });

  it('finds exactly the documents the parsed query describes (thousands of random queries)', async () => {
    await fc.assert(
      fc.asyncProperty(documents, queryText, async (docs, text) => {
        const parsed = parseSearchQuery(text);
        fc.pre(parsed.root !== null);
        const { rows } = await client.query<{ ids: number[] }>(
          `SELECT coalesce(array_agg(i::int ORDER BY i), '{}') AS ids FROM unnest($2::text[]) WITH ORDINALITY AS d(body, i)
           WHERE to_tsvector('simple', body) @@ to_tsquery('simple', $1)`,
          [compileTsquery(parsed), docs.map((words) => words.join(' '))],
        );
        expect(rows[0]!.ids).toEqual(expected(text, docs));
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});
