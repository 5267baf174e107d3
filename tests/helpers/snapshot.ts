/** Everything in a database as one comparable string: every table, FTS shadow tables included. */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.js';

export function tableNames(db: Db): string[] {
  return db
    .all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .map(({ name }) => name)
    .filter((name) => !name.startsWith('__drizzle') && !name.startsWith('sqlite_'));
}

export function snapshot(db: Db): string {
  const tables = tableNames(db);
  expect(tables.length).toBeGreaterThan(10);
  return JSON.stringify(tables.map((name) => [name, db.all(sql.raw(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort()]));
}
