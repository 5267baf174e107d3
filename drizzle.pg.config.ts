import { defineConfig } from 'drizzle-kit';

/** drizzle-kit generates the PostgreSQL migrations in src/db/pg/migrations from the pg tables. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/tables.ts',
  out: './src/db/pg/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/kb' },
});
