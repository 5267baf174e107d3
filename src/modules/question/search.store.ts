/**
 * The SQL of full-text search, on each engine's own index over `search_documents` (one row
 * per searchable text: a name, an alias, a summary, a quoted span):
 * - SQLite: the FTS5 table `search_fts` (0001_search), queried with `compileFts5`'s text;
 *   relevance is `-bm25()` (bm25 is negative, lower is better).
 * - PostgreSQL: the generated `tsv` column and its GIN index (pg/0001_search), queried with
 *   `to_tsquery('simple', kb_search_query(…))` over `compileTsquery`'s text; relevance is
 *   `ts_rank_cd` normalised by the document's length (flag 1), as bm25 is.
 * Both relevances are higher-is-better, so `rankSearchMatches` ranks either; their scales
 * differ, which the API says. The query is compiled here because which compiler serves is a
 * matter of the engine.
 *
 * `topMatches` is what a search for a common word reads: the same matches, ranked in SQL by the rules of
 * search-ranking.ts (field weights, a share of the other matches, score then id), of only the
 * entities that can be among the first `limit` (search-ranking.ts says which and why), so a word
 * that most texts hold ships tens of rows to JavaScript instead of every match. The engine still
 * scores every match (bm25 or ts_rank_cd, the field weight, the sum per entity): its time grows
 * with the number of matches, but without a row per match crossing into JavaScript. On
 * PostgreSQL the relevance is ts_rank_cd's `real` read as the text node-postgres parses
 * (`::text::float8`), so SQL ranks the very doubles `rankSearchMatches` ranks; the rows
 * returned carry the `real` itself, as `matches` does. The fixed cost of `topMatches` (its
 * intermediate tables; on SQLite each a temporary b-tree) is more than ranking a few hundred
 * matches in JavaScript, so a search first reads up to `FEW_MATCHES` + 1 matches
 * (`fewMatches`) and ranks them itself when that is all of them.
 *
 * Snippets are a second read, of the documents of the page returned only: FTS5's `snippet()`
 * (an FTS5 function, so the MATCH runs again, restricted to those rowids) and `ts_headline`
 * over the original body (kb_headline unaccents its words to compare them with the query's;
 * HEADLINE_TEXT splits words at inner punctuation as the index does).
 */
import { compileFts5, compileTsquery, type SearchQuery } from '../../analysis/search-query.js';
import { OTHER_MATCH_SHARE, scoreMarginSql, weightSql, type SearchMatch } from '../../analysis/search-ranking.js';
import { list, statement, type Executor } from '../../db/engine.js';

/** ts_headline's options: a fragment of up to 12 words around the best match, marked as FTS5's snippets are. */
const HEADLINE_OPTIONS = 'StartSel=«, StopSel=», MaxWords=12, MinWords=6, MaxFragments=1, FragmentDelimiter=…';

/**
 * The body as ts_headline parses it: a zero-width space after punctuation inside a word, so
 * that PostgreSQL's parser splits `U.S.`, `twelve-day` or `a/b` into the words the index holds
 * (kb_search_text) and marks them; the zero-width spaces are taken out of the snippet again.
 */
const HEADLINE_TEXT = `regexp_replace(d.body, '([[:alnum:]])([^[:alnum:][:space:]]+)(?=[[:alnum:]])', '\\1\\2' || chr(8203), 'g')`;

/**
 * From `e` (per entity: its score and number of matches): the SQL top `limit` (`top`), the first
 * `limit` entities of one or two matches (`sure`), the lowest score the top may truly have (`fl`:
 * -1, below every score, when fewer than `limit` entities match) and the entities that can be in
 * the answer (`cand`). Parameters: limit, limit, limit.
 */
const CANDIDATES = `top AS (SELECT score, n FROM e ORDER BY score DESC, entity LIMIT ?),
  sure AS (SELECT entity FROM e WHERE n <= 2 ORDER BY score DESC, entity LIMIT ?),
  fl AS (SELECT CASE WHEN count(*) < ? THEN -1.0 ELSE min(score * (1 - ${scoreMarginSql('n')})) END AS lo FROM top),
  cand AS (SELECT entity FROM sure UNION SELECT e.entity FROM e CROSS JOIN fl WHERE e.n > 2 AND e.score * (1 + ${scoreMarginSql('e.n')}) >= fl.lo)`;

/** An entity's score from its matches' `score`s, as rankSearchMatches adds them. */
const ENTITY_SCORE = `max(score) + ${OTHER_MATCH_SHARE} * (sum(score) - max(score))`;

/** The memory PostgreSQL may give a search's per-entity sums before spilling them to disk. */
const SEARCH_WORK_MEM = '64MB';

const sql = {
  topMatches: statement(
    // SQLite: the scored matches kept (`m`), as bm25() can only be read while FTS5 walks them:
    // bm25 only in a subquery of its own (LIMIT -1 keeps SQLite from flattening it into the aggregate).
    `WITH m AS MATERIALIZED (
      SELECT d.id AS doc, d.entity_id AS entity, d.field AS field, r.relevance AS relevance, r.relevance * ${weightSql('d.field')} AS score
      FROM (SELECT search_fts.rowid AS doc, -bm25(search_fts) AS relevance FROM search_fts WHERE search_fts MATCH ? LIMIT -1) AS r
      JOIN search_documents AS d ON d.id = r.doc
    ),
    e AS MATERIALIZED (SELECT entity, ${ENTITY_SCORE} AS score, count(*) AS n FROM m GROUP BY entity),
    ${CANDIDATES}
    SELECT m.doc AS "documentId", m.entity AS "entityId", m.field AS "field", m.relevance AS "relevance"
    FROM m WHERE m.entity IN (SELECT entity FROM cand) ORDER BY m.doc`,
    {
      // PostgreSQL: ts_rank_cd of a text needs no other row, so the candidates' matches are
      // scored again through the entity index rather than every match kept.
      postgres: `WITH q AS (SELECT to_tsquery('simple', kb_search_query(?)) AS query),
      e AS MATERIALIZED (
        SELECT entity, ${ENTITY_SCORE} AS score, count(*) AS n FROM (
          SELECT d.entity_id AS entity, ts_rank_cd(d.tsv, q.query, 1)::text::float8 * ${weightSql('d.field')}::float8 AS score
          FROM q JOIN search_documents AS d ON d.tsv @@ q.query
        ) AS m GROUP BY entity
      ),
      ${CANDIDATES}
      SELECT d.id AS "documentId", d.entity_id AS "entityId", d.field AS "field", ts_rank_cd(d.tsv, q.query, 1) AS "relevance"
      FROM cand JOIN search_documents AS d ON d.entity_id = cand.entity CROSS JOIN q
      WHERE d.tsv @@ q.query ORDER BY d.id`,
    },
  ),
  // PostgreSQL's default work_mem (4 MB) holds about 50,000 entities' sums: more spill to disk
  // (a word in every statement of the 100k base: 100,000 entities, 20 MB written and read back).
  // For this transaction only; the snapshot is read-only and ends with the search.
  workMem: statement(`SELECT 1`, { postgres: `SET LOCAL work_mem = '${SEARCH_WORK_MEM}'` }),
  matches: statement(
    `SELECT d.id AS "documentId", d.entity_id AS "entityId", d.field AS "field", -bm25(search_fts) AS "relevance"
    FROM search_fts JOIN search_documents AS d ON d.id = search_fts.rowid
    WHERE search_fts MATCH ?`,
    {
      postgres: `SELECT d.id AS "documentId", d.entity_id AS "entityId", d.field AS "field", ts_rank_cd(d.tsv, q.query, 1) AS "relevance"
        FROM (SELECT to_tsquery('simple', kb_search_query(?)) AS query) AS q JOIN search_documents AS d ON d.tsv @@ q.query`,
    },
  ),
  // The same, at most `?` of them (which, when there are more, is of no matter: then they are not used).
  someMatches: statement(
    `SELECT d.id AS "documentId", d.entity_id AS "entityId", d.field AS "field", -bm25(search_fts) AS "relevance"
    FROM search_fts JOIN search_documents AS d ON d.id = search_fts.rowid
    WHERE search_fts MATCH ? LIMIT ?`,
    {
      postgres: `SELECT d.id AS "documentId", d.entity_id AS "entityId", d.field AS "field", ts_rank_cd(d.tsv, q.query, 1) AS "relevance"
        FROM (SELECT to_tsquery('simple', kb_search_query(?)) AS query) AS q JOIN search_documents AS d ON d.tsv @@ q.query LIMIT ?`,
    },
  ),
  snippets: statement(
    `SELECT search_fts.rowid AS "documentId", snippet(search_fts, 0, '«', '»', '…', 12) AS "snippet"
    FROM search_fts WHERE search_fts MATCH ? AND search_fts.rowid IN ?intlist`,
    {
      postgres: `SELECT d.id AS "documentId", replace(ts_headline('kb_headline', ${HEADLINE_TEXT}, q.query, '${HEADLINE_OPTIONS}'), chr(8203), '') AS "snippet"
        FROM (SELECT to_tsquery('simple', kb_search_query(?)) AS query) AS q JOIN search_documents AS d ON d.id IN ?intlist`,
    },
  ),
};

/** The query in the language of the executor's engine. */
function compiled(q: Executor, query: SearchQuery): string {
  return q.kind === 'postgres' ? compileTsquery(query) : compileFts5(query);
}

export const searchStore = {
  /**
   * The matches `rankSearchMatches(…, limit)` needs: every match of each entity that can be among
   * its first `limit` hits (a superset of them), in document order. Ranked by it, the same hits,
   * scores and documents as ranking every match.
   */
  topMatches: async (q: Executor, query: SearchQuery, limit: number) => {
    if (q.kind === 'postgres') await q.run(sql.workMem);
    return q.all<SearchMatch>(sql.topMatches, [compiled(q, query), limit, limit, limit]);
  },

  /** Every document the query matches, with its entity, field and relevance (higher is better); no snippet. */
  matches: (q: Executor, query: SearchQuery) => q.all<SearchMatch>(sql.matches, [compiled(q, query)]),

  /** Every match as `matches` reads them when there are at most `most`; null when there are more. */
  fewMatches: async (q: Executor, query: SearchQuery, most: number): Promise<SearchMatch[] | null> => {
    const rows = await q.all<SearchMatch>(sql.someMatches, [compiled(q, query), most + 1]);
    return rows.length > most ? null : rows;
  },

  /** The snippets of these documents for the query, by document id (none for a document it does not match). */
  snippets: async (q: Executor, query: SearchQuery, documentIds: readonly number[]): Promise<Map<number, string>> => {
    if (documentIds.length === 0) return new Map();
    const rows = await q.all<{ documentId: number; snippet: string }>(sql.snippets, [compiled(q, query), list(documentIds)]);
    return new Map(rows.map((r) => [Number(r.documentId), r.snippet]));
  },
};
