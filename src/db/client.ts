/**
 * Opens the embedded SQLite database and applies pending migrations.
 *
 * Pragmas: WAL so readers never block the writer; `foreign_keys = ON` because SQLite leaves
 * them off by default; `synchronous = NORMAL`, our documented durability choice: in WAL mode
 * a commit survives a crash of the process but may be rolled back by a power loss. The
 * knowledge base is rebuilt from `seed/` by `npm run seed`, so losing the last commit on a
 * power cut costs nothing that cannot be recovered, and NORMAL avoids an fsync per commit.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as tables from './tables.js';
import { MIGRATIONS_DIR } from '../shared/paths.js';

export type Db = BetterSQLite3Database<typeof tables>;

export interface OpenDatabase {
  db: Db;
  sqlite: Database.Database;
  /** Absolute path of the file, or ':memory:'. */
  path: string;
  close(): void;
}

export interface OpenOptions {
  /** Called with every SQL statement drizzle runs (tests count them to prove batching). */
  onQuery?: (sql: string, params: unknown[]) => void;
}

/** Turns `DATABASE_URL` (a path, `file:` URL or `:memory:`) into a path for better-sqlite3. */
export function databasePath(url: string): string {
  if (url === ':memory:') return url;
  const path = url.startsWith('file:') ? url.slice('file:'.length).replace(/^\/\/(?=\/)/, '') : url;
  return resolve(path);
}

export function openDatabase(url: string, options: OpenOptions = {}): OpenDatabase {
  const path = databasePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const onQuery = options.onQuery;
  const db = drizzle(sqlite, {
    schema: tables,
    logger: onQuery ? { logQuery: (query, params) => onQuery(query, params) } : false,
  });
  return { db, sqlite, path, close: () => sqlite.close() };
}

/** Applies every migration in `src/db/migrations` not yet applied; idempotent. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
