/**
 * `npm run bench [-- --full] [--seconds S] [--sizes N,M] [--engine sqlite|postgres|all] [--only Nested,Node]`: the project's server as users run it, measured
 * side by side with a floor (bench/floor.ts) in the same run, on synthetic knowledge bases of
 * 10k and 100k statements (and 1M with `--full`), built with `kb synth` + `kb import` when
 * missing (kept in bench/.data, with the figures of their import).
 *
 * For each base: both servers start on a fresh copy (each `node` process pinned to core 0,
 * the load generator to core 1), the cold start of the server is timed to its first `/health`,
 * every operation of the mix (bench/mix.ts) must answer the same bytes from both before any
 * load (a difference stops the run), then autocannon drives each operation at 1 and 10
 * connections, warm-up first, in two rounds that alternate which side goes first. After each
 * measurement the answer is fetched again and compared, and every write's answer is checked
 * for user errors. Prints a table and writes bench/results/latest.json, whose `ratio` is the
 * server's requests per second over the floor's, geometric mean over the mix at 10
 * connections on the 100k base. A benchmark, never a test: the machine is shared and noisy.
 *
 * `--engine` picks the engine (SQLite by default). On PostgreSQL the run starts a throwaway
 * cluster of its own (tests/helpers/pg-cluster.ts; durability on, as a server runs it, and
 * pinned to the server's core), or uses the server of `BENCH_DATABASE_URL`; it imports the same
 * synthetic bundle with `kb import` into a base database, analyzes it, and gives the server and
 * the floor each a fresh copy (`CREATE DATABASE … TEMPLATE`). The floor there is node:http with
 * the same statements prepared through node-postgres. With `all`, both engines run one after the
 * other and latest.json gains an `engines` section with each engine's figures.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createKey } from '../src/auth/keys.js';
import { databasePath, migrateDatabase, openDatabase } from '../src/db/client.js';
import { parseDatabaseUrl } from '../src/db/database-url.js';
import { openKb } from '../src/db/open.js';
import { freePort } from '../tests/helpers/free-port.js';
import { clusterUrl, destroyCluster, startThrowawayCluster, type PgClusterHandle } from '../tests/helpers/pg-cluster.js';
import { Role } from '../src/shared/enums.js';
import { projectRoot } from '../src/shared/paths.js';
import * as mix from './mix.js';
import { MIX, type MixQuery } from './mix.js';

const { values: args } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '2' },
    sizes: { type: 'string' },
    engine: { type: 'string', default: 'sqlite' },
    versus: { type: 'string' },
    only: { type: 'string' },
    'import-statements': { type: 'string' },
  },
});
type EngineName = 'sqlite' | 'postgres';
if (!['sqlite', 'postgres', 'all'].includes(args.engine!)) throw new Error(`--engine is sqlite, postgres or all (got ${args.engine})`);
const ENGINES: EngineName[] = args.engine === 'all' ? ['sqlite', 'postgres'] : [args.engine as EngineName];
/**
 * `--versus DIR`: another checkout of the project, built (`npm run build` there), whose server
 * runs beside this one's on SQLite, on a base its own code imported, measured in the same
 * rounds against the same floor: before and after a change, in one run. It answers its own
 * mix's requests (its bench/mix.js), so an operation whose request changed is measured as it was.
 */
const VERSUS = args.versus ? resolvePath(args.versus) : null;
if (VERSUS && !existsSync(join(VERSUS, 'dist', 'src', 'start.js'))) throw new Error(`--versus ${VERSUS}: no dist/src/start.js there (run npm run build in it)`);
/** `--only Nested,Node`: measure these operations of the mix only (while working on them; the ratio is then over these). */
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const unknownOnly = ONLY ? [...ONLY].filter((name) => !MIX.some((q) => q.name === name)) : [];
if (unknownOnly.length) throw new Error(`--only names operations of the mix (${MIX.map((q) => q.name).join(', ')}); not ${unknownOnly.join(', ')}`);
const SECONDS = Number(args.seconds);
if (!(SECONDS > 0)) throw new Error(`--seconds must be a positive number (got ${args.seconds})`);
/** `--sizes 10000,100000` picks the bases; by default 10k and 100k statements, and 1M with `--full`. */
const SIZES = args.sizes ? args.sizes.split(',').map(Number) : args.full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
if (SIZES.some((n) => !Number.isInteger(n) || n < 10_000)) throw new Error(`--sizes takes whole numbers of statements from 10000 (got ${args.sizes})`);
/**
 * `--import-statements N`: the size of the bundle whose import is timed beside its floor (bench/import-floor.ts) for
 * `importRatio`: 100k statements by default (or the smallest base asked for, if 100k is not), none with `--only`
 * unless given; 0 skips it.
 */
const IMPORT_N = args['import-statements'] !== undefined ? Number(args['import-statements']) : ONLY ? 0 : SIZES.includes(100_000) ? 100_000 : Math.min(...SIZES);
if (!Number.isInteger(IMPORT_N) || (IMPORT_N !== 0 && IMPORT_N < 10_000)) throw new Error(`--import-statements takes 0 or a whole number of statements from 10000 (got ${args['import-statements']})`);
const ROOT = projectRoot();
const LOAD_AT_START = loadavg().map((x) => Math.round(x * 100) / 100);
const DATA = join(ROOT, 'bench', '.data');
const RESULTS = join(ROOT, 'bench', 'results');
const CONNECTIONS = [1, 10];
const node = process.execPath;

/** Pins a process to one core when the machine has two or more and `taskset` exists. */
const pinnable = cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;
if (pinnable) spawnSync('taskset', ['-pc', '1', String(process.pid)]);
const onCore0 = (command: string, argv: string[]) => (pinnable ? ['taskset', ['-c', '0', command, ...argv]] : [command, argv]) as [string, string[]];

function run(command: string, argv: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): string {
  const result = spawnSync(command, argv, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

interface ImportFigures {
  statements: number;
  rows: number;
  ms: number;
  rowsPerSecond: number;
  peakRssMb: number;
  measuredAt: string;
}

/** The summary line of `kb import`, read into figures. */
function importFigures(n: number, line: string): ImportFigures {
  const m = / (\d+) rows in (\d+) ms \((\d+) rows\/s, peak RSS (\d+) MB\)/.exec(line);
  if (!m) throw new Error(`unexpected import summary: ${line}`);
  return { statements: n, rows: +m[1]!, ms: +m[2]!, rowsPerSecond: +m[3]!, peakRssMb: +m[4]!, measuredAt: new Date().toISOString() };
}

/**
 * The synthetic bundle of `n` statements, kept in bench/.data/synth-<n> (the same n always gives
 * the same bundle): written by `kb synth` when missing or incomplete.
 */
function bundleOf(n: number): string {
  const bundle = join(DATA, `synth-${n}`);
  const done = join(DATA, `synth-${n}.done`);
  if (!existsSync(done) || !existsSync(bundle)) {
    rmSync(bundle, { recursive: true, force: true });
    console.log(`  kb synth --statements ${n} …`);
    run(node, ['dist/src/kb-cli.js', 'synth', '--statements', String(n), bundle]);
    writeFileSync(done, new Date().toISOString());
  }
  return bundle;
}

/** `kb import` of the synthetic bundle of `n` statements into `databaseUrl`, pinned to core 0 as the servers are. */
function importSynthetic(n: number, databaseUrl: string): ImportFigures {
  const bundle = bundleOf(n);
  const line = run(...onCore0(node, ['--max-old-space-size=384', 'dist/src/kb-cli.js', 'import', bundle]), { DATABASE_URL: databaseUrl }).trim();
  console.log(`  ${line}`);
  return importFigures(n, line);
}

/** The import floor (bench/import-floor.ts) writing the rows of `sourceUrl` into `databaseUrl`, pinned to core 0. */
function importFloor(sourceUrl: string, databaseUrl: string): { rows: number; ms: number; rowsPerSecond: number; peakRssMb: number } {
  const out = run(...onCore0(node, ['dist/bench/import-floor.js']), { SOURCE_URL: sourceUrl, DATABASE_URL: databaseUrl }).trim().split('\n').at(-1)!;
  const figures = JSON.parse(out) as { rows: number; ms: number; rowsPerSecond: number; peakRssMb: number };
  console.log(`  import floor: ${figures.rows} rows in ${figures.ms} ms (${figures.rowsPerSecond} rows/s, peak RSS ${figures.peakRssMb} MB)`);
  return figures;
}

/** Adds a row's hash to an order-free sum: equal sums, equal multisets of rows (to any practical certainty). */
const addHash = (sum: bigint, text: string) => (sum + BigInt(`0x${createHash('sha1').update(text).digest('hex')}`)) & ((1n << 160n) - 1n);

/**
 * What a database holds, table by table: row count and an order-free hash of its rows, every
 * column but the derived ones (`search_documents.id`, numbered in the order the triggers ran;
 * PostgreSQL's generated `tsv`; the full-text index's own tables, built from search_documents).
 */
async function digest(url: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (parseDatabaseUrl(url).engine === 'sqlite') {
    const db = new Database(databasePath(url), { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search\\_fts%' ESCAPE '\\' AND name <> '__drizzle_migrations' ORDER BY name`).pluck().all() as string[];
      for (const table of tables) {
        const columns = (db.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0`).pluck().all(table) as string[]).filter((c) => !(table === 'search_documents' && c === 'id'));
        let sum = 0n;
        let count = 0;
        for (const row of db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).raw().iterate()) {
          sum = addHash(sum, JSON.stringify(row));
          count++;
        }
        out[table] = `${count} rows, ${sum.toString(16)}`;
      }
    } finally {
      db.close();
    }
    return out;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).rows.map((r: { t: string }) => r.t);
    for (const table of tables) {
      const columns = (
        await client.query(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, [table])
      ).rows
        .map((r: { c: string }) => r.c)
        .filter((c: string) => !(table === 'search_documents' && c === 'id'));
      let sum = 0n;
      let count = 0;
      let rest = '';
      for await (const chunk of client.query(copyTo(`COPY (SELECT ${columns.map((c: string) => `"${c}"`).join(', ')} FROM "${table}") TO STDOUT`))) {
        const lines = (rest + (chunk as Buffer).toString('utf8')).split('\n');
        rest = lines.pop()!;
        for (const line of lines) {
          sum = addHash(sum, line);
          count++;
        }
      }
      out[table] = `${count} rows, ${sum.toString(16)}`;
    }
  } finally {
    await client.end();
  }
  return out;
}

/** The tables whose digests differ, named; empty when both hold the same rows. */
function digestDifference(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => a[t] !== b[t]).map((t) => `${t} (${a[t] ?? 'missing'} against ${b[t] ?? 'missing'})`);
}

interface ImportRatio {
  statements: number;
  rows: number;
  /** `kb import` of the bundle into a fresh database, each round: its own summary's rows and ms. */
  product: { rowsPerSecond: number; ms: number[]; peakRssMb: number };
  /** The floor writing the same rows (bench/import-floor.ts), each round. */
  floor: { rowsPerSecond: number; ms: number[]; peakRssMb: number };
  /** product rows/s over floor rows/s. */
  ratio: number;
}

/**
 * `importRatio`: `kb import` of the synthetic bundle into a fresh database, timed beside the
 * floor writing the same rows into another, in two rounds that alternate which goes first. The
 * floor takes its rows from the first round's import, and the database it fills must hold the
 * same rows as that import's, table by table (digests), or the run stops.
 */
async function measureImport(bases: Bases, n: number): Promise<ImportRatio> {
  console.log(`timing kb import of the ${n}-statement bundle beside its floor (${bases.engine}) …`);
  bundleOf(n);
  const product: ImportFigures[] = [];
  const floor: ReturnType<typeof importFloor>[] = [];
  try {
    const source = await bases.emptyDb(n, 'import-product-1');
    product.push(importSynthetic(n, source));
    const expected = await digest(source);
    const floorRound = async (name: string) => {
      const into = await bases.emptyDb(n, name);
      floor.push(importFloor(source, into));
      const difference = digestDifference(expected, await digest(into));
      if (difference.length) throw new Error(`the import floor wrote other rows than kb import: ${difference.join('; ')}`);
      if (floor.at(-1)!.rows !== product[0]!.rows) throw new Error(`the import floor counts ${floor.at(-1)!.rows} rows, kb import ${product[0]!.rows}`);
    };
    await floorRound('import-floor-1');
    await floorRound('import-floor-2');
    product.push(importSynthetic(n, await bases.emptyDb(n, 'import-product-2')));
    if (product[1]!.rows !== product[0]!.rows) throw new Error(`kb import wrote ${product[0]!.rows} rows, then ${product[1]!.rows}`);
  } finally {
    await bases.dropEmpty(n);
  }
  const rows = product[0]!.rows;
  const rate = (ms: number[]) => Math.round((rows * ms.length) / (ms.reduce((a, b) => a + b, 0) / 1000));
  const p = { rowsPerSecond: rate(product.map((f) => f.ms)), ms: product.map((f) => f.ms), peakRssMb: Math.max(...product.map((f) => f.peakRssMb)) };
  const f = { rowsPerSecond: rate(floor.map((x) => x.ms)), ms: floor.map((x) => x.ms), peakRssMb: Math.max(...floor.map((x) => x.peakRssMb)) };
  return { statements: n, rows, product: p, floor: f, ratio: round(p.rowsPerSecond / f.rowsPerSecond, 3) };
}

/** Where one engine's bases live: built once per size, and a fresh copy per side with an EDITOR key of its own. */
interface Bases {
  engine: EngineName;
  /** What the run says about the database server (PostgreSQL: version, settings, whose it is). */
  about: Record<string, unknown>;
  prepare(n: number): Promise<ImportFigures>;
  fresh(n: number, side: Target['name']): Promise<{ url: string; key: string }>;
  /** Drops the copies of size `n` once its servers are stopped. */
  release(n: number): Promise<void>;
  /** A fresh, empty database named for `role` (an import's target), and dropping them all. */
  emptyDb(n: number, role: string): Promise<string>;
  dropEmpty(n: number): Promise<void>;
  close(): Promise<void>;
}

/** SQLite: the base of `n` statements is a file in bench/.data, synthesized and imported when missing, with the figures of its import. */
function sqliteBases(): Bases {
  const pathOf = (n: number) => join(DATA, `kb-${n}.sqlite`);
  return {
    engine: 'sqlite',
    about: {},
    async prepare(n) {
      mkdirSync(DATA, { recursive: true });
      const path = pathOf(n);
      const figures = join(DATA, `kb-${n}.import.json`);
      if (!existsSync(path) || !existsSync(figures)) {
        rmSync(path, { force: true });
        console.log(`building the ${n}-statement SQLite base: kb synth + kb import …`);
        writeFileSync(figures, JSON.stringify(importSynthetic(n, path), null, 2));
      }
      // A base built before a newer migration is brought up to date once here, not by every server
      // started on a copy of it (a new index on a million statements would count as cold start).
      const opened = openDatabase(path);
      try {
        migrateDatabase(opened.db);
      } finally {
        opened.close();
      }
      return JSON.parse(readFileSync(figures, 'utf8')) as ImportFigures;
    },
    async fresh(n, side) {
      const to = join(DATA, `run-${side}-${n}.sqlite`);
      return { url: to, key: await copyOf(pathOf(n), to) };
    },
    async release() {},
    async emptyDb(n, role) {
      const to = join(DATA, `${role}-${n}.sqlite`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
      return to;
    },
    async dropEmpty(n) {
      for (const role of IMPORT_ROLES) for (const suffix of ['', '-wal', '-shm']) rmSync(join(DATA, `${role}-${n}.sqlite${suffix}`), { force: true });
    },
    async close() {},
  };
}

/** The databases `measureImport` fills. */
const IMPORT_ROLES = ['import-product-1', 'import-product-2', 'import-floor-1', 'import-floor-2'];

/** A fresh copy of a SQLite base with an EDITOR key of its own (writes need one). */
async function copyOf(from: string, to: string): Promise<string> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
  copyFileSync(from, to);
  const opened = openDatabase(to);
  migrateDatabase(opened.db);
  const { key } = await createKey(opened.engine, Role.EDITOR, 'bench');
  opened.close();
  return key;
}

/** The settings of the run's own cluster beyond the test cluster's: durable, as a server runs (the test cluster turns these off). */
const DURABLE = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' };

/**
 * PostgreSQL: a throwaway cluster of the run's own (or the server of `BENCH_DATABASE_URL`,
 * which must let its user create databases). The base of `n` statements is the database
 * `kb_bench_<n>`, imported by `kb import` and analyzed; each side gets a copy made from it as a
 * template. On `BENCH_DATABASE_URL` the base is kept between runs, marked complete by its
 * import figures in the database's comment.
 */
async function pgBases(): Promise<Bases> {
  const given = process.env.BENCH_DATABASE_URL;
  let cluster: PgClusterHandle | null = null;
  if (!given) {
    console.log('starting a throwaway PostgreSQL cluster …');
    cluster = await startThrowawayCluster({ settings: DURABLE });
    // The database server is part of the system measured: on the server's core, the load on the other.
    if (pinnable) {
      const postmaster = readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!;
      spawnSync('taskset', ['-pc', '0', postmaster]);
      for (const child of spawnSync('pgrep', ['-P', postmaster], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) spawnSync('taskset', ['-pc', '0', child]);
    }
  }
  const serverUrl = given ?? clusterUrl(cluster!);
  const urlOf = (database: string) => {
    const u = new URL(serverUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const version = ((await admin.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
  const settings = Object.fromEntries(
    (await admin.query(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem', 'max_connections')`)).rows.map((r: { name: string; setting: string }) => [r.name, r.setting]),
  );
  const baseName = (n: number) => `kb_bench_${n}`;
  const copyName = (n: number, side: string) => `kb_bench_run_${side}_${n}`;
  const drop = (name: string) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  return {
    engine: 'postgres',
    about: { version, server: given ? 'BENCH_DATABASE_URL' : 'a throwaway cluster of the run (durability on)', pinned: !given && pinnable, settings },
    async prepare(n) {
      mkdirSync(DATA, { recursive: true });
      const kept = (
        await admin.query(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [baseName(n)])
      ).rows[0] as { note: string | null } | undefined;
      if (kept?.note?.startsWith('{')) {
        await (await openKb(urlOf(baseName(n)))).close(); // brought up to date once here, as the SQLite base is
        return JSON.parse(kept.note) as ImportFigures;
      }
      await drop(baseName(n));
      await admin.query(`CREATE DATABASE "${baseName(n)}"`);
      console.log(`building the ${n}-statement PostgreSQL base: kb synth + kb import …`);
      const imported = importSynthetic(n, urlOf(baseName(n)));
      // The import leaves the planner without statistics until autovacuum comes by; a server
      // that has run a minute has them. Measured in that state, not during the first analyze.
      const base = new pg.Client({ connectionString: urlOf(baseName(n)) });
      await base.connect();
      try {
        const started = performance.now();
        await base.query('VACUUM (ANALYZE)');
        console.log(`  VACUUM (ANALYZE) of the base: ${Math.round(performance.now() - started)} ms`);
      } finally {
        await base.end();
      }
      await admin.query(`COMMENT ON DATABASE "${baseName(n)}" IS '${JSON.stringify(imported).replace(/'/g, "''")}'`);
      return imported;
    },
    async fresh(n, side) {
      await drop(copyName(n, side));
      await admin.query(`CREATE DATABASE "${copyName(n, side)}" TEMPLATE "${baseName(n)}"`);
      const url = urlOf(copyName(n, side));
      const kb = await openKb(url);
      try {
        return { url, key: (await createKey(kb.engine, Role.EDITOR, 'bench')).key };
      } finally {
        await kb.close();
      }
    },
    async release(n) {
      for (const side of ['server', 'floor']) await drop(copyName(n, side));
    },
    async emptyDb(n, role) {
      const name = `kb_bench_${role.replace(/-/g, '_')}_${n}`;
      await drop(name);
      await admin.query(`CREATE DATABASE "${name}"`);
      return urlOf(name);
    },
    async dropEmpty(n) {
      for (const role of IMPORT_ROLES) await drop(`kb_bench_${role.replace(/-/g, '_')}_${n}`);
    },
    async close() {
      await admin.end();
      if (cluster) await destroyCluster(cluster);
    },
  };
}

/** How a target is asked: a mix's request bodies (the versus checkout has its own). */
interface Bodies {
  /** False for an operation this mix does not have (an older --versus checkout's). */
  has?(q: MixQuery): boolean;
  readBody(q: MixQuery): string;
  writeBody(n: number): string;
}

interface Target {
  name: 'server' | 'floor' | 'versus' | 'bare';
  bodies: Bodies;
  url: string;
  key: string;
  process: ChildProcess;
  coldStartMs: number;
  writes: number;
}

/** Every server started, stopped however the run ends. */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

async function start(name: Target['name'], script: string, database: string, port: number, key: string, cwd = ROOT, bodies: Bodies = mix, extraEnv: NodeJS.ProcessEnv = {}): Promise<Target> {
  const started = performance.now();
  const [command, argv] = onCore0(node, [script]);
  const child = spawn(command, argv, {
    cwd,
    // The rate limits are off: one load generator on loopback is the opposite of what they
    // guard against, and a 429 would measure the limit, not the server.
    env: { ...process.env, DATABASE_URL: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_PER_KEY: '0', RATE_LIMIT_PER_ADDRESS: '0', ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { name, bodies, url: `http://127.0.0.1:${port}/graphql`, key, process: child, coldStartMs: performance.now() - started, writes: 0 };
}

async function post(target: Target, body: string): Promise<string> {
  const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` }, body });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"') || /"userErrors":\[\{/.test(text)) throw new Error(`${target.name} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/** The request a target is sent for `q`: a read's fixed body, or the target's next write. */
const bodyOf = (target: Target, q: MixQuery) => (q.write ? target.bodies.writeBody(target.writes++) : target.bodies.readBody(q));

/** Both sides must answer the same bytes: a floor that answers something else measures nothing. */
async function sameBytes(q: MixQuery, server: Target, floor: Target, strict = true): Promise<string> {
  const [a, b] = [await post(server, bodyOf(server, q)), await post(floor, bodyOf(floor, q))];
  if (a !== b) {
    if (!strict) return b;
    let at = 0;
    while (a[at] === b[at]) at++;
    const around = (s: string) => s.slice(Math.max(0, at - 150), at + 150);
    throw new Error(`${q.name}: the server and the floor answer different bytes, first at byte ${at}\n  server: …${around(a)}…\n  floor:  …${around(b)}…`);
  }
  return a;
}

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

/**
 * Drives one operation for `seconds` (or, for an operation too slow to answer a few times in
 * that span, for a few requests per connection): requests per second are the requests
 * answered over the time taken.
 */
async function load(target: Target, q: MixQuery, connections: number, seconds: number): Promise<Measurement> {
  let badWrites = 0;
  const options = {
    url: target.url,
    method: 'POST',
    connections,
    // A slow operation is measured, not counted as an error: ten queued behind one another may take long.
    timeout: 120,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` },
    ...(q.write
      ? {
          requests: [
            {
              setupRequest: (req: any) => ({ ...req, body: target.bodies.writeBody(target.writes++) }),
              onResponse: (_status: number, body: string) => {
                if (!body.includes('"userErrors":[]')) badWrites++;
              },
            },
          ],
        }
      : { body: target.bodies.readBody(q) }),
  } as autocannon.Options;
  let result = await autocannon({ ...options, duration: seconds });
  if (result.requests.total < 3 * connections) result = await autocannon({ ...options, amount: 3 * connections });
  const errors = result.errors + result.timeouts + result.non2xx + badWrites;
  return { rps: result.requests.total / Math.max(result.duration, 0.001), p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, errors };
}

function rss(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
/** The operations of the mix that read data: every one but the Node lookup (measured against the bare stack instead) and the write. */
const isRead = (name: string) => name !== 'Node' && !MIX.find((q) => q.name === name)?.write;
/** Null when there is nothing to average, or when a side answered nothing in time (a ratio of 0 or none). */
const geomeanOrNull = (xs: number[]) => (xs.length && xs.every((x) => Number.isFinite(x) && x > 0) ? round(geomean(xs), 3) : null);
/** A measurement's errors (timeouts, non-2xx, refused writes), said in the table beside its ratio. */
const errorsOf = (...ms: (Measurement | undefined)[]) => ms.reduce((n, m) => n + (m?.errors ?? 0), 0);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface QueryResult {
  name: string;
  what: string;
  bytes: number;
  c: Record<string, { server: Measurement; floor: Measurement; ratio: number; versus?: Measurement; versusRatio?: number; bare?: Measurement; overheadRatio?: number }>;
  /** With --versus: whether the other checkout's server answered the same bytes as this one's. */
  versusSameBytes?: boolean;
  /** With --versus: the other checkout's mix has no such operation (its ratio is over the rest). */
  versusMissing?: boolean;
}

interface SizeResult {
  statements: number;
  import: ImportFigures;
  coldStartMs: number;
  serverRssMb: number;
  serverPeakRssMb: number;
  /** Geometric mean over the reads measured (every operation of the mix but Node and the write) of server over floor req/s at c=10; null when none was. */
  ratioC10: number | null;
  /** The operations `ratioC10` is over. */
  ratioOver: string[];
  /** The write's server over floor req/s at c=10 (null when not measured). */
  writeRatioC10: number | null;
  /** The Node lookup's server req/s over a bare Apollo Server's on fastify answering the same bytes (bench/bare.ts), at c=10 and c=1. */
  overheadRatioC10: number | null;
  overheadRatioC1: number | null;
  /** The deep page's server req/s over the first page's (the same query without `after`), at c=1 and c=10; p99 in the table. */
  deepOverFirst?: { c1: number; c10: number };
  /** Operations left out on this engine, each with what the server answered (the ratio is over the rest). */
  notMeasured?: { name: string; reason: string }[];
  /** With --versus: the other checkout's server, measured in the same rounds against the same floor. */
  versus?: { dir: string; commit: string; coldStartMs: number; serverRssMb: number; serverPeakRssMb: number; ratioC10: number | null; writeRatioC10: number | null };
  queries: QueryResult[];
}
const prefixed = (m: { rssMb: number; peakMb: number }) => ({ serverRssMb: m.rssMb, serverPeakRssMb: m.peakMb });

/** Every size of the run on one engine's bases: both servers on fresh copies, the mix measured side by side. */
async function measureEngine(bases: Bases): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const n of SIZES) {
    const imported = await bases.prepare(n);
    const serverDb = await bases.fresh(n, 'server');
    const floorDb = await bases.fresh(n, 'floor');
    // As `npm start` runs it: the launcher, which runs the bundled server (`src/start.ts`).
    const server = await start('server', 'dist/src/start.js', serverDb.url, await freePort(), serverDb.key);
    const floor = await start('floor', 'dist/bench/floor.js', floorDb.url, await freePort(), floorDb.key);
    const versus = VERSUS && bases.engine === 'sqlite' ? await startVersus(VERSUS, n) : null;
    /** The bare Apollo Server (bench/bare.ts), started once the product's Node answer is known: it answers that constant. */
    let bare: Target | null = null;
    try {
      const queries: QueryResult[] = [];
      // On PostgreSQL an operation the product cannot answer there yet is left out and named
      // (notMeasured), never silently: on SQLite any failure stops the run.
      const measured: MixQuery[] = [];
      const notMeasured: { name: string; reason: string }[] = [];
      /** Each read's answer, which every side must give again after each measurement, byte for byte. */
      const answers = new Map<string, string>();
      for (const q of MIX.filter((m) => !ONLY || ONLY.has(m.name))) {
        let answer: string;
        try {
          answer = await sameBytes(q, server, floor);
        } catch (error) {
          if (bases.engine === 'sqlite') throw error;
          const reason = error instanceof Error ? error.message.slice(0, 300) : String(error);
          notMeasured.push({ name: q.name, reason });
          console.log(`  ${q.name}: NOT MEASURED on ${bases.engine}: ${reason}`);
          continue;
        }
        if (q.name === 'Node') {
          const constant = JSON.stringify((JSON.parse(answer) as { data: { node: unknown } }).data.node);
          bare = await start('bare', 'dist/bench/bare.js', '', await freePort(), '', ROOT, mix, { BARE_NODE: constant });
          await sameBytes(q, server, bare);
        }
        measured.push(q);
        if (!q.write) answers.set(q.name, answer);
        const result: QueryResult = { name: q.name, what: q.what, bytes: Buffer.byteLength(answer), c: {} };
        if (versus && versus.bodies.has?.(q) === false) {
          result.versusMissing = true;
          console.log(`  ${q.name}: the --versus checkout's mix has no such operation; measured without it`);
        } else if (versus) {
          result.versusSameBytes = q.write ? true : (await sameBytes(q, server, versus, false)) === answer;
          if (!result.versusSameBytes) console.log(`  ${q.name}: the --versus server answers other bytes than this one (its own request: ${versus.bodies.readBody(q).slice(0, 160)})`);
        }
        queries.push(result);
      }
      const samples = new Map<string, Record<Target['name'], Measurement[]>>();
      for (const roundNo of [1, 2]) {
        for (const c of CONNECTIONS) {
          for (const q of measured) {
            const sides = [server, floor, ...(versus && versus.bodies.has?.(q) !== false ? [versus] : []), ...(bare && q.name === 'Node' ? [bare] : [])];
            if (roundNo === 2) sides.reverse();
            for (const side of sides) {
              await load(side, q, c, Math.min(0.5, SECONDS)); // warm-up
              const m = await load(side, q, c, SECONDS);
              if (!q.write) {
                const again = await post(side, side.bodies.readBody(q));
                const expected = queries.find((r) => r.name === q.name)!;
                if (side.name !== 'versus' || expected.versusSameBytes) if (again !== answers.get(q.name)) throw new Error(`${q.name}: ${side.name} changed its answer under load`);
              }
              const key = `${q.name}|${c}`;
              const entry = samples.get(key) ?? { server: [], floor: [], versus: [], bare: [] };
              entry[side.name].push(m);
              samples.set(key, entry);
              process.stdout.write(`  ${bases.engine}, ${n} statements, round ${roundNo}, c=${c}, ${q.name}, ${side.name}: ${m.rps >= 10 ? Math.round(m.rps) : m.rps.toFixed(2)} req/s, p99 ${m.p99} ms${m.errors ? `, ${m.errors} ERRORS` : ''}\n`);
            }
          }
        }
      }
      for (const r of queries) {
        for (const c of CONNECTIONS) {
          const { server: s, floor: f, versus: v, bare: b } = samples.get(`${r.name}|${c}`)!;
          const merge = (ms: Measurement[]): Measurement => ({
            rps: ms.reduce((t, m) => t + m.rps, 0) / ms.length,
            p50: Math.max(...ms.map((m) => m.p50)),
            p99: Math.max(...ms.map((m) => m.p99)),
            requests: ms.reduce((t, m) => t + m.requests, 0),
            errors: ms.reduce((t, m) => t + m.errors, 0),
          });
          const sm = merge(s);
          const fm = merge(f);
          r.c[`c${c}`] = { server: sm, floor: fm, ratio: round(sm.rps / fm.rps, 3) };
          if (v.length) {
            const vm = merge(v);
            Object.assign(r.c[`c${c}`]!, { versus: vm, versusRatio: round(vm.rps / fm.rps, 3) });
          }
          if (b.length) {
            const bm = merge(b);
            Object.assign(r.c[`c${c}`]!, { bare: bm, overheadRatio: round(sm.rps / bm.rps, 3) });
          }
        }
      }
      const memory = rss(server.process.pid!);
      const reads = queries.filter((r) => isRead(r.name));
      const write = queries.find((r) => !isRead(r.name) && r.name !== 'Node');
      const nodeLookup = queries.find((r) => r.name === 'Node');
      const [firstPage, deepPage] = [queries.find((r) => r.name === 'First'), queries.find((r) => r.name === 'Deep')];
      results.push({
        statements: n,
        import: imported,
        coldStartMs: Math.round(server.coldStartMs),
        serverRssMb: memory.rssMb,
        serverPeakRssMb: memory.peakMb,
        ratioC10: geomeanOrNull(reads.map((r) => r.c.c10!.ratio)),
        ratioOver: reads.map((r) => r.name),
        writeRatioC10: write?.c.c10!.ratio ?? null,
        overheadRatioC10: nodeLookup?.c.c10!.overheadRatio ?? null,
        overheadRatioC1: nodeLookup?.c.c1!.overheadRatio ?? null,
        ...(firstPage && deepPage
          ? { deepOverFirst: { c1: round(deepPage.c.c1!.server.rps / firstPage.c.c1!.server.rps, 3), c10: round(deepPage.c.c10!.server.rps / firstPage.c.c10!.server.rps, 3) } }
          : {}),
        ...(notMeasured.length ? { notMeasured } : {}),
        ...(versus
          ? {
              versus: {
                dir: VERSUS!,
                commit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: VERSUS!, encoding: 'utf8' }).stdout?.trim() || 'unknown (not a git checkout)',
                coldStartMs: Math.round(versus.coldStartMs),
                ...prefixed(rss(versus.process.pid!)),
                ratioC10: geomeanOrNull(reads.filter((r) => !r.versusMissing).map((r) => r.c.c10!.versusRatio!)),
                writeRatioC10: write?.c.c10!.versusRatio ?? null,
              },
            }
          : {}),
        queries,
      });
    } finally {
      await Promise.all([stop(server), stop(floor), ...(versus ? [stop(versus)] : []), ...(bare ? [stop(bare)] : [])]);
      await bases.release(n);
    }
  }
  return results;
}

/**
 * The --versus checkout's server on a fresh copy of the base its own code imported (built in its
 * bench/.data when missing, as its own bench would), with an EDITOR key made by its own CLI.
 */
async function startVersus(dir: string, n: number): Promise<Target> {
  const data = join(dir, 'bench', '.data');
  mkdirSync(data, { recursive: true });
  const path = join(data, `kb-${n}.sqlite`);
  if (!existsSync(path)) {
    const bundle = join(data, `synth-${n}`);
    console.log(`building the ${n}-statement base of ${dir} with its own kb synth + kb import …`);
    run(node, ['dist/src/kb-cli.js', 'synth', '--statements', String(n), bundle], {}, dir);
    console.log(`  ${run(node, ['--max-old-space-size=384', 'dist/src/kb-cli.js', 'import', bundle], { DATABASE_URL: path }, dir).trim()}`);
    rmSync(bundle, { recursive: true, force: true });
  }
  const copy = join(data, `run-versus-${n}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  copyFileSync(path, copy);
  const key = run(node, ['dist/src/keys-cli.js', 'create', '--role', 'EDITOR', '--name', 'bench'], { DATABASE_URL: copy }, dir).trim().split('\n').at(-1)!.trim();
  const theirs = (await import(pathToFileURL(join(dir, 'dist', 'bench', 'mix.js')).href)) as { MIX: MixQuery[]; readBody(q: MixQuery): string; writeBody(n: number): string };
  const bodies: Bodies = {
    has: (q) => theirs.MIX.some((t) => t.name === q.name),
    readBody: (q) => {
      const same = theirs.MIX.find((t) => t.name === q.name);
      if (!same) throw new Error(`--versus: ${dir}'s mix has no ${q.name}`);
      return theirs.readBody(same);
    },
    writeBody: (i) => theirs.writeBody(i),
  };
  return start('versus', 'dist/src/start.js', copy, await freePort(), key, dir, bodies);
}

/** SIGTERM, and wait for the exit (a PostgreSQL copy cannot be dropped while its server holds connections). */
async function stop(target: Target): Promise<void> {
  if (target.process.exitCode !== null || target.process.signalCode !== null) return;
  const exited = new Promise((r) => target.process.once('exit', r));
  target.process.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}

interface EngineReport {
  /** The 100k base's figures (or the last size's): see SizeResult. */
  ratio: number | null;
  overheadRatio: number | null;
  writeRatio: number | null;
  /** `kb import` rows/s over its floor's (measureImport); null when not measured (`--import-statements 0`). */
  importRatio: number | null;
  import?: ImportRatio;
  sizes: SizeResult[];
  /** PostgreSQL: its version, settings and whose server it was. */
  database?: Record<string, unknown>;
}
const byEngine: Partial<Record<EngineName, EngineReport>> = {};
const engineName = ENGINES[0] === 'sqlite' ? 'SQLite' : 'PostgreSQL';

/**
 * latest.json from the engines measured so far: written after each engine, so a long run of
 * both that stops in the second keeps the first's figures (marked `incomplete` until the last).
 */
function reportOf() {
  const first = byEngine[ENGINES[0]!]!;
  const remaining = ENGINES.filter((e) => !byEngine[e]);
  return {
    engine: args.engine,
    ...(remaining.length ? { incomplete: `not measured yet when written: ${remaining.join(', ')}` } : {}),
    ratio: first.ratio,
    ratioMeaning: `the server's requests per second over the SQL floor's (bench/floor.ts), geometric mean over the operations that read data (${first.sizes[0]?.ratioOver.join(', ')}: the mix but Node and the write) at 10 connections, 100k statements, on ${engineName}`,
    overheadRatio: first.overheadRatio,
    overheadRatioMeaning: `the Node lookup's requests per second over a bare Apollo Server on fastify answering the same bytes from a constant (bench/bare.ts), at 10 connections, in the same rounds, 100k statements, on ${engineName}`,
    writeRatio: first.writeRatio,
    writeRatioMeaning: `the write's (updateActor) requests per second over the floor's write (the same UPDATE and revision in one transaction, the same commit), at 10 connections, 100k statements, on ${engineName}`,
    importRatio: first.importRatio,
    importRatioMeaning: first.import
      ? `kb import of the ${first.import.statements}-statement synthetic bundle into a fresh database, rows per second over those of the import floor (bench/import-floor.ts) writing the same rows in one transaction, two rounds each in the same run, on ${engineName}`
      : 'not measured in this run (--import-statements 0, or --only)',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, pinned: pinnable, loadAverageAtStart: LOAD_AT_START, loadAverageAtEnd: loadavg().map((x) => round(x, 2)) },
    seconds: SECONDS,
    ...(ONLY ? { only: [...ONLY] } : {}),
    sizes: first.sizes,
    ...(first.import ? { import: first.import } : {}),
    ...(ENGINES[0] === 'postgres' ? { database: first.database } : {}),
    ...(ENGINES.length > 1 ? { engines: byEngine } : {}),
  };
}
function writeReport(): ReturnType<typeof reportOf> {
  const report = reportOf();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  return report;
}

for (const engine of ENGINES) {
  const bases = engine === 'sqlite' ? sqliteBases() : await pgBases();
  try {
    const sizes = await measureEngine(bases);
    const main = sizes.find((r) => r.statements === 100_000) ?? sizes.at(-1)!;
    const imported = IMPORT_N ? await measureImport(bases, IMPORT_N) : undefined;
    byEngine[engine] = {
      ratio: main.ratioC10,
      overheadRatio: main.overheadRatioC10,
      writeRatio: main.writeRatioC10,
      importRatio: imported?.ratio ?? null,
      ...(imported ? { import: imported } : {}),
      sizes,
      ...(engine === 'postgres' ? { database: bases.about } : {}),
    };
  } finally {
    await bases.close();
  }
  writeReport();
}

const report = writeReport();
const loadAverage = report.machine.loadAverageAtEnd;

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '–' : String(x));
/** Requests per second as printed: whole above 10, to two decimals below (an operation slower than a second is not 0). */
const rate = (x: number) => (x >= 10 ? String(Math.round(x)) : x.toFixed(2));
for (const engine of ENGINES) {
  const { sizes, database, import: imported } = byEngine[engine]!;
  if (database) console.log(`\nPostgreSQL ${database.version}, ${database.server}; settings ${JSON.stringify(database.settings)}`);
  for (const r of sizes) {
    console.log(
      `\n${engine}, ${r.statements} statements — ratio ${fmt(r.ratioC10)} (reads at c=10${r.notMeasured ? `, not measured: ${r.notMeasured.map((x) => x.name).join(', ')}` : ''}); overheadRatio ${fmt(r.overheadRatioC10)} (c=1: ${fmt(r.overheadRatioC1)}); writeRatio ${fmt(r.writeRatioC10)}; cold start ${r.coldStartMs} ms; server RSS ${r.serverRssMb} MB (peak ${r.serverPeakRssMb}); the base imported at ${r.import.rowsPerSecond} rows/s when built (${r.import.rows} rows, peak RSS ${r.import.peakRssMb} MB)`,
    );
    console.log('| operation | bytes | c=1 server req/s | c=1 floor req/s | c=1 server p50 / p99 ms | c=10 server req/s | c=10 floor req/s | c=10 ratio |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const q of r.queries) {
      const [a, b] = [q.c.c1!, q.c.c10!];
      const errors = errorsOf(a.server, a.floor, b.server, b.floor, a.bare, b.bare);
      console.log(
        `| ${q.name}${isRead(q.name) ? '' : q.name === 'Node' ? ' (not in ratio)' : ' (writeRatio)'} | ${q.bytes} | ${rate(a.server.rps)} | ${rate(a.floor.rps)} | ${a.server.p50} / ${a.server.p99} | ${rate(b.server.rps)} | ${rate(b.floor.rps)} | ${b.ratio}${errors ? ` (${errors} errors: server ${errorsOf(a.server, b.server)}, floor ${errorsOf(a.floor, b.floor)})` : ''} |`,
      );
    }
    const nodeLookup = r.queries.find((q) => q.name === 'Node');
    if (nodeLookup?.c.c10!.bare) {
      const [a, b] = [nodeLookup.c.c1!, nodeLookup.c.c10!];
      console.log(`Node against the bare Apollo Server: c=1 ${Math.round(a.server.rps)} / ${Math.round(a.bare!.rps)} req/s (bare p50 / p99 ${a.bare!.p50} / ${a.bare!.p99} ms), c=10 ${Math.round(b.server.rps)} / ${Math.round(b.bare!.rps)} req/s: overheadRatio ${r.overheadRatioC10}`);
    }
    if (r.deepOverFirst) {
      const [f, d] = [r.queries.find((q) => q.name === 'First')!, r.queries.find((q) => q.name === 'Deep')!];
      console.log(`Deep page against the first: c=1 ${Math.round(d.c.c1!.server.rps)} / ${Math.round(f.c.c1!.server.rps)} req/s (${r.deepOverFirst.c1}), p99 ${d.c.c1!.server.p99} / ${f.c.c1!.server.p99} ms; c=10 ${r.deepOverFirst.c10}`);
    }
  }
  if (imported) {
    console.log(
      `import (${engine}, ${imported.statements} statements, ${imported.rows} rows): kb import ${imported.product.rowsPerSecond} rows/s (${imported.product.ms.join(', ')} ms; peak RSS ${imported.product.peakRssMb} MB), floor ${imported.floor.rowsPerSecond} rows/s (${imported.floor.ms.join(', ')} ms): importRatio ${imported.ratio}`,
    );
  }
}

// --versus: this checkout's server beside the other's, same rounds, same floor.
for (const r of byEngine.sqlite?.sizes ?? []) {
  if (!r.versus) continue;
  console.log(`\nSQLite, ${r.statements} statements: ${r.versus.dir} (${r.versus.commit.slice(0, 10)}, "before") beside this checkout ("after"), in the same rounds against the same floor`);
  console.log(`cold start ${r.versus.coldStartMs} / ${r.coldStartMs} ms; server RSS ${r.versus.serverRssMb} / ${r.serverRssMb} MB (peak ${r.versus.serverPeakRssMb} / ${r.serverPeakRssMb}); ratio at c=10 ${fmt(r.versus.ratioC10)} / ${fmt(r.ratioC10)}; writeRatio ${fmt(r.versus.writeRatioC10)} / ${fmt(r.writeRatioC10)}`);
  console.log('| operation | c=1 req/s before / after | c=1 p50 / p99 ms before | c=1 p50 / p99 ms after | c=10 req/s before / after | c=10 p50 / p99 ms before | c=10 p50 / p99 ms after | c=10 floor req/s | c=10 ratio before / after |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const q of r.queries) {
    const [a, b] = [q.c.c1!, q.c.c10!];
    if (q.versusMissing) {
      console.log(`| ${q.name} (not in the versus mix) | – / ${Math.round(a.server.rps)} | – | ${a.server.p50} / ${a.server.p99} | – / ${Math.round(b.server.rps)} | – | ${b.server.p50} / ${b.server.p99} | ${Math.round(b.floor.rps)} | – / ${b.ratio} |`);
      continue;
    }
    const mark = q.versusSameBytes === false ? ' (a different request before)' : '';
    console.log(
      `| ${q.name}${mark} | ${Math.round(a.versus!.rps)} / ${Math.round(a.server.rps)} | ${a.versus!.p50} / ${a.versus!.p99} | ${a.server.p50} / ${a.server.p99} | ${Math.round(b.versus!.rps)} / ${Math.round(b.server.rps)} | ${b.versus!.p50} / ${b.versus!.p99} | ${b.server.p50} / ${b.server.p99} | ${Math.round(b.floor.rps)} | ${b.versusRatio} / ${b.ratio} |`,
    );
  }
}

// Both engines: one table per size, side by side.
if (ENGINES.length > 1) {
  for (const n of SIZES) {
    const [lite, post] = [byEngine.sqlite!.sizes.find((r) => r.statements === n)!, byEngine.postgres!.sizes.find((r) => r.statements === n)!];
    console.log(`\n${n} statements, SQLite beside PostgreSQL (c=10 req/s server / floor and ratio; c=1 server p50 / p99 ms)`);
    console.log('| operation | SQLite c=10 server / floor | SQLite ratio | PostgreSQL c=10 server / floor | PostgreSQL ratio | SQLite c=1 p50 / p99 | PostgreSQL c=1 p50 / p99 |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const a of lite.queries) {
      const b = post.queries.find((q) => q.name === a.name);
      const x = a.c.c10!;
      const pgCells = b ? `${Math.round(b.c.c10!.server.rps)} / ${Math.round(b.c.c10!.floor.rps)} | ${b.c.c10!.ratio}` : 'not measured | –';
      console.log(`| ${a.name} | ${Math.round(x.server.rps)} / ${Math.round(x.floor.rps)} | ${x.ratio} | ${pgCells} | ${a.c.c1!.server.p50} / ${a.c.c1!.server.p99} | ${b ? `${b.c.c1!.server.p50} / ${b.c.c1!.server.p99}` : '–'} |`);
    }
    console.log(`| ratio (reads, c=10) | | ${fmt(lite.ratioC10)} | | ${fmt(post.ratioC10)} | | |`);
    console.log(`| overheadRatio (Node / bare, c=10) | | ${fmt(lite.overheadRatioC10)} | | ${fmt(post.overheadRatioC10)} | | |`);
    console.log(`| writeRatio (c=10) | | ${fmt(lite.writeRatioC10)} | | ${fmt(post.writeRatioC10)} | | |`);
  }
  console.log(`| importRatio | | ${fmt(byEngine.sqlite!.importRatio)} | | ${fmt(byEngine.postgres!.importRatio)} | | |`);
}
console.log(
  `\nratio ${fmt(report.ratio)}, overheadRatio ${fmt(report.overheadRatio)}, writeRatio ${fmt(report.writeRatio)}, importRatio ${fmt(report.importRatio)} (${engineName})${ENGINES.length > 1 ? `; PostgreSQL ${fmt(byEngine.postgres!.ratio)}, ${fmt(byEngine.postgres!.overheadRatio)}, ${fmt(byEngine.postgres!.writeRatio)}, ${fmt(byEngine.postgres!.importRatio)}` : ''}; load average ${loadAverage.join(' ')}; written to bench/results/latest.json`,
);
