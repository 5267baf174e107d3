/**
 * Opens the embedded SQLite database and applies pending migrations.
 *
 * Pragmas: WAL so readers never block the writer; `foreign_keys = ON` because SQLite leaves
 * them off by default; `synchronous = FULL`, our documented durability choice: the knowledge
 * base takes writes that exist nowhere else, so a write is acknowledged only once its commit
 * is on disk (an fsync per commit) and survives a power cut as well as a crash of the
 * process; `busy_timeout` so a second connection waits for the writer instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as tables from './tables.js';
import { MIGRATIONS_DIR } from '../shared/paths.js';

/** The drizzle database, with the better-sqlite3 handle it wraps (`$client`) for bulk paths. */
export type Db = BetterSQLite3Database<typeof tables> & { $client: Database.Database };

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
  sqlite.pragma('synchronous = FULL');
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
