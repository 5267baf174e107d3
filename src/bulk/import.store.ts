/**
 * The SQL of bundle imports and the seed beyond node documents and history (those are
 * `store/documents.ts` and `store/history.ts`): emptiness, places (which have no history),
 * emptying the knowledge tables, and rows written table by table through `store/rows.ts`.
 */
import { columns, decodeOf } from '../db/columns.js';
import { statement, type Executor } from '../db/engine.js';
import { places, type PlaceRow } from '../db/tables.js';
import { KNOWLEDGE_TABLES, ROWS, type KnowledgeTable } from '../store/rows.js';
import type { SeedPlan } from './bundle-reader.js';

const Q = {
  anySource: statement(`SELECT "s"."id" AS "id" FROM "sources" AS "s" LIMIT 1`),
  anyPlace: statement(`SELECT "p"."id" AS "id" FROM "places" AS "p" LIMIT 1`),
  place: statement(`SELECT ${columns(places, 'p')} FROM "places" AS "p" WHERE "p"."id" = ?`, { decode: decodeOf(places) }),
  // Foreign keys checked at the commit, so the nodes of a bundle may refer to one another in any order.
  deferForeignKeys: statement(`PRAGMA defer_foreign_keys = ON`, { postgres: `SET CONSTRAINTS ALL DEFERRED` }),
};

/** What refers deletes first: the fill order reversed. */
const CLEAR = (Object.keys(KNOWLEDGE_TABLES) as KnowledgeTable[]).reverse().map((key) => statement(`DELETE FROM "${ROWS[key].table}"`));

/** True when the database holds no source yet (first start). */
export async function isEmpty(q: Executor): Promise<boolean> {
  return (await q.get(Q.anySource)) === undefined;
}

/** True when the knowledge base holds no source and no place: everything a bundle brings is new. */
export async function isFresh(q: Executor): Promise<boolean> {
  return (await isEmpty(q)) && (await q.get(Q.anyPlace)) === undefined;
}

export async function placeById(q: Executor, id: string): Promise<PlaceRow | null> {
  return (await q.get<PlaceRow>(Q.place, [id])) ?? null;
}

/** Inserts the place, or updates it in place. */
export async function writePlace(q: Executor, place: PlaceRow): Promise<void> {
  await q.run(ROWS.places.upsert!, ROWS.places.values(place));
}

export async function deferForeignKeys(q: Executor): Promise<void> {
  await q.run(Q.deferForeignKeys);
}

/** Deletes every fact, link and span (what refers first); the caller holds the transaction. API keys and history stay. */
export async function clearKnowledge(q: Executor): Promise<void> {
  for (const clear of CLEAR) await q.run(clear);
}

/** Inserts every row of a plan, table by table in the fill order; the caller holds the transaction. */
export async function insertPlan(q: Executor, plan: SeedPlan): Promise<number> {
  let written = 0;
  for (const key of Object.keys(KNOWLEDGE_TABLES) as KnowledgeTable[]) {
    const { insert, values } = ROWS[key];
    for (const row of plan[key]) await q.run(insert, values(row));
    written += plan[key].length;
  }
  return written;
}
