/**
 * SQLite's bulk loader: what makes a load into an empty knowledge base fast on SQLite, run on
 * the better-sqlite3 connection while the engine's transaction is open on it (the rows
 * themselves go through the stores, on that transaction). PostgreSQL will have its own (COPY).
 *
 * - Foreign keys are switched off for the load (that can only be done outside a transaction)
 *   and checked once at the end with `PRAGMA foreign_key_check`, which finds what no row-by-row
 *   check would. Only for a connection nothing else writes on meanwhile (the command line,
 *   start-up, a test).
 * - The secondary indexes of the knowledge, search and history tables, the trigger that feeds
 *   each search document to the full-text index and those that keep `first_mention` are
 *   dropped, and created again afterwards from their own stored SQL; the full-text index is
 *   rebuilt in one pass and `first_mention` filled. Building an index once over all rows is
 *   several times faster than keeping it current row by row (evidence alone has twelve). A
 *   failure rolls the drop back with the rows; unique indexes come back as they were and check
 *   the rows when rebuilt.
 */
import type Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import { fillFirstMentions } from '../sql-helpers.js';
import { KNOWLEDGE_TABLES } from '../../store/rows.js';

/** Runs `load` with foreign keys off on the connection, and on again after, whatever happens. */
export async function withoutForeignKeys<T>(sqlite: Database.Database, load: () => Promise<T>): Promise<T> {
  sqlite.pragma('foreign_keys = OFF');
  try {
    return await load();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** The first row that refers to a missing row, described; null when there is none. */
export function foreignKeyProblem(sqlite: Database.Database): string | null {
  const broken = sqlite.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number; parent: string }[];
  return broken.length === 0 ? null : `${broken.length} row(s) refer to missing rows, first ${broken[0]!.table} row ${broken[0]!.rowid} → ${broken[0]!.parent}`;
}

/** Drops the indexes and triggers (see the header); the returned function builds them again. */
export function setAsideIndexes(db: Db): () => void {
  const sqlite = db.$client;
  const tables = [...Object.values(KNOWLEDGE_TABLES).map((table) => getTableConfig(table).name), 'search_documents', 'changes'];
  const saved = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN (SELECT value FROM json_each(?))) OR (type = 'trigger' AND (name = 'search_documents_ai' OR name LIKE '%\\_first\\_mention\\_%' ESCAPE '\\')))`,
    )
    .all(JSON.stringify(tables)) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const { type, name } of saved) sqlite.exec(`DROP ${type.toUpperCase()} "${name}"`);
  return () => {
    for (const { sql } of saved) sqlite.exec(sql);
    sqlite.exec(`INSERT INTO search_fts(search_fts) VALUES ('rebuild')`);
    fillFirstMentions(sqlite);
  };
}
