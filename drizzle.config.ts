import { defineConfig } from 'drizzle-kit';

/** drizzle-kit generates the SQL migrations in src/db/migrations from the tables. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/tables.ts',
  out: './src/db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? './data/kb.sqlite' },
});
