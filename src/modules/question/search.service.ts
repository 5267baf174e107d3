/**
 * Full-text search: the user's text parsed once into a query (`search-query.ts`: any text is
 * a query), matched on the engine's index (search.store.ts compiles it for the engine; for a
 * word with many matches the engine ranks them first and returns those of the entities that can
 * make the page only), ranked exactly by `search-ranking.ts`, and snippets made for the page
 * returned only; every read in one snapshot.
 */
import { EMPTY_QUERY_MESSAGE, parseSearchQuery } from '../../analysis/search-query.js';
import { rankSearchMatches, withSnippets, type SearchHitResult } from '../../analysis/search-ranking.js';
import type { Engine } from '../../db/engine.js';
import { badUserInput } from '../../shared/errors.js';
import { searchStore } from './search.store.js';

/**
 * Up to this many matches are ranked here from every match (a rare word: one read, no SQL
 * ranking); more, by the engine first (search.store.ts `topMatches`). Either way the same hits:
 * the choice is one of speed only (the rare phrase of the bench's `Search`: 0.05 ms read here,
 * 1.8 ms ranked in SQL on SQLite, whose intermediate tables cost that much; README, "Search time
 * and the size of the base").
 */
export const FEW_MATCHES = 500;

/**
 * The first `limit` hits of a search. A text with no word to search for is the user's mistake;
 * anything an engine refuses is a bug of the compilers, so it is not caught here.
 */
export async function answerSearch(engine: Engine, query: string, limit: number): Promise<SearchHitResult[]> {
  const parsed = parseSearchQuery(query);
  if (parsed.root === null) throw badUserInput('query', EMPTY_QUERY_MESSAGE);
  return engine.snapshot(async (tx) => {
    const matches = (await searchStore.fewMatches(tx, parsed, FEW_MATCHES)) ?? (await searchStore.topMatches(tx, parsed, limit));
    const hits = rankSearchMatches(matches, limit);
    return withSnippets(hits, await searchStore.snippets(tx, parsed, hits.map((h) => h.documentId)));
  });
}
