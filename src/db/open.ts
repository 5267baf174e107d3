/**
 * Opens the knowledge base named by `DATABASE_URL` on its engine, checks it, and migrates it:
 * the one place that knows which engine runs. What the operator must fix (an unknown scheme, a
 * server that cannot be reached, credentials refused, a database migrated by newer code) is a
 * `StartupError` with one line naming what and where, raised before anything is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type Db, type OpenOptions } from './client.js';
import { parseDatabaseUrl } from './database-url.js';
import type { Engine } from './engine.js';
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from '../shared/paths.js';

export class StartupError extends Error {
  override name = 'StartupError';
}

/** An open knowledge base: its engine, and for SQLite the drizzle handle the bulk paths use. */
export interface Kb {
  engine: Engine;
  /** SQLite only: the drizzle handle over the same connection (bulk loading, backups). */
  db: Db | null;
  /** Where the data lives, for messages: a path, or a PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenKbOptions extends OpenOptions {
  /** Apply pending migrations (default true); false only checks that the database is not newer than the code. */
  migrate?: boolean;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/** The newest migration this code knows, by its drizzle-kit timestamp. */
function newestKnown(dir: string): number {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

function refuseNewer(location: string, applied: number | null, dir: string): void {
  const known = newestKnown(dir);
  if (applied !== null && applied > known) {
    throw new StartupError(
      `the database at ${location} was migrated by newer code (a migration of ${new Date(applied).toISOString()}; this code knows migrations up to ${new Date(known).toISOString()}): upgrade the code, or use a backup made for this version`,
    );
  }
}

export async function openKb(url: string, options: OpenKbOptions = {}): Promise<Kb> {
  const target = parseDatabaseUrl(url);
  if (target.engine === 'sqlite') {
    const opened = openDatabase(url, options);
    try {
      const hasTable = opened.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
      const applied = hasTable ? ((opened.sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at ?? null) : null;
      refuseNewer(opened.path, applied, MIGRATIONS_DIR);
      if (options.migrate ?? true) migrateDatabase(opened.db);
    } catch (error) {
      opened.close();
      throw error;
    }
    return { engine: opened.engine, db: opened.db, location: opened.path, close: async () => opened.close() };
  }

  // node-postgres is loaded only for a PostgreSQL URL: a start on SQLite does without it.
  const { describeUrl, isUnavailable, pgEngine } = await import('./pg/engine.js');
  const { migratePostgres } = await import('./pg/migrate.js');
  const location = describeUrl(target.url);
  const engine = pgEngine(target.url, { onStatement: options.onStatement, max: options.poolSize });
  try {
    const probe = await engine.pool.query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS "migrated", current_setting('server_version_num')::int AS "version"`);
    const { migrated, version } = probe.rows[0] as { migrated: boolean; version: number };
    if (version < 150000) throw new StartupError(`PostgreSQL at ${location} is version ${Math.floor(version / 10000)}; the knowledge base needs 15 or newer`);
    const applied = migrated ? ((await engine.pool.query('SELECT max(created_at)::float8 AS "at" FROM drizzle.__drizzle_migrations')).rows[0] as { at: number | null }).at : null;
    refuseNewer(location, applied, PG_MIGRATIONS_DIR);
    if (options.migrate ?? true) await migratePostgres(engine.pool);
  } catch (error) {
    await engine.close().catch(() => {});
    throw startupErrorOf(error, location, isUnavailable);
  }
  return { engine, db: null, location, close: () => engine.close() };
}

/** A PostgreSQL fault at start-up, said in one line: what failed, and where. */
function startupErrorOf(error: unknown, location: string, isUnavailable: (error: unknown) => boolean): Error {
  if (error instanceof StartupError) return error;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000') return new StartupError(`PostgreSQL at ${location} refused the credentials (${message})`);
  if (code === '3D000') return new StartupError(`PostgreSQL at ${location}: ${message}`);
  if (isUnavailable(error) || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new StartupError(`cannot reach PostgreSQL at ${location} (${code ?? message})`);
  return error instanceof Error ? error : new Error(message);
}

/** Whether a SQLite file exists at the URL (the CLI's backup refuses a path with nothing there). */
export function sqliteFileExists(url: string): boolean {
  const target = parseDatabaseUrl(url);
  return target.engine === 'sqlite' && (target.path === ':memory:' || existsSync(target.path));
}
