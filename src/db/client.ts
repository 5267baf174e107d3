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
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as tables from './tables.js';
import { MIGRATIONS_DIR } from '../shared/paths.js';
import { DatabaseUrlError, parseDatabaseUrl } from './database-url.js';
import type { Engine, EngineOptions } from './engine.js';
import { sqliteEngine } from './sqlite/engine.js';

/** The drizzle database, with the better-sqlite3 handle it wraps (`$client`) for bulk paths. */
export type Db = BetterSQLite3Database<typeof tables> & { $client: Database.Database };

export interface OpenDatabase {
  db: Db;
  /** The async engine over the same connection: what the stores run on. */
  engine: Engine;
  sqlite: Database.Database;
  /** Absolute path of the file, or ':memory:'. */
  path: string;
  close(): void;
}

export interface OpenOptions extends EngineOptions {
  /** Called with every SQL statement drizzle runs (tests count them to prove batching). */
  onQuery?: (sql: string, params: unknown[]) => void;
}

/** Turns a SQLite `DATABASE_URL` (a path, `file:` URL or `:memory:`) into a path for better-sqlite3. */
export function databasePath(url: string): string {
  const target = parseDatabaseUrl(url);
  if (target.engine !== 'sqlite') throw new DatabaseUrlError(`DATABASE_URL names PostgreSQL; this needs a SQLite file`);
  return target.path;
}

/** The engine of each drizzle handle, for code not yet moved from the handle to the engine. */
const engines = new WeakMap<Db, Engine>();

export function engineOf(db: Db): Engine {
  const engine = engines.get(db);
  if (!engine) throw new Error('this database handle was not opened by openDatabase');
  return engine;
}

export function openDatabase(url: string, options: OpenOptions = {}): OpenDatabase {
  const path = databasePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // better-sqlite3 reports every statement it runs to `verbose`: the SQL-count test counts there.
  const sqlite = new Database(path, options.onStatement ? { verbose: (text) => options.onStatement!(String(text)) } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const onQuery = options.onQuery;
  const db = drizzle(sqlite, {
    schema: tables,
    logger: onQuery ? { logQuery: (query, params) => onQuery(query, params) } : false,
  });
  const engine = sqliteEngine(sqlite, path);
  engines.set(db, engine);
  return { db, engine, sqlite, path, close: () => sqlite.close() };
}

/** Applies every migration in `src/db/migrations` not yet applied; idempotent. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
