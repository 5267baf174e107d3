/**
 * Whether the knowledge base is empty: what the server asks at every start (to seed a new
 * base), kept apart from the import's SQL so that a start on an existing base loads none of
 * the import (nor, through its COPY loader, node-postgres on SQLite).
 */
import { statement, type Executor } from '../db/engine.js';

const anySource = statement(`SELECT "s"."id" AS "id" FROM "sources" AS "s" LIMIT 1`);

/** True when the database holds no source yet (first start). */
export async function isEmpty(q: Executor): Promise<boolean> {
  return (await q.get(anySource)) === undefined;
}
