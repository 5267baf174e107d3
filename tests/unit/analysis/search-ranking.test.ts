import { describe, expect, it } from 'vitest';
import { rankSearchMatches, withSnippets } from '../../../src/analysis/search-ranking.js';

describe('Search ranking: one hit per entity, named entities first', () => {
  it('ranks an entity named by the query above one that only quotes it', () => {
    const hits = rankSearchMatches(
      [
        { documentId: 1, entityId: 'statement:s', field: 'quote', relevance: 3 },
        { documentId: 2, entityId: 'issue:missile', field: 'name', relevance: 2 },
      ],
      10,
    );
    expect(hits.map((h) => h.entityId)).toEqual(['issue:missile', 'statement:s']);
    expect(hits[0]).toEqual({ entityId: 'issue:missile', score: 4, field: 'name', documentId: 2 });
  });

  it('adds a quarter of every other match of the same entity, and keeps the best match’s document', () => {
    const [hit] = rankSearchMatches(
      [
        { documentId: 7, entityId: 'issue:i', field: 'summary', relevance: 2 },
        { documentId: 8, entityId: 'issue:i', field: 'quote', relevance: 4 },
        { documentId: 9, entityId: 'issue:i', field: 'quote', relevance: 4 },
      ],
      10,
    );
    expect(hit!.score).toBeCloseTo(2 + 0.25 * (2 + 2));
    expect(hit!.documentId).toBe(7);
  });

  it('ranks small relevances (PostgreSQL’s ts_rank_cd) the same way, whatever the order of the rows', () => {
    const matches = [
      { documentId: 5, entityId: 'event:e', field: 'summary', relevance: 0.05 },
      { documentId: 3, entityId: 'actor:a', field: 'alias', relevance: 0.05 },
      { documentId: 4, entityId: 'actor:a', field: 'name', relevance: 0.05 },
    ];
    const ranked = rankSearchMatches(matches, 10);
    expect(ranked.map((h) => h.entityId)).toEqual(['actor:a', 'event:e']);
    // Equal best scores: the lower document id, in any row order.
    expect(ranked[0]!.documentId).toBe(3);
    expect(rankSearchMatches([...matches].reverse(), 10)).toEqual(ranked);
  });

  it('breaks ties by id and honours the limit', () => {
    const m = (entityId: string, documentId: number) => ({ documentId, entityId, field: 'name', relevance: 1 });
    expect(rankSearchMatches([m('actor:b', 1), m('actor:c', 2), m('actor:a', 3)], 2).map((h) => h.entityId)).toEqual(['actor:a', 'actor:b']);
    expect(rankSearchMatches([], 5)).toEqual([]);
  });

  it('gives each hit the snippet of its document, an empty one when it has none', () => {
    const hits = [
      { entityId: 'actor:a', score: 2, field: 'name', documentId: 1 },
      { entityId: 'actor:b', score: 1, field: 'name', documentId: 2 },
    ];
    expect(withSnippets(hits, new Map([[1, '«Iran»']]))).toEqual([
      { ...hits[0], snippet: '«Iran»' },
      { ...hits[1], snippet: '' },
    ]);
  });
});
