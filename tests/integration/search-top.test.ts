/**
 * A search for a word of many matches ranks in SQL and ships the matches of the entities that
 * can make the page only (search.store.ts `topMatches`; up to FEW_MATCHES matches are ranked in
 * JavaScript from all of them): both answers must be the answer of ranking every match
 * (`rankSearchMatches` over `searchStore.matches`, in document order), to the last bit of every
 * score. Checked on both engines over the seed and a synthetic base of 1,000 statements, where a
 * common word matches thousands of texts with long runs of equal scores (every statement's
 * summary is "Synthetic statement N.") and officials and states match in three texts or more
 * (the entities whose SQL score is only near their score): for the words of the base, prefixes,
 * phrases, AND, OR and NOT, fixed and drawn at random, at page sizes from 1 to 100.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../src/analysis/search-query.js';
import { rankSearchMatches, scoreMargin } from '../../src/analysis/search-ranking.js';
import { importBundle } from '../../src/bulk/import.js';
import { seededRandom, synthesize } from '../../src/bulk/synth.js';
import { answerSearch, FEW_MATCHES } from '../../src/modules/question/search.service.js';
import { searchStore } from '../../src/modules/question/search.store.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';

/** The page sizes asked: the ends of the range, the bench's 10 and the default 20. */
const LIMITS = [1, 2, 3, 7, 10, 20, 100];

const FIXED = [
  'statement', 'synthetic', 'official', 'state', 'actor', 'event', 'issue', 'position', 'source', 'made', 'by',
  'stat*', 'off*', 's*', '"was made by"', '"synthetic statement"', 'statement OR official', 'official state',
  'statement NOT synthetic', 'state NOT official', '(official OR state) talks', 'Iran', 'missile', 'sanctions', 'talks',
];

const WORDS = [
  'statement', 'synthetic', 'official', 'state', 'actor', 'event', 'issue', 'position', 'source', 'made', 'by', 'was',
  'party', 'talks', 'table', 'opposes', 'supports', 'speaks', 'took', 'place', 'iran', 'missile', '0', '1', '7', '12',
];

/** A query of one to three terms (a word, a prefix or a phrase of two), joined by AND, OR or NOT. */
function randomQuery(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const term = () => {
    const r = random();
    if (r < 0.2) return `${pick(WORDS).slice(0, 2 + Math.floor(random() * 3))}*`;
    if (r < 0.3) return `"${pick(WORDS)} ${pick(WORDS)}"`;
    return pick(WORDS);
  };
  let query = term();
  for (let n = Math.floor(random() * 3); n > 0; n--) query += ` ${pick(['', 'OR ', 'NOT ', 'AND '])}${term()}`;
  return query;
}

describe('Search ranking margins', () => {
  it('are a few units in the last place of a score, and grow with the number of matches summed', () => {
    expect(scoreMargin(1)).toBeGreaterThan(8 * 2 ** -52);
    expect(scoreMargin(200_000)).toBeLessThan(1e-9);
    expect(scoreMargin(10)).toBeLessThan(scoreMargin(11));
  });
});

describe.each(testEngines())('Search on $engine ranks in SQL what ranking every match would rank', ({ engine: kind }) => {
  let kb: TestKb;
  let dir: string;

  beforeAll(async () => {
    kb = await openTestKb(kind, { seed: true, label: 'search_top' });
    dir = mkdtempSync(join(tmpdir(), 'kb-search-top-'));
    synthesize(1000, join(dir, 'bundle'));
    await importBundle(kb, join(dir, 'bundle'), 'test');
  }, 120_000);
  afterAll(async () => {
    await kb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The first `limit` hits of ranking every match, in document order (SQLite's order; PostgreSQL's is any). */
  async function everyMatchRanked(query: string, limit: number) {
    const matches = await kb.engine.snapshot((tx) => searchStore.matches(tx, parseSearchQuery(query)));
    return rankSearchMatches([...matches].sort((a, b) => Number(a.documentId) - Number(b.documentId)), limit);
  }

  /** The answer without its snippets, the documents as numbers (PostgreSQL's ids come as numbers too). */
  async function answer(query: string, limit: number) {
    return (await answerSearch(kb.engine, query, limit)).map(({ snippet: _, ...hit }) => ({ ...hit, documentId: Number(hit.documentId) }));
  }

  /** The ranking of the matches SQL picks, whatever the number of matches (a search asks it for more than FEW_MATCHES only). */
  async function rankedInSql(query: string, limit: number) {
    const matches = await kb.engine.snapshot((tx) => searchStore.topMatches(tx, parseSearchQuery(query), limit));
    return rankSearchMatches(matches, limit).map((h) => ({ ...h, documentId: Number(h.documentId) }));
  }

  /** The answer and SQL's pick both rank as ranking every match does. */
  async function expectRankedAsEveryMatch(query: string, limit: number) {
    const expected = (await everyMatchRanked(query, limit)).map((h) => ({ ...h, documentId: Number(h.documentId) }));
    expect(await answer(query, limit), `${query} first ${limit}`).toEqual(expected);
    expect(await rankedInSql(query, limit), `${query} first ${limit}, ranked in SQL`).toEqual(expected);
  }

  it('finds long runs of equal scores for a word every statement holds, and officials matched three times', async () => {
    const common = await everyMatchRanked('statement', 100);
    expect(common).toHaveLength(100);
    expect(new Set(common.map((h) => h.score)).size).toBeLessThan(10);
    const matches = await kb.engine.snapshot((tx) => searchStore.matches(tx, parseSearchQuery('official')));
    const perEntity = new Map<string, number>();
    for (const m of matches) perEntity.set(m.entityId, (perEntity.get(m.entityId) ?? 0) + 1);
    expect(Math.max(...perEntity.values())).toBeGreaterThanOrEqual(3);
  });

  it.each(FIXED)('answers %s as ranking every match does, at every page size', async (query) => {
    for (const limit of LIMITS) await expectRankedAsEveryMatch(query, limit);
  });

  it('answers random queries as ranking every match does', async () => {
    const random = seededRandom(18);
    for (let i = 0; i < 60; i++) {
      const query = randomQuery(random);
      await expectRankedAsEveryMatch(query, LIMITS[Math.floor(random() * LIMITS.length)]!);
    }
  });

  it('ships only the matches of the entities that can make the page for a common word', async () => {
    const parsed = parseSearchQuery('statement');
    const all = await kb.engine.snapshot((tx) => searchStore.matches(tx, parsed));
    const top = await kb.engine.snapshot((tx) => searchStore.topMatches(tx, parsed, 10));
    expect(all.length).toBeGreaterThan(FEW_MATCHES);
    expect(await kb.engine.snapshot((tx) => searchStore.fewMatches(tx, parsed, FEW_MATCHES))).toBeNull();
    expect(await kb.engine.snapshot((tx) => searchStore.fewMatches(tx, parsed, all.length))).toHaveLength(all.length);
    expect(new Set(top.map((m) => m.entityId)).size).toBeLessThanOrEqual(20);
    expect(top.map((m) => Number(m.documentId))).toEqual(top.map((m) => Number(m.documentId)).sort((a, b) => a - b));
  });
});
