/**
 * The SQL of bundle imports and the seed beyond node documents and history (those are
 * `store/documents.ts` and `store/history.ts`): emptiness, places (which have no history),
 * emptying the knowledge tables, and rows written table by table through `store/rows.ts`,
 * by their INSERTs or, loading an empty base on PostgreSQL, by COPY (`db/pg/bulk.ts`).
 */
import { columns, decodeOf } from '../db/columns.js';
import { statement, type Executor } from '../db/engine.js';
import { places, type PlaceRow } from '../db/tables.js';
import { copyLoader } from '../db/pg/bulk.js';
import { CHANGE_COLUMNS, changeValues, recordChange, type ChangeRecord } from '../store/history.js';
import { KNOWLEDGE_TABLES, ROWS, type KnowledgeTable } from '../store/rows.js';
import type { SeedPlan } from './bundle-reader.js';
import { isEmpty } from './empty.store.js';

/** Emptiness is asked at every start, so it lives apart (`empty.store.ts`); said here too for the import's callers. */
export { isEmpty };

const Q = {
  anyPlace: statement(`SELECT "p"."id" AS "id" FROM "places" AS "p" LIMIT 1`),
  place: statement(`SELECT ${columns(places, 'p')} FROM "places" AS "p" WHERE "p"."id" = ?`, { decode: decodeOf(places) }),
  // Foreign keys checked at the commit, so the nodes of a bundle may refer to one another in any order.
  deferForeignKeys: statement(`PRAGMA defer_foreign_keys = ON`, { postgres: `SET CONSTRAINTS ALL DEFERRED` }),
};

/** What refers deletes first: the fill order reversed. */
const CLEAR = (Object.keys(KNOWLEDGE_TABLES) as KnowledgeTable[]).reverse().map((key) => statement(`DELETE FROM "${ROWS[key].table}"`));

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

/** Where a load into an empty knowledge base writes its rows and its revision's changes. */
export interface BulkWriter {
  /** Writes (or queues) one entry's rows; returns how many. */
  rows(plan: SeedPlan): Promise<number>;
  change(revision: number, change: ChangeRecord): Promise<void>;
  /** Between two entries: lets the writer send a full batch. */
  entryDone(): Promise<void>;
  /** Sends what is still queued; the transaction then commits. */
  finish(): Promise<void>;
}

/** Rows by their INSERT statements as they come (SQLite, whose bulk loader works around them). */
export function insertWriter(q: Executor): BulkWriter {
  return {
    rows: (plan) => insertPlan(q, plan),
    change: (revision, change) => recordChange(q, revision, change),
    entryDone: async () => {},
    finish: async () => {},
  };
}

/**
 * Rows and changes by COPY on the transaction's connection, a batch at a time (PostgreSQL):
 * the same values the INSERTs take. `history: false` writes the changes by their INSERTs.
 */
export function copyWriter(q: Executor, { history = true } = {}): BulkWriter {
  const loader = copyLoader(q, [...Object.values(ROWS).map((r) => r.table), 'changes']);
  return {
    async rows(plan) {
      let written = 0;
      for (const key of Object.keys(KNOWLEDGE_TABLES) as KnowledgeTable[]) {
        const { table, columns, values } = ROWS[key];
        for (const row of plan[key]) loader.add(table, columns, values(row));
        written += plan[key].length;
      }
      return written;
    },
    change: history ? async (revision, change) => loader.add('changes', CHANGE_COLUMNS, changeValues(revision, change)) : (revision, change) => recordChange(q, revision, change),
    entryDone: () => loader.flushIfFull(),
    finish: () => loader.finish(),
  };
}
