/**
 * Full-text search: the user's text parsed into a query (`search-query.ts`: any text is a
 * query) and matched against the FTS5 index; ranking is `search-ranking.ts`'s.
 */
import { compileFts5, EMPTY_QUERY_MESSAGE, parseSearchQuery } from '../../analysis/search-query.js';
import type { SearchMatch } from '../../analysis/search-ranking.js';
import type { Executor } from '../../db/engine.js';
import { badUserInput } from '../../shared/errors.js';
import { questionStore } from './question.store.js';

/**
 * Every match of a search query. A text with no word to search for is the user's mistake;
 * anything FTS5 refuses is a bug of the compiler, so it is not caught here.
 */
export async function searchMatches(q: Executor, query: string): Promise<SearchMatch[]> {
  const parsed = parseSearchQuery(query);
  if (parsed.root === null) throw badUserInput('query', EMPTY_QUERY_MESSAGE);
  return questionStore.search(q, compileFts5(parsed));
}
