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
 *
 * The engines pick the entities worth ranking (search.store.ts `topMatches`): a word that most
 * texts hold matches hundreds of thousands of them, and shipping every match here to rank it
 * cost most of a search's time. The store computes the same scores in SQL (`weightSql`, the
 * same `OTHER_MATCH_SHARE`) and returns every match of the entities that can be among the first
 * `limit` only; `rankSearchMatches` then ranks those exactly as it would rank every match. The
 * SQL scores are the same numbers but for rounding: SQL sums an entity's matches in its own way
 * (SQLite compensated, PostgreSQL in any order), this file in document order. For an entity of
 * one or two matches both sums are the one rounded sum, so its SQL score is its score to the
 * last bit; for more, the two differ by less than `scoreMargin(n)` of the score. The store keeps
 * - the first `limit` entities of one or two matches in SQL order (score, then id): among them
 *   that order is this file's, so no other entity of one or two matches can be in the answer;
 * - every entity of more matches whose score, raised by its margin, reaches the lowest of the
 *   SQL top `limit`'s scores lowered by theirs: any other has `limit` entities surely above it.
 * Entity ids are ASCII (`<type>:<slug>`), so SQL's byte order of ids (SQLite's BINARY,
 * PostgreSQL's "C") is this file's order of strings.
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

/**
 * The weight of a match's field in SQL, over the column `field`: the same numbers as
 * `FIELD_WEIGHT` (1 for a field it does not name), as a double on either engine.
 */
export function weightSql(field: string): string {
  const cases = Object.entries(FIELD_WEIGHT).map(([name, weight]) => `WHEN '${name}' THEN ${weight.toFixed(1)}`);
  return `(CASE ${field} ${cases.join(' ')} ELSE 1.0 END)`;
}

/**
 * How far (as a share of the score) an entity's score summed in SQL may lie from its score
 * here, for `n` matches. Both sums add non-negative numbers: summed in any order, n of them
 * are off by at most (n - 1) units in the last place (2^-53) of their sum, a compensated sum
 * by 2; the score is at least a quarter of the sum, and its three further roundings add a unit
 * each. So the two scores differ by less than (2n + 6) × 2^-53 of the score; this is 4 times that,
 * and exact for n ≤ 2 (then both sums are the one rounded sum), where the store asks no margin.
 * As SQL text over a column holding n: `scoreMarginSql('n')`.
 */
export const SCORE_MARGIN_UNIT = 2 ** -50;
export const scoreMargin = (n: number): number => (n + 16) * SCORE_MARGIN_UNIT;
export const scoreMarginSql = (n: string): string => `((${n} + 16) * ${SCORE_MARGIN_UNIT})`;

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
