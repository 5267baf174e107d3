/**
 * Merged ids (`merged_nodes`): where a node merged by `mergeNodes` now lives. A lookup follows
 * the hops recorded at or before a revision (all of them when none is given), so `asOf` a
 * revision before a merge still finds the merged node itself in history.
 */
import { list, statement, type Executor } from '../db/engine.js';

const Q = {
  // An id merged, created again and merged again keeps only its latest merge.
  insert: statement(
    `INSERT INTO "merged_nodes" ("id", "into_id", "node_type", "revision") VALUES (?, ?, ?, ?)
     ON CONFLICT ("id") DO UPDATE SET "into_id" = excluded."into_id", "node_type" = excluded."node_type", "revision" = excluded."revision"`,
  ),
  hops: statement(`SELECT "m"."id" AS "id", "m"."into_id" AS "intoId" FROM "merged_nodes" AS "m" WHERE "m"."id" IN ?list AND "m"."revision" <= ?`),
  hop: statement(`SELECT "m"."into_id" AS "intoId" FROM "merged_nodes" AS "m" WHERE "m"."id" = ? AND "m"."revision" <= ?`),
  releaseObstacles: statement(`DELETE FROM "issue_obstacles" WHERE "issue_id" = ?`),
  current: statement(`SELECT "c"."last" AS "last" FROM "revision_counter" AS "c" WHERE "c"."id" = 1`),
};

/** Hops followed at most: a chain longer than this is a cycle, which `mergeNodes` never makes. */
const MAX_HOPS = 64;

/** Records that `id` was merged into `intoId` by revision `revision`, in the merge's transaction. */
export async function recordMerge(q: Executor, id: string, intoId: string, nodeType: string, revision: number): Promise<void> {
  await q.run(Q.insert, [id, intoId, nodeType, revision]);
}

/** The revision number the running write took (`nextRevision` ran first in its transaction). */
export async function currentRevisionNumber(q: Executor): Promise<number> {
  const row = await q.get<{ last: number }>(Q.current);
  if (!row) throw new Error('revision_counter has no row: the database was not migrated (migration 0011)');
  return Number(row.last);
}

/**
 * The id that `id` was merged into, following every hop recorded at or before `revision`
 * (default: all); null when `id` was not merged by then.
 */
export async function mergedInto(q: Executor, id: string, revision = 2_147_483_647): Promise<string | null> {
  let at = id;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const row = await q.get<{ intoId: string }>(Q.hop, [at, revision]);
    if (!row) return at === id ? null : at;
    at = row.intoId;
  }
  throw new Error(`merged_nodes: the merges of ${id} form a chain longer than ${MAX_HOPS} hops`);
}

/**
 * Deletes an issue's obstacles (their parties and evidence by cascade), in a merge's
 * transaction, so that the kept issue can take them under the same ids; the merged issue's
 * document, read before, keeps them in its history.
 */
export async function releaseObstacles(q: Executor, issueId: string): Promise<void> {
  await q.run(Q.releaseObstacles, [issueId]);
}

/**
 * `mergedInto` for many ids in one statement (and one more per further hop): the ids merged by
 * `revision`, each with the id it now resolves to. Ids not merged are absent.
 */
export async function mergedIntoMany(q: Executor, ids: readonly string[], revision: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  for (const { id, intoId } of await q.all<{ id: string; intoId: string }>(Q.hops, [list(new Set(ids)), revision])) {
    out.set(id, (await mergedInto(q, intoId, revision)) ?? intoId);
  }
  return out;
}
