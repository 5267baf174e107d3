/**
 * The SQLite and PostgreSQL migrations build the same schema: each engine is migrated from
 * empty by its real migrations, its catalog is read back and written as sorted lines (a
 * column, a primary key, a foreign key, an index, a check), and the two lists must be equal,
 * so a difference fails with a diff naming the line. The few differences made on purpose are
 * listed in DELIBERATE below, each with its reason. The triggers are compared by what they do:
 * the same writes on both engines must leave the same search documents and first mentions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type OpenDatabase } from '../../src/db/client.js';
import { migratePostgres } from '../../src/db/pg/migrate.js';
import * as sqliteTables from '../../src/db/tables.js';
import { PG_MIGRATIONS_DIR } from '../../src/shared/paths.js';
import { providedPostgres } from '../helpers/engines.js';

/**
 * The URL of a PostgreSQL server on which this test may create and drop a database, or
 * undefined to skip it. The one place to change when a global setup provides the server.
 */
function postgresAdminUrl(): string | undefined {
  return providedPostgres()?.adminUrl;
}

/**
 * What each engine has that the other has not, on purpose. Lines are removed from the
 * PostgreSQL side (`pgOnly`) or the SQLite side (`sqliteOnly`) before the comparison; a line
 * listed here that is not in the catalog fails the test too, so the list cannot go stale.
 */
const DELIBERATE = {
  pgOnly: [
    // SQLite's full-text index is the FTS5 virtual table search_fts (its shadow tables are
    // skipped as engine internals); PostgreSQL keeps a tsvector per document instead,
    // generated from the body, and indexes it with GIN.
    'search_documents.tsv: tsvector generated',
    'index search_documents_tsv_idx on search_documents using gin (tsv)',
  ],
  sqliteOnly: [] as string[],
};

/*
 * Compared after normalising, not listed above:
 * - The name orders: SQLite indexes `name COLLATE NOCASE`, PostgreSQL `lower(name)`; both are
 *   written `lower(name)` (see sqliteIndexKey), so the index's name, position and id column
 *   are still compared.
 * - Check constraints by name only: their expressions differ by necessity (SQLite adds
 *   booleans as integers, PostgreSQL uses num_nonnulls).
 * - A unique index and a UNIQUE constraint (PostgreSQL's form of `.unique()`) are both a
 *   `unique index` line: each is enforced by a unique index of that name.
 * - Primary keys by their columns, not by their indexes' names (sqlite_autoindex_… against …_pkey).
 */

const adminUrl = postgresAdminUrl();

/** How many PostgreSQL migrations the journal lists. */
const migrationCount = (JSON.parse(readFileSync(join(PG_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

/** SQLite's internals and drizzle's bookkeeping: not part of the schema we declare. */
const sqliteInternal = (name: string) => name.startsWith('sqlite_') || name.startsWith('search_fts') || name === '__drizzle_migrations';

/**
 * Lower-cases an SQL fragment (but its string literals) and strips what only spells it differently: quotes, table
 * qualifiers, PostgreSQL's casts (`'UNKNOWN'::text`) and grouping parentheses (a function
 * call's are kept: `lower(name)`).
 */
function normaliseSql(text: string): string {
  const bare = text
    .replace(/[`"]/g, '')
    .replace(/\b\w+\.(?=\w)/g, '')
    .replace(/::(?:double precision|character varying|[a-z_]+)/g, '');
  let out = '';
  const calls: boolean[] = [];
  for (let i = 0; i < bare.length; i++) {
    const ch = bare[i]!;
    if (ch === '(') {
      const call = /\w/.test(bare[i - 1] ?? '');
      calls.push(call);
      if (call) out += ch;
    } else if (ch === ')') {
      if (calls.pop()) out += ch;
    } else out += ch;
  }
  // String literals keep their case: a default of 'Unknown' is not 'UNKNOWN'.
  return out
    .replace(/\s+/g, ' ')
    .trim()
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase()))
    .join('');
}

/** The type of a column in one vocabulary for both engines (json and boolean known from the drizzle tables). */
function sqliteType(table: string, column: string, declared: string): string {
  const drizzleColumn = drizzleColumns.get(table)?.get(column);
  if (drizzleColumn === 'SQLiteTextJson') return 'json';
  if (drizzleColumn === 'SQLiteBoolean') return 'boolean';
  const type = declared.toLowerCase();
  return type === 'real' ? 'double' : type;
}

/** PostgreSQL's type of a column in the same vocabulary: integer and bigint alike, as SQLite's integer is 64-bit. */
function pgType(type: string): string {
  const map: Record<string, string> = { text: 'text', integer: 'integer', bigint: 'integer', 'double precision': 'double', boolean: 'boolean', jsonb: 'json' };
  return map[type] ?? type;
}

/** Table → column → drizzle's column type (e.g. SQLiteBoolean), for the tables drizzle declares. */
const drizzleColumns = new Map(
  Object.values(sqliteTables as Record<string, unknown>)
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => {
      const config = getTableConfig(table);
      return [config.name, new Map(config.columns.map((c) => [c.name, c.columnType]))] as const;
    }),
);

function columnLine(table: string, column: string, c: { type: string; notNull: boolean; default: string | null; identity: boolean }): string {
  const parts = [`${table}.${column}: ${c.type}`];
  if (c.notNull) parts.push('not null');
  if (c.default !== null) parts.push(`default ${normaliseSql(c.default)}`);
  if (c.identity) parts.push('identity');
  return parts.join(' ');
}

const fkLine = (table: string, from: string[], to: string, toColumns: string[], onDelete: string, onUpdate: string) =>
  `${table} foreign key (${from.join(', ')}) references ${to} (${toColumns.join(', ')}) on delete ${onDelete.toLowerCase()} on update ${onUpdate.toLowerCase()}`;

const indexLine = (table: string, name: string, unique: boolean, keys: string[], where: string | null, method = 'btree') =>
  `${unique ? 'unique index' : 'index'} ${name} on ${table}${method === 'btree' ? '' : ` using ${method}`} (${keys.join(', ')})${where ? ` where ${normaliseSql(where)}` : ''}`;

/** An index key of SQLite's: a column, or `lower(column)` for a NOCASE one (PostgreSQL's counterpart). */
function sqliteIndexKey(column: { name: string | null; coll: string }): string {
  if (column.name === null) throw new Error('SQLite expression indexes are not compared yet: give this one a counterpart in sqliteIndexKey');
  return column.coll === 'NOCASE' ? `lower(${column.name})` : column.name;
}

function sqliteCatalog(db: OpenDatabase['sqlite']): string[] {
  const lines: string[] = [];
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string }[];
  for (const { name: table, sql } of tables.filter((t) => !sqliteInternal(t.name))) {
    lines.push(`table ${table}`);
    const columns = db.prepare(`SELECT name, type, "notnull" AS "notNull", dflt_value AS dflt, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as {
      name: string;
      type: string;
      notNull: number;
      dflt: string | null;
      pk: number;
    }[];
    // Only an INTEGER PRIMARY KEY can be AUTOINCREMENT, and a table has at most one.
    const autoIncrement = /\bAUTOINCREMENT\b/i.test(sql);
    const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    // As declared: a PRIMARY KEY column other than an INTEGER one takes NULL on SQLite unless
    // declared NOT NULL, so one that is not must show here, against PostgreSQL's NOT NULL.
    for (const c of columns) {
      lines.push(columnLine(table, c.name, { type: sqliteType(table, c.name, c.type), notNull: c.notNull === 1, default: c.dflt, identity: autoIncrement && c.pk === 1 }));
    }
    if (pk.length > 0) lines.push(`${table} primary key (${pk.map((c) => c.name).join(', ')})`);
    const fks = db.prepare(`SELECT id, seq, "table" AS target, "from" AS source, "to" AS dest, on_update AS onUpdate, on_delete AS onDelete FROM pragma_foreign_key_list(?) ORDER BY id, seq`).all(table) as {
      id: number;
      target: string;
      source: string;
      dest: string;
      onUpdate: string;
      onDelete: string;
    }[];
    for (const id of new Set(fks.map((f) => f.id))) {
      const parts = fks.filter((f) => f.id === id);
      lines.push(fkLine(table, parts.map((f) => f.source), parts[0]!.target, parts.map((f) => f.dest), parts[0]!.onDelete, parts[0]!.onUpdate));
    }
    const indexes = db.prepare(`SELECT name, "unique" AS isUnique, origin, partial FROM pragma_index_list(?)`).all(table) as { name: string; isUnique: number; origin: string; partial: number }[];
    for (const index of indexes.filter((i) => i.origin !== 'pk')) {
      const keys = (db.prepare(`SELECT name, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`).all(index.name) as { name: string | null; coll: string }[]).map(sqliteIndexKey);
      const created = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).get(index.name) as { sql: string | null } | undefined)?.sql ?? null;
      const where = index.partial ? created!.slice(created!.search(/\sWHERE\s/i) + ' WHERE '.length) : null;
      lines.push(indexLine(table, index.name, index.isUnique === 1, keys, where));
    }
    for (const [, name] of sql.matchAll(/CONSTRAINT\s+["`]?(\w+)["`]?\s+CHECK/gi)) lines.push(`${table} check ${name}`);
  }
  return lines.sort();
}

async function pgCatalog(client: pg.PoolClient): Promise<string[]> {
  const lines: string[] = [];
  const q = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as T[];
  const tables = await q<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  for (const { name: table } of tables) lines.push(`table ${table}`);
  const columns = await q<{ table: string; name: string; type: string; notNull: boolean; dflt: string | null; identity: string; generated: string }>(
    `SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable = 'NO' AS "notNull", column_default AS dflt, is_identity AS identity, is_generated AS generated
     FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  for (const c of columns) {
    if (c.generated === 'ALWAYS') lines.push(`${c.table}.${c.name}: ${pgType(c.type)} generated`);
    else lines.push(columnLine(c.table, c.name, { type: pgType(c.type), notNull: c.notNull, default: c.dflt, identity: c.identity === 'YES' }));
  }
  // Keys and checks from pg_constraint, whose column lists keep their order.
  const constraints = await q<{ table: string; name: string; type: string; columns: string[]; target: string | null; targetColumns: string[] | null; onDelete: string; onUpdate: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS type,
            array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
            c.confrelid::regclass::text AS target,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS "targetColumns",
            c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'c')`,
  );
  const action: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
  for (const c of constraints) {
    if (c.type === 'p') lines.push(`${c.table} primary key (${c.columns.join(', ')})`);
    else if (c.type === 'f') lines.push(fkLine(c.table, c.columns, c.target!, c.targetColumns!, action[c.onDelete]!, action[c.onUpdate]!));
    else lines.push(`${c.table} check ${c.name}`);
  }
  const indexes = await q<{ table: string; name: string; unique: boolean; method: string; keys: string[]; predicate: string | null }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, am.amname AS method,
            array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)::text[] AS keys,
            pg_get_expr(x.indpred, x.indrelid, true) AS predicate
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_am am ON am.oid = i.relam
     WHERE n.nspname = 'public' AND NOT x.indisprimary`,
  );
  for (const i of indexes) lines.push(indexLine(i.table, i.name, i.unique, i.keys.map(normaliseSql), i.predicate, i.method));
  return lines.sort();
}

/** Removes the deliberate lines from a catalog, failing on any that is not there. */
function withoutDeliberate(lines: string[], deliberate: string[]): string[] {
  expect(deliberate.filter((line) => !lines.includes(line)), 'deliberate differences no longer found in the catalog').toEqual([]);
  return lines.filter((line) => !deliberate.includes(line));
}

describe.runIf(adminUrl)('Schema parity: the SQLite and PostgreSQL migrations declare the same schema', () => {
  const database = `kb_schema_parity_${process.pid}_${Date.now().toString(36)}`;
  let admin: pg.Client;
  let pool: pg.Pool;
  let dir: string;
  let sqlite: OpenDatabase;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(adminUrl!);
    url.pathname = `/${database}`;
    pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    await migratePostgres(pool);
    dir = mkdtempSync(join(tmpdir(), 'kb-parity-'));
    sqlite = openDatabase(join(dir, 'kb.sqlite'));
    migrateDatabase(sqlite.db);
  });

  /** Drops a database of this test once its sessions are gone (pool.end() does not wait for the server). */
  async function dropDatabase(name: string): Promise<void> {
    // Dropping under a session being closed kills it, which its client reports as an uncaught error.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
      if (rows[0]!.n === 0) break;
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }

  afterAll(async () => {
    sqlite?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await pool?.end();
    if (!admin) return;
    await dropDatabase(database);
    await admin.end();
  });

  it('has the same tables, columns, keys, indexes and checks, but for the differences listed', async () => {
    const client = await pool.connect();
    try {
      const fromPg = withoutDeliberate(await pgCatalog(client), DELIBERATE.pgOnly);
      const fromSqlite = withoutDeliberate(sqliteCatalog(sqlite.sqlite), DELIBERATE.sqliteOnly);
      expect(fromSqlite.length).toBeGreaterThan(200);
      expect(fromPg).toEqual(fromSqlite);
    } finally {
      client.release();
    }
  });

  it('compares and sorts every text column by bytes, as SQLite does, whatever the locale', async () => {
    const { rows } = await pool.query(`SELECT table_name || '.' || column_name AS "column", collation_name AS "collation" FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'text' ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(100);
    // The search text alone keeps the default: its tsvector depends on it and it is never compared.
    expect(rows.filter((r) => r.collation !== 'C')).toEqual([{ column: 'search_documents.body', collation: null }]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO places (id, name) VALUES ('place:b-c', 'b'), ('place:bc', 'É'), ('Place:z', 'a'), ('place:a', 'B')`);
      const byId = await client.query(`SELECT id FROM places ORDER BY id`);
      const byName = await client.query(`SELECT lower(name) AS n FROM places ORDER BY lower(name), id`);
      expect(byId.rows.map((r) => r.id)).toEqual(['Place:z', 'place:a', 'place:b-c', 'place:bc']);
      // lower() folds ASCII only, as SQLite's NOCASE: É stays É and sorts after every ASCII letter.
      expect(byName.rows.map((r) => r.n)).toEqual(['a', 'b', 'b', 'É']);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('migrates a fresh database from two servers at once, one waiting for the other', async () => {
    // Without migratePostgres' advisory lock, one of the two fails (a duplicate type or table).
    const twice = `${database}_twice`;
    await admin.query(`CREATE DATABASE "${twice}"`);
    const url = new URL(adminUrl!);
    url.pathname = `/${twice}`;
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: url.toString(), max: 1 }));
    try {
      await Promise.all(pools.map((p) => migratePostgres(p)));
      const { rows } = await pools[0]!.query(`SELECT count(*)::int AS applied FROM drizzle.__drizzle_migrations`);
      const { rows: counter } = await pools[0]!.query(`SELECT id, last FROM revision_counter`);
      expect({ applied: rows[0].applied, counter }).toEqual({ applied: migrationCount, counter: [{ id: 1, last: 0 }] });
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await dropDatabase(twice);
    }
  });

  it('keeps the same search documents and first mentions on both engines through inserts, updates and deletes', async () => {
    // One script in the SQL both engines read; evidence ids are numbered 1, 2, … on both.
    const steps = [
      `INSERT INTO sources (id, title, text) VALUES ('source:s', 'Le Monde', 'text')`,
      `INSERT INTO places (id, name) VALUES ('place:t', 'Téhéran')`,
      `INSERT INTO actors (id, name, kind, description) VALUES ('actor:ir', 'Irán', 'STATE', 'The Islamic Republic'), ('actor:us', 'United States', 'STATE', 'The federal government')`,
      `INSERT INTO actor_aliases (actor_id, alias) VALUES ('actor:ir', 'Persia')`,
      `INSERT INTO affiliations (id, actor_id, organization_id) VALUES ('affiliation:a', 'actor:us', 'actor:ir')`,
      `INSERT INTO issues (id, name, description) VALUES ('issue:m', 'Missiles', 'The ballistic missile programme')`,
      `INSERT INTO issue_obstacles (id, issue_id, description) VALUES ('obstacle:o', 'issue:m', 'Range limits')`,
      `INSERT INTO events (id, title, summary, kind, status) VALUES ('event:e', 'Talks in Muscat', 'Indirect talks', 'NEGOTIATION', 'OCCURRED')`,
      `INSERT INTO statements (id, kind, summary, attribution_kind) VALUES ('statement:s', 'CLAIM', 'Missiles are not negotiable', 'NAMED')`,
      `INSERT INTO positions (id, actor_id, issue_id, stance, summary) VALUES ('position:p', 'actor:ir', 'issue:m', 'DEMANDS', 'Keep the missiles')`,
      `INSERT INTO evidence (source_id, start, "end", exact, prefix, suffix, actor_id) VALUES ('source:s', 40, 45, 'Irán', '', '', 'actor:ir'), ('source:s', 12, 20, 'Tehran said', '', '', 'actor:ir')`,
      `INSERT INTO evidence (source_id, start, "end", exact, prefix, suffix, event_id) VALUES ('source:s', 5, 9, 'talks', '', '', 'event:e')`,
      `INSERT INTO evidence (source_id, start, "end", exact, prefix, suffix, statement_id) VALUES ('source:s', 30, 39, 'not negotiable', '', '', 'statement:s')`,
      `INSERT INTO evidence (source_id, start, "end", exact, prefix, suffix, issue_id) VALUES ('source:s', 50, 58, 'missiles', '', '', 'issue:m')`,
      `INSERT INTO evidence (source_id, start, "end", exact, prefix, suffix, position_id) VALUES ('source:s', 60, 64, 'keep', '', '', 'position:p')`,
      `INSERT INTO evidence (source_id, start, "end", exact, prefix, suffix, obstacle_id) VALUES ('source:s', 70, 75, 'range', '', '', 'obstacle:o')`,
      `INSERT INTO evidence (source_id, start, "end", exact, prefix, suffix, affiliation_id) VALUES ('source:s', 80, 85, 'member', '', '', 'affiliation:a')`,
      `UPDATE evidence SET start = 3 WHERE exact = 'Irán'`,
      `UPDATE evidence SET statement_id = NULL, issue_id = 'issue:m' WHERE exact = 'not negotiable'`,
      `UPDATE evidence SET actor_id = 'actor:us' WHERE exact = 'Tehran said'`,
      `UPDATE actors SET name = 'Iran' WHERE id = 'actor:ir'`,
      `UPDATE actors SET version = 2 WHERE id = 'actor:us'`,
      `UPDATE positions SET summary = 'Keep every missile' WHERE id = 'position:p'`,
      `UPDATE actor_aliases SET alias = 'Persia (historical)' WHERE actor_id = 'actor:ir'`,
      `UPDATE sources SET title = 'Le Monde diplomatique' WHERE id = 'source:s'`,
      `DELETE FROM evidence WHERE exact = 'talks'`,
      `DELETE FROM places WHERE id = 'place:t'`,
    ];
    const searchDocs = `SELECT doc_key AS "docKey", entity_id AS "entityId", entity_type AS "entityType", field, body FROM search_documents`;
    const mentions = ['actors', 'issues', 'events', 'statements'].map((table) => `SELECT '${table}' AS "table", id, first_mention AS "firstMention" FROM ${table}`).join(' UNION ALL ');
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    const readSqlite = () => ({ docs: sorted(sqlite.sqlite.prepare(searchDocs).all()), mentions: sorted(sqlite.sqlite.prepare(mentions).all()) });
    const readPg = async () => ({ docs: sorted((await pool.query(searchDocs)).rows), mentions: sorted((await pool.query(mentions)).rows) });

    for (const step of steps) {
      sqlite.sqlite.exec(step);
      await pool.query(step);
      expect(await readPg(), step).toEqual(readSqlite());
    }
    expect(readSqlite().mentions).toContain(JSON.stringify({ table: 'actors', id: 'actor:us', firstMention: 12 }));

    // The same entities found by a diacritic-free prefix query on both engines.
    const sqliteHits = (query: string) =>
      (sqlite.sqlite.prepare(`SELECT DISTINCT d.entity_id AS id FROM search_fts JOIN search_documents AS d ON d.id = search_fts.rowid WHERE search_fts MATCH ? ORDER BY 1`).all(query) as { id: string }[]).map((r) => r.id);
    const pgHits = async (query: string) =>
      (await pool.query<{ id: string }>(`SELECT DISTINCT entity_id AS id FROM search_documents WHERE tsv @@ to_tsquery('simple', kb_search_query($1)) ORDER BY 1`, [query])).rows.map((r) => r.id);
    for (const [fts5, tsquery] of [['missil*', "'missil':*"], ['iran', "'iran'"], ['irán', "'irán'"], ['persia', "'persia'"]] as const) {
      const hits = sqliteHits(fts5);
      expect(hits.length, fts5).toBeGreaterThan(0);
      expect(await pgHits(tsquery), tsquery).toEqual(hits);
    }

    // A cascade removes the documents of everything it deletes, and resets no other entity's first mention.
    const cascade = `DELETE FROM actors WHERE id = 'actor:ir'`;
    sqlite.sqlite.exec(cascade);
    await pool.query(cascade);
    expect(await readPg(), cascade).toEqual(readSqlite());
  });

  it('answers a page of actors by name from actors_name_idx when ordered by lower(name), id', async () => {
    const client = await pool.connect();
    try {
      // Tiny tables are read whole whatever the indexes; forbid that to see which index serves the order.
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM actors ORDER BY lower(name), id LIMIT 10`);
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan using actors_name_idx/);
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });
});
