/** Everything in a database as one comparable string: every table (FTS shadow tables included on SQLite). */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.js';
import type { Executor } from '../../src/db/engine.js';
import { sqlRows } from './sql.js';

export function tableNames(db: Db): string[] {
  return db
    .all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .map(({ name }) => name)
    .filter((name) => !name.startsWith('__drizzle') && !name.startsWith('sqlite_'));
}

/** SQLite only, through the drizzle handle (the bulk tests' form). */
export function snapshot(db: Db): string {
  const tables = tableNames(db);
  expect(tables.length).toBeGreaterThan(10);
  return JSON.stringify(tables.map((name) => [name, db.all(sql.raw(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort()]));
}

/** Every table of the knowledge base on either engine (PostgreSQL: the public schema; drizzle's own bookkeeping left out). */
export async function engineTableNames(q: Executor): Promise<string[]> {
  const rows =
    q.kind === 'sqlite'
      ? await sqlRows<{ name: string }>(q, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      : await sqlRows<{ name: string }>(q, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  return rows.map(({ name }) => name).filter((name) => !name.startsWith('__drizzle') && !name.startsWith('sqlite_'));
}

/** `snapshot` on either engine, read in one consistent snapshot: compare two of them for "nothing was written". */
export async function snapshotKb(kb: { engine: { snapshot<T>(work: (q: Executor) => Promise<T>): Promise<T> } }): Promise<string> {
  return kb.engine.snapshot(async (q) => {
    const tables = await engineTableNames(q);
    expect(tables.length).toBeGreaterThan(10);
    const out: [string, string[]][] = [];
    for (const name of tables) out.push([name, (await sqlRows(q, `SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort()]);
    return JSON.stringify(out);
  });
}
