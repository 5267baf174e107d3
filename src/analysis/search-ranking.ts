/**
 * Search ranking: turns full-text matches (one per matching text: a name, an alias, a summary,
 * a quoted span) into one ranked hit per entity, on either engine.
 *
 * - A match's `relevance` is its engine's, made higher-is-better by the store: `-bm25` on
 *   SQLite (bm25 is negative there, lower is better), `ts_rank_cd` on PostgreSQL. The two
 *   scales differ, so scores (and so the order of near ties) differ between engines; which
 *   entities match does not.
 * - A match scores `relevance × FIELD_WEIGHT[field]`: names, titles and aliases weigh most
 *   because an entity named by the query is what the query is about; quoted spans least
 *   because many entities quote the same words.
 * - An entity scores its best match plus a quarter of each other match, so being mentioned
 *   in several places helps without letting an often-quoted entity outrank the one named.
 * - The field and document are those of the best match (the snippet is made from that
 *   document afterwards, for the hits returned only: `withSnippets`).
 * - Ordered by score descending, then entity id ascending (stable for equal scores); the
 *   first `limit` hits are returned.
 */

export interface SearchMatch {
  /** The matching text (a row of search_documents). */
  documentId: number;
  entityId: string;
  field: string;
  /** The engine's relevance of the text to the query, higher is better. */
  relevance: number;
}

export interface RankedHit {
  entityId: string;
  score: number;
  field: string;
  /** The best matching text, whose snippet the hit shows. */
  documentId: number;
}

export interface SearchHitResult extends RankedHit {
  snippet: string;
}

export const FIELD_WEIGHT: Readonly<Record<string, number>> = {
  name: 2,
  title: 2,
  alias: 2,
  summary: 1,
  description: 1,
  quote: 0.5,
};

export const OTHER_MATCH_SHARE = 0.25;

export function rankSearchMatches(matches: readonly SearchMatch[], limit: number): RankedHit[] {
  const byEntity = new Map<string, { best: SearchMatch; bestScore: number; total: number }>();
  for (const m of matches) {
    const score = Number(m.relevance) * (FIELD_WEIGHT[m.field] ?? 1);
    const seen = byEntity.get(m.entityId);
    if (!seen) byEntity.set(m.entityId, { best: m, bestScore: score, total: score });
    else {
      seen.total += score;
      // Equal scores: the lower document id, so the choice does not hang on the engine's row order.
      if (score > seen.bestScore || (score === seen.bestScore && m.documentId < seen.best.documentId)) Object.assign(seen, { best: m, bestScore: score });
    }
  }
  return [...byEntity.values()]
    .map(({ best, bestScore, total }) => ({
      entityId: best.entityId,
      score: bestScore + OTHER_MATCH_SHARE * (total - bestScore),
      field: best.field,
      documentId: best.documentId,
    }))
    .sort((a, b) => b.score - a.score || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0))
    .slice(0, limit);
}

/** The hits with the snippets of their documents; a hit whose document has none (gone since) gets an empty one. */
export function withSnippets(hits: readonly RankedHit[], snippets: ReadonlyMap<number, string>): SearchHitResult[] {
  return hits.map((h) => ({ ...h, snippet: snippets.get(h.documentId) ?? '' }));
}
