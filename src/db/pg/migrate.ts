/**
 * Applies the PostgreSQL migrations (`src/db/pg/migrations`, resolved from the package root
 * like SQLite's, so the bundled server finds them too) that the database has not had yet.
 *
 * drizzle's migrator reads the last applied migration before it opens its transaction, so two
 * servers starting at once against one database would both apply the same migrations and one
 * would fail. Each run therefore holds a session-level advisory lock on one connection for
 * its whole length: a second server waits, then finds nothing left to apply. Its bookkeeping
 * table is drizzle's default, `drizzle.__drizzle_migrations`, outside the `public` schema.
 */
import type { Pool } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PG_MIGRATIONS_DIR } from '../../shared/paths.js';

/** The advisory lock key held while migrating (any int8; this one spells "kb migr"). */
export const MIGRATION_LOCK_KEY = 0x6b62206d696772n;

/** Applies every migration not yet applied, in one transaction; idempotent and safe to run from several servers at once. */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}
