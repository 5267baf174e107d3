/**
 * Factories for the per-request DataLoaders (created in `context.ts`, never at module level,
 * so nothing is cached across requests). Each batch is one SQL statement whatever the number
 * of keys, which is what keeps nested queries free of N+1.
 */
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.js';

type IdTable = SQLiteTable & { id: SQLiteColumn };

/**
 * Each table's by-id query, prepared once per database: the ids go in as one JSON array
 * (`json_each`), so the SQL text is the same whatever the batch size, and neither drizzle's
 * builder nor SQLite's compiler runs per request.
 */
const byIdQueries = new WeakMap<Db, Map<IdTable, { all(params: { ids: string }): unknown[] }>>();

function byIdQuery(db: Db, table: IdTable) {
  let queries = byIdQueries.get(db);
  if (!queries) byIdQueries.set(db, (queries = new Map()));
  let query = queries.get(table);
  if (!query) {
    query = db.select().from(table).where(sql`${table.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`).prepare();
    queries.set(table, query);
  }
  return query;
}

/** Loads rows of `table` by primary key `id`; a missing id yields null. */
export function byIdLoader<Row extends { id: string }>(db: Db, table: IdTable) {
  return new DataLoader<string, Row | null>(async (ids) => {
    const rows = byIdQuery(db, table).all({ ids: JSON.stringify(ids) }) as Row[];
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Loads, per key, every row whose `column` equals the key, in the order `fetch` returns. */
export function groupLoader<Row, K extends string = string>(fetch: (keys: K[]) => Row[], keyOf: (row: Row) => K) {
  return new DataLoader<K, Row[]>(async (keys) => {
    const groups = new Map<K, Row[]>(keys.map((k) => [k, []]));
    for (const row of fetch([...keys])) groups.get(keyOf(row))?.push(row);
    return keys.map((k) => groups.get(k)!);
  });
}

interface StoredRelation<K extends string> {
  id: string;
  subjectId: string;
  objectId: string;
  kind: K;
}

/**
 * A relation stored once, loaded for both of its ends: from the subject's side it reads with
 * its stored kind, from the object's side with the inverse kind (SUPPORTS / SUPPORTED_BY).
 * `extra` carries the columns a relation type adds (an event relation's note).
 */
export function bothEndsLoader<K extends string, I extends string, Row extends StoredRelation<K>, X extends object>(
  fetch: (ids: string[]) => Row[],
  inverse: Record<K, I>,
  extra: (row: Row) => X,
) {
  type End = { id: string; ownerId: string; kind: K | I; otherId: string } & X;
  return groupLoader<End>(
    (ids) => {
      const wanted = new Set(ids);
      return fetch(ids).flatMap((r) => [
        ...(wanted.has(r.subjectId) ? [{ id: r.id, ownerId: r.subjectId, kind: r.kind, otherId: r.objectId, ...extra(r) } as End] : []),
        ...(wanted.has(r.objectId) ? [{ id: r.id, ownerId: r.objectId, kind: inverse[r.kind], otherId: r.subjectId, ...extra(r) } as End] : []),
      ]);
    },
    (r) => r.ownerId,
  );
}
