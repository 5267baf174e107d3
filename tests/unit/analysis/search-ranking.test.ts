import { describe, expect, it } from 'vitest';
import { rankSearchMatches } from '../../../src/analysis/search-ranking.js';

describe('Search ranking: one hit per entity, named entities first', () => {
  it('ranks an entity named by the query above one that only quotes it', () => {
    const hits = rankSearchMatches(
      [
        { entityId: 'statement:s', field: 'quote', bm25: -3, snippet: 'quoted' },
        { entityId: 'issue:missile', field: 'name', bm25: -2, snippet: 'named' },
      ],
      10,
    );
    expect(hits.map((h) => h.entityId)).toEqual(['issue:missile', 'statement:s']);
    expect(hits[0]).toMatchObject({ score: 4, field: 'name', snippet: 'named' });
  });

  it('adds a quarter of every other match of the same entity', () => {
    const [hit] = rankSearchMatches(
      [
        { entityId: 'issue:i', field: 'summary', bm25: -2, snippet: 'a' },
        { entityId: 'issue:i', field: 'quote', bm25: -4, snippet: 'b' },
        { entityId: 'issue:i', field: 'quote', bm25: -4, snippet: 'c' },
      ],
      10,
    );
    expect(hit!.score).toBeCloseTo(2 + 0.25 * (2 + 2));
    expect(hit!.snippet).toBe('a');
  });

  it('breaks ties by id and honours the limit', () => {
    const m = (entityId: string) => ({ entityId, field: 'name', bm25: -1, snippet: entityId });
    expect(rankSearchMatches([m('actor:b'), m('actor:c'), m('actor:a')], 2).map((h) => h.entityId)).toEqual(['actor:a', 'actor:b']);
    expect(rankSearchMatches([], 5)).toEqual([]);
  });
});
