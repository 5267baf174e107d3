/**
 * The floor of `importRatio` (`npm run bench`): the rows `kb import` wrote, inserted into a
 * fresh, migrated database the plain way, timed. It reads every row the import counts (the
 * revision, the knowledge tables in their fill order, the revision's changes) from a database
 * `kb import` filled in the same run (SOURCE_URL), holds them in memory (not timed), then, timed,
 * writes them into DATABASE_URL in one transaction:
 *
 * - SQLite: one prepared INSERT per table (the columns `store/rows.ts` writes, an autoincrement
 *   key left to the database, rows in their key order so it numbers them the same), through
 *   better-sqlite3, with every index, trigger and foreign-key check of the schema in place, as
 *   the database is opened by the project (`openDatabase`).
 * - PostgreSQL: `COPY … FROM STDIN` per table (what `kb import` itself uses there), the rows
 *   in COPY's text format as PostgreSQL wrote them out of the source, foreign keys deferred to
 *   the commit as the import defers them, every index and trigger in place.
 *
 * The revision counter is set as the import leaves it. The search documents and `first_mention`
 * are not copied: the schema's triggers make them, as they do for any write. What it leaves out
 * is what `kb import` adds to inserting rows: reading and checking the bundle, turning entries
 * into rows and change records. It does not set aside indexes or triggers as the import does
 * (`db/sqlite/bulk.ts`, `db/pg/bulk.ts`): a plain loop of inserts does not.
 *
 * Prints one line of JSON: `{ rows, ms, rowsPerSecond, peakRssMb }`.
 * Run as its own process: `node dist/bench/import-floor.js` with SOURCE_URL and DATABASE_URL.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { databasePath, migrateDatabase, openDatabase } from '../src/db/client.js';
import { parseDatabaseUrl } from '../src/db/database-url.js';
import { openKb } from '../src/db/open.js';
import { CHANGE_COLUMNS } from '../src/store/history.js';
import { KNOWLEDGE_TABLES, ROWS, type KnowledgeTable } from '../src/store/rows.js';

const source = process.env.SOURCE_URL!;
const target = process.env.DATABASE_URL!;
if (!source || !target) throw new Error('bench/import-floor.js: SOURCE_URL and DATABASE_URL are required');

/**
 * The tables the import writes and counts, in an order their foreign keys accept, each with the
 * columns it writes (the revision's: every column of the source's table).
 */
const tables = (revisionColumns: readonly string[]): { table: string; columns: readonly string[] }[] => [
  { table: 'revisions', columns: revisionColumns },
  ...(Object.keys(KNOWLEDGE_TABLES) as KnowledgeTable[]).map((key) => ({ table: ROWS[key].table, columns: ROWS[key].columns })),
  { table: 'changes', columns: CHANGE_COLUMNS },
];
const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');

async function sqliteFloor(): Promise<{ rows: number; ms: number }> {
  const from = new Database(databasePath(source), { readonly: true });
  const revisionColumns = (from.prepare(`SELECT name FROM pragma_table_xinfo('revisions') WHERE hidden = 0`).pluck().all() as string[]);
  const loaded = tables(revisionColumns).map(({ table, columns }) => ({ table, columns, rows: from.prepare(`SELECT ${quoted(columns)} FROM "${table}" ORDER BY rowid`).raw().all() as unknown[][] }));
  const counter = from.prepare('SELECT last FROM revision_counter WHERE id = 1').pluck().get() as number;
  from.close();
  const opened = openDatabase(target);
  migrateDatabase(opened.db);
  const { sqlite } = opened;
  const started = performance.now();
  let rows = 0;
  sqlite.transaction(() => {
    for (const { table, columns, rows: list } of loaded) {
      const insert = sqlite.prepare(`INSERT INTO "${table}" (${quoted(columns)}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of list) insert.run(row);
      rows += list.length;
    }
    sqlite.prepare('UPDATE revision_counter SET last = ? WHERE id = 1').run(counter);
  }).immediate();
  const ms = performance.now() - started;
  opened.close();
  return { rows, ms };
}

async function pgFloor(): Promise<{ rows: number; ms: number }> {
  await (await openKb(target)).close(); // migrated, not timed (as `kb import` opens the database before its clock starts)
  const from = new pg.Client({ connectionString: source });
  await from.connect();
  const revisionColumns = (await from.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'revisions' AND is_generated = 'NEVER' ORDER BY ordinal_position`)).rows.map((r: { column_name: string }) => r.column_name);
  const loaded: { table: string; columns: readonly string[]; chunks: Buffer[]; rows: number }[] = [];
  for (const { table, columns } of tables(revisionColumns)) {
    // An autoincrement key (evidence, cues, changes) is left to the database, which numbers the rows in this order.
    const hasId = ((await from.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'id'`, [table])).rowCount ?? 0) > 0;
    const order = hasId && !columns.includes('id') ? ' ORDER BY "id"' : '';
    const chunks: Buffer[] = [];
    const out = from.query(copyTo(`COPY (SELECT ${quoted(columns)} FROM "${table}"${order}) TO STDOUT`));
    for await (const chunk of out) chunks.push(chunk as Buffer);
    loaded.push({ table, columns, chunks, rows: (await from.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n as number });
  }
  const counter = (await from.query('SELECT last FROM revision_counter WHERE id = 1')).rows[0].last as number;
  await from.end();
  const to = new pg.Client({ connectionString: target });
  await to.connect();
  const started = performance.now();
  let rows = 0;
  try {
    await to.query('BEGIN');
    await to.query('SET CONSTRAINTS ALL DEFERRED');
    for (const { table, columns, chunks, rows: n } of loaded) {
      await pipeline(Readable.from(chunks), to.query(copyFrom(`COPY "${table}" (${quoted(columns)}) FROM STDIN`)));
      rows += n;
    }
    await to.query('UPDATE revision_counter SET last = $1 WHERE id = 1', [counter]);
    await to.query('COMMIT');
  } catch (error) {
    await to.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await to.end();
  }
  return { rows, ms: performance.now() - started };
}

const { rows, ms } = parseDatabaseUrl(target).engine === 'sqlite' ? await sqliteFloor() : await pgFloor();
console.log(JSON.stringify({ rows, ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
