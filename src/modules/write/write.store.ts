/**
 * The few reads the writers make beyond node documents (those are `store/documents.ts`),
 * defined once; each runs on the write's transaction.
 */
import { statement, type Executor } from '../../db/engine.js';

const Q = {
  sourceText: statement(`SELECT "s"."text" AS "text" FROM "sources" AS "s" WHERE "s"."id" = ?`),
  sourceWithHash: statement(`SELECT "s"."id" AS "id" FROM "sources" AS "s" WHERE "s"."content_hash" = ?`),
  place: statement(`SELECT "p"."id" AS "id" FROM "places" AS "p" WHERE "p"."id" = ?`),
  positionOf: statement(`SELECT "p"."id" AS "id" FROM "positions" AS "p" WHERE "p"."actor_id" = ? AND "p"."issue_id" = ?`),
};

/** A source's text, or null when there is no such source. */
export async function sourceText(q: Executor, id: string): Promise<string | null> {
  return (await q.get<{ text: string }>(Q.sourceText, [id]))?.text ?? null;
}

/** The id of the source whose text has this SHA-256, if any. */
export async function sourceWithHash(q: Executor, hash: string): Promise<string | null> {
  return (await q.get<{ id: string }>(Q.sourceWithHash, [hash]))?.id ?? null;
}

export async function placeExists(q: Executor, id: string): Promise<boolean> {
  return (await q.get<{ id: string }>(Q.place, [id])) !== undefined;
}

/** The id of the position an actor holds on an issue (one per actor and issue), if any. */
export async function positionOf(q: Executor, actorId: string, issueId: string): Promise<string | null> {
  return (await q.get<{ id: string }>(Q.positionOf, [actorId, issueId]))?.id ?? null;
}
