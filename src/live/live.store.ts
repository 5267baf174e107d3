/** The SQL of live updates: revisions after a number, in order, and the nodes each changed. */
import { columns, decodeOf } from '../db/columns.js';
import { list, statement, type Executor } from '../db/engine.js';
import { revisions, type RevisionRow } from '../db/tables.js';

const Q = {
  after: statement(`SELECT ${columns(revisions, 'r')} FROM "revisions" AS "r" WHERE "r"."number" > ? ORDER BY "r"."number" LIMIT ?`, { decode: decodeOf(revisions) }),
  counts: statement(`SELECT "c"."revision" AS "revision", count(*) AS "n" FROM "changes" AS "c" WHERE "c"."revision" > ? AND "c"."revision" <= ? GROUP BY "c"."revision"`),
  nodes: statement(
    `SELECT DISTINCT "c"."revision" AS "revision", "c"."node_id" AS "id", "c"."node_type" AS "type" FROM "changes" AS "c"
     WHERE "c"."revision" IN ?intlist ORDER BY "c"."revision", "c"."node_id"`,
  ),
  changesNode: statement(
    `SELECT 1 AS "hit" FROM "changes" AS "c" WHERE "c"."revision" = ? AND (CAST(? AS text) IS NULL OR "c"."node_id" = ?) AND (CAST(? AS text) IS NULL OR "c"."node_type" = ?) LIMIT 1`,
  ),
};

export const liveStore = {
  /** Up to `limit` revisions numbered after `after`, oldest first. */
  after: (q: Executor, after: number, limit: number) => q.all<RevisionRow>(Q.after, [after, limit]),
  /** How many changes each revision numbered in (from, to] has. */
  changeCounts: async (q: Executor, from: number, to: number) => new Map((await q.all<{ revision: number; n: number }>(Q.counts, [from, to])).map((r) => [Number(r.revision), Number(r.n)])),
  /** The nodes the given revisions changed (each once per revision). */
  nodes: (q: Executor, numbers: readonly number[]) => q.all<{ revision: number; id: string; type: string }>(Q.nodes, [list(numbers)]),
  /** Whether revision `number` changed the node, or a node of the type (null: any). */
  changes: async (q: Executor, number: number, node: string | null, type: string | null) => (await q.get(Q.changesNode, [number, node, node, type, type])) !== undefined,
};
