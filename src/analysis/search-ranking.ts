/**
 * Search ranking: turns FTS5 matches (one per matching text: a name, an alias, a summary, a
 * quoted span) into one ranked hit per entity.
 *
 * - A match scores `-bm25 × FIELD_WEIGHT[field]` (bm25 is negative in SQLite, lower is
 *   better): names, titles and aliases weigh most because an entity named by the query is
 *   what the query is about; quoted spans least because many entities quote the same words.
 * - An entity scores its best match plus a quarter of each other match, so being mentioned
 *   in several places helps without letting an often-quoted entity outrank the one named.
 * - The snippet and field are those of the best match.
 * - Ordered by score descending, then entity id ascending (stable for equal scores); the
 *   first `limit` hits are returned.
 */

export interface SearchMatch {
  entityId: string;
  field: string;
  bm25: number;
  snippet: string;
}

export interface SearchHitResult {
  entityId: string;
  score: number;
  field: string;
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

export function rankSearchMatches(matches: readonly SearchMatch[], limit: number): SearchHitResult[] {
  const byEntity = new Map<string, { best: SearchMatch; bestScore: number; total: number }>();
  for (const m of matches) {
    const score = -m.bm25 * (FIELD_WEIGHT[m.field] ?? 1);
    const seen = byEntity.get(m.entityId);
    if (!seen) byEntity.set(m.entityId, { best: m, bestScore: score, total: score });
    else {
      seen.total += score;
      if (score > seen.bestScore) Object.assign(seen, { best: m, bestScore: score });
    }
  }
  return [...byEntity.values()]
    .map(({ best, bestScore, total }) => ({
      entityId: best.entityId,
      score: bestScore + OTHER_MATCH_SHARE * (total - bestScore),
      field: best.field,
      snippet: best.snippet,
    }))
    .sort((a, b) => b.score - a.score || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0))
    .slice(0, limit);
}
