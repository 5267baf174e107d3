/**
 * Full-text search over the seed on both engines: the seed is loaded into SQLite (the real
 * seed path) and, when the run has a PostgreSQL, copied row for row into a database made by
 * the real PostgreSQL migrations, whose triggers build its search documents. For every query
 * of the list, both engines find the same matches (entity and field; the contract lets order,
 * scores and snippets differ), the hits a query should find are found, every hit returned
 * carries a snippet with the matched words marked « », `limit` is honoured, and a text with no
 * word is BAD_USER_INPUT in words that name no engine.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../src/analysis/search-query.js';
import { statement, type Engine, type Param } from '../../src/db/engine.js';
import { answerSearch } from '../../src/modules/question/search.service.js';
import { searchStore } from '../../src/modules/question/search.store.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { testEngines, type EngineName } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';

/** Every table the search documents come from, parents before children. */
const TABLES = [
  'sources', 'places', 'actors', 'actor_aliases', 'affiliations', 'actor_relations', 'events', 'event_participants', 'event_relations', 'issues', 'issue_obstacles',
  'issue_obstacle_parties', 'event_issues', 'statements', 'statement_relations', 'statement_issues', 'positions', 'position_conditions', 'position_statements', 'revisions', 'evidence',
];

/** A text with diacritics in the base itself (the seed has none), written on SQLite before the copy. */
const ACCENTED_ALIAS = `INSERT INTO actor_aliases (actor_id, alias) VALUES ('actor:iran', 'Téhéran régime')`;

async function copyRows(from: TestDb, to: Engine): Promise<void> {
  await to.transaction(async (tx) => {
    for (const table of TABLES) {
      const rows = from.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      if (rows.length === 0) continue;
      const booleans = new Set(from.sqlite.prepare(`SELECT name FROM pragma_table_info(?) WHERE type = 'integer' AND name LIKE 'is_%'`).pluck().all(table) as string[]);
      const columns = Object.keys(rows[0]!);
      for (let start = 0; start < rows.length; start += 500) {
        const chunk = rows.slice(start, start + 500);
        const values = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
        const params = chunk.flatMap((row) => columns.map((c) => (booleans.has(c) ? row[c] === 1 : row[c]) as Param));
        // Evidence ids are identity columns on PostgreSQL: keep SQLite's.
        await tx.run(statement(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values}`), params);
      }
    }
  });
}

/**
 * The queries, and what each must find (`includes`: these entities at least; `equals`: exactly
 * these). Every query finds something but those that must find nothing (`equals: []`).
 */
const QUERIES: { query: string; includes?: string[]; equals?: string[] }[] = [
  { query: 'Iran', includes: ['actor:iran'] },
  { query: "Iran's", includes: ['issue:ballistic-missile-program', 'event:iran-threat-to-strike-us-bases'] },
  { query: 'Iran’s' },
  { query: 'twelve-day', equals: ['actor:israel', 'event:twelve-day-conflict'] },
  { query: '"twelve-da"*', equals: ['actor:israel', 'event:twelve-day-conflict'] },
  { query: 'U.S. bases', equals: ['actor:iran', 'event:iran-threat-to-strike-us-bases', 'statement:iran-threatens-us-bases'] },
  { query: '"u.s. BASES"', equals: ['actor:iran', 'event:iran-threat-to-strike-us-bases', 'statement:iran-threatens-us-bases'] },
  { query: 'U.S. bases NOT threatened', equals: ['event:iran-threat-to-strike-us-bases'] },
  { query: 'U.S.' },
  { query: 'u.s*' },
  { query: '"ballistic missile"', includes: ['issue:ballistic-missile-program'] },
  { query: 'missil*', includes: ['issue:ballistic-missile-program'] },
  { query: 'missile' },
  { query: '"sticking point"', includes: ['issue:ballistic-missile-program'] },
  { query: 'Araghchi OR Witkoff', includes: ['event:muscat-meeting-araghchi-witkoff'] },
  { query: 'Araghchi' },
  { query: 'Witkoff' },
  { query: 'sanctions NOT relief' },
  { query: 'sanctions' },
  { query: 'talks (Oman OR Muscat)', includes: ['event:muscat-meeting-araghchi-witkoff', 'event:oman-talks-first-round'] },
  { query: 'twelve-day AND israel', equals: ['actor:israel', 'event:twelve-day-conflict'] },
  // Diacritics and case, in the query and in the base.
  { query: 'TEHRAN', includes: ['actor:iran'] },
  { query: 'téhran', includes: ['actor:iran'] },
  { query: 'TÉHRAN', includes: ['actor:iran'] },
  { query: 'teheran regime', equals: ['actor:iran'] },
  { query: '"Téhéran Régime"', equals: ['actor:iran'] },
  { query: 'Iran̈', includes: ['actor:iran'] },
  // Texts an engine's syntax would refuse: read as the words they hold.
  { query: 'NEAR(iran us, x)', equals: [] },
  { query: "'iran'" },
  { query: '\\iran' },
  { query: 'iran -missile' },
  { query: 'body:iran', equals: [] },
  { query: 'iran:*' },
  { query: '(iran OR israel' },
  { query: 'iran & !missile | <->' },
];

const NO_WORD = ['', '   ', '*', 'AND', 'OR NOT', 'NOT iran', '🙂', '...', '()', '""', "''", ':*'];

/** The matches of a query as comparable lines: entity and field, sorted (a multiset). */
async function matchLines(engine: Engine, query: string): Promise<string[]> {
  const matches = await engine.snapshot((tx) => searchStore.matches(tx, parseSearchQuery(query)));
  return matches.map((m) => `${m.entityId} ${m.field}`).sort();
}

const entitiesOf = (lines: string[]) => [...new Set(lines.map((l) => l.split(' ')[0]!))].sort();

let seeded: TestDb;
/** Each query's matches on SQLite, what the other engine must find. */
const onSqlite = new Map<string, string[]>();

beforeAll(async () => {
  seeded = await openTestDb();
  seeded.sqlite.exec(ACCENTED_ALIAS);
  for (const { query } of QUERIES) onSqlite.set(query, await matchLines(seeded.engine, query));
});
afterAll(() => seeded?.dispose());

describe.each(testEngines())('Search over the seed on $engine', ({ engine: kind }: { engine: EngineName }) => {
  let pgKb: TestKb | undefined;
  let engine: Engine;

  beforeAll(async () => {
    if (kind === 'sqlite') engine = seeded.engine;
    else {
      pgKb = await openTestKb('postgres', { label: 'search_engines' });
      await copyRows(seeded, pgKb.engine);
      engine = pgKb.engine;
    }
  }, 60_000);
  afterAll(async () => {
    await pgKb?.dispose();
  });

  it('keeps the same search documents as SQLite', async () => {
    const read = statement(`SELECT doc_key AS "docKey", entity_id AS "entityId", field AS "field", body AS "body" FROM search_documents`);
    const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(lines(await engine.all(read))).toEqual(lines(await seeded.engine.all(read)));
  });

  it.each(QUERIES)('finds for $query what SQLite finds, and what it should', async ({ query, includes, equals }) => {
    const lines = await matchLines(engine, query);
    expect(lines, query).toEqual(onSqlite.get(query));
    if (equals?.length !== 0) expect(lines.length, query).toBeGreaterThan(0);
    const entities = entitiesOf(lines);
    if (equals) expect(entities, query).toEqual(equals);
    if (includes) expect(entities, query).toEqual(expect.arrayContaining(includes));
  });

  it('reads the operators as operators and apostrophes, hyphens and dots as phrases', async () => {
    const entities = async (query: string) => entitiesOf(await matchLines(engine, query));
    expect(await entities('Iran’s')).toEqual(await entities("Iran's"));
    expect(await entities("Iran's")).not.toContain('statement:iran-threatens-us-bases');
    const [araghchi, witkoff] = [await entities('Araghchi'), await entities('Witkoff')];
    expect(await entities('Araghchi OR Witkoff')).toEqual([...new Set([...araghchi, ...witkoff])].sort());
    const [sanctions, notRelief] = [await entities('sanctions'), await entities('sanctions NOT relief')];
    expect(notRelief.length).toBeGreaterThan(0);
    expect(notRelief.length).toBeLessThan(sanctions.length);
    expect(sanctions).toEqual(expect.arrayContaining(notRelief));
    expect(await entities('twelve-da')).toEqual([]);
    expect(await entities('"ballistic program"')).toEqual([]);
    expect(await entities('twelve-day and israel')).toEqual([]);
  });

  it('returns at most `limit` hits, the first of the longer answer, each with a snippet marking the words found', async () => {
    for (const { query } of QUERIES) {
      const all = await answerSearch(engine, query, 100);
      expect(all.length, query).toBe(Math.min(100, entitiesOf(onSqlite.get(query)!).length));
      const three = await answerSearch(engine, query, 3);
      expect(three, query).toEqual(all.slice(0, 3));
      const scores = all.map((h) => h.score);
      expect(scores, query).toEqual([...scores].sort((a, b) => b - a));
      for (const hit of all) {
        expect(hit.snippet, `${query}: ${hit.entityId} ${hit.field}`).not.toBe('');
        expect(hit.snippet, `${query}: ${hit.entityId} ${hit.field}`).toMatch(/«[^«»]+»/);
      }
    }
  });

  it('makes snippets for the documents asked only', async () => {
    const parsed = parseSearchQuery('Iran');
    const matches = await engine.snapshot((tx) => searchStore.matches(tx, parsed));
    expect(matches.length).toBeGreaterThan(3);
    const asked = matches.slice(0, 2).map((m) => m.documentId);
    const snippets = await engine.snapshot((tx) => searchStore.snippets(tx, parsed, asked));
    expect([...snippets.keys()].sort()).toEqual([...asked].sort());
    for (const s of snippets.values()) expect(s).toMatch(/«iran»/i);
    expect((await engine.snapshot((tx) => searchStore.snippets(tx, parsed, []))).size).toBe(0);
  });

  it('refuses a text with no word to search for with BAD_USER_INPUT naming no engine', async () => {
    for (const query of NO_WORD) {
      const error = await answerSearch(engine, query, 10).then(
        () => null,
        (e: unknown) => e as { message: string; extensions: Record<string, unknown> },
      );
      expect(error, query).not.toBeNull();
      expect(error!.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
      expect(error!.message, query).toContain('give at least one word to search for');
      expect(error!.message, query).not.toMatch(/fts|sqlite|postgres|tsquery|bm25/i);
    }
  });
});
