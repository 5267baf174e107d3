/**
 * `npm run bench [-- --full] [--seconds S] [--sizes N,M]`: the project's server as users run it, measured
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
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createKey } from '../src/auth/keys.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { Role } from '../src/shared/enums.js';
import { projectRoot } from '../src/shared/paths.js';
import { MIX, readBody, writeBody, type MixQuery } from './mix.js';

const { values: args } = parseArgs({ options: { full: { type: 'boolean', default: false }, seconds: { type: 'string', default: '2' }, sizes: { type: 'string' } } });
const SECONDS = Number(args.seconds);
if (!(SECONDS > 0)) throw new Error(`--seconds must be a positive number (got ${args.seconds})`);
/** `--sizes 10000,100000` picks the bases; by default 10k and 100k statements, and 1M with `--full`. */
const SIZES = args.sizes ? args.sizes.split(',').map(Number) : args.full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
if (SIZES.some((n) => !Number.isInteger(n) || n < 10_000)) throw new Error(`--sizes takes whole numbers of statements from 10000 (got ${args.sizes})`);
const ROOT = projectRoot();
const DATA = join(ROOT, 'bench', '.data');
const RESULTS = join(ROOT, 'bench', 'results');
const CONNECTIONS = [1, 10];
const node = process.execPath;

/** Pins a process to one core when the machine has two or more and `taskset` exists. */
const pinnable = cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;
if (pinnable) spawnSync('taskset', ['-pc', '1', String(process.pid)]);
const onCore0 = (command: string, argv: string[]) => (pinnable ? ['taskset', ['-c', '0', command, ...argv]] : [command, argv]) as [string, string[]];

function run(command: string, argv: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
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

/** The base of `n` statements: synthesized and imported when missing, with the import's own figures. */
function base(n: number): { path: string; imported: ImportFigures } {
  mkdirSync(DATA, { recursive: true });
  const path = join(DATA, `kb-${n}.sqlite`);
  const figures = join(DATA, `kb-${n}.import.json`);
  if (!existsSync(path) || !existsSync(figures)) {
    const bundle = join(DATA, `synth-${n}`);
    rmSync(bundle, { recursive: true, force: true });
    rmSync(path, { force: true });
    console.log(`building the ${n}-statement base: kb synth + kb import …`);
    run(node, ['dist/src/kb-cli.js', 'synth', '--statements', String(n), bundle]);
    const line = run(node, ['--max-old-space-size=384', 'dist/src/kb-cli.js', 'import', bundle], { DATABASE_URL: path }).trim();
    const m = / (\d+) rows in (\d+) ms \((\d+) rows\/s, peak RSS (\d+) MB\)/.exec(line);
    if (!m) throw new Error(`unexpected import summary: ${line}`);
    const imported: ImportFigures = { statements: n, rows: +m[1]!, ms: +m[2]!, rowsPerSecond: +m[3]!, peakRssMb: +m[4]!, measuredAt: new Date().toISOString() };
    writeFileSync(figures, JSON.stringify(imported, null, 2));
    rmSync(bundle, { recursive: true, force: true });
    console.log(`  ${line}`);
  }
  // A base built before a newer migration is brought up to date once here, not by every server
  // started on a copy of it (a new index on a million statements would count as cold start).
  const opened = openDatabase(path);
  try {
    migrateDatabase(opened.db);
  } finally {
    opened.close();
  }
  return { path, imported: JSON.parse(readFileSync(figures, 'utf8')) as ImportFigures };
}

/** A fresh copy of a base with an EDITOR key of its own (writes need one). */
async function copyOf(from: string, to: string): Promise<string> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
  copyFileSync(from, to);
  const opened = openDatabase(to);
  migrateDatabase(opened.db);
  const { key } = await createKey(opened.engine, Role.EDITOR, 'bench');
  opened.close();
  return key;
}

interface Target {
  name: 'server' | 'floor';
  url: string;
  key: string;
  process: ChildProcess;
  coldStartMs: number;
  writes: number;
}

/** Every server started, stopped however the run ends. */
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

async function start(name: Target['name'], script: string, database: string, port: number, key: string): Promise<Target> {
  const started = performance.now();
  const [command, argv] = onCore0(node, [script]);
  const child = spawn(command, argv, {
    cwd: ROOT,
    // The rate limits are off: one load generator on loopback is the opposite of what they
    // guard against, and a 429 would measure the limit, not the server.
    env: { ...process.env, DATABASE_URL: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_PER_KEY: '0', RATE_LIMIT_PER_ADDRESS: '0' },
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
  return { name, url: `http://127.0.0.1:${port}/graphql`, key, process: child, coldStartMs: performance.now() - started, writes: 0 };
}

async function post(target: Target, body: string): Promise<string> {
  const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` }, body });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"') || /"userErrors":\[\{/.test(text)) throw new Error(`${target.name} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

/** Both sides must answer the same bytes: a floor that answers something else measures nothing. */
async function sameBytes(q: MixQuery, server: Target, floor: Target): Promise<string> {
  const [a, b] = q.write ? [await post(server, writeBody(server.writes++)), await post(floor, writeBody(floor.writes++))] : [await post(server, readBody(q)), await post(floor, readBody(q))];
  if (a !== b) {
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
              setupRequest: (req: any) => ({ ...req, body: writeBody(target.writes++) }),
              onResponse: (_status: number, body: string) => {
                if (!body.includes('"userErrors":[]')) badWrites++;
              },
            },
          ],
        }
      : { body: readBody(q) }),
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
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface QueryResult {
  name: string;
  what: string;
  bytes: number;
  c: Record<string, { server: Measurement; floor: Measurement; ratio: number }>;
}

const results: { statements: number; import: ImportFigures; coldStartMs: number; serverRssMb: number; serverPeakRssMb: number; ratioC10: number; queries: QueryResult[] }[] = [];
let port = 40_000 + Math.floor(Math.random() * 10_000);

for (const n of SIZES) {
  const { path, imported } = base(n);
  const serverDb = join(DATA, `run-server-${n}.sqlite`);
  const floorDb = join(DATA, `run-floor-${n}.sqlite`);
  // As `npm start` runs it: the launcher, which runs the bundled server (`src/start.ts`).
  const server = await start('server', 'dist/src/start.js', serverDb, port++, await copyOf(path, serverDb));
  const floor = await start('floor', 'dist/bench/floor.js', floorDb, port++, await copyOf(path, floorDb));
  try {
    const queries: QueryResult[] = [];
    for (const q of MIX) queries.push({ name: q.name, what: q.what, bytes: Buffer.byteLength(await sameBytes(q, server, floor)), c: {} });
    const samples = new Map<string, { server: Measurement[]; floor: Measurement[] }>();
    for (const roundNo of [1, 2]) {
      for (const c of CONNECTIONS) {
        for (const q of MIX) {
          const sides = roundNo === 1 ? [server, floor] : [floor, server];
          for (const side of sides) {
            await load(side, q, c, Math.min(0.5, SECONDS)); // warm-up
            const m = await load(side, q, c, SECONDS);
            if (!q.write) {
              const again = await post(side, readBody(q));
              if (Buffer.byteLength(again) !== queries.find((r) => r.name === q.name)!.bytes) throw new Error(`${q.name}: ${side.name} changed its answer under load`);
            }
            const key = `${q.name}|${c}`;
            const entry = samples.get(key) ?? { server: [], floor: [] };
            entry[side.name].push(m);
            samples.set(key, entry);
            process.stdout.write(`  ${n} statements, round ${roundNo}, c=${c}, ${q.name}, ${side.name}: ${Math.round(m.rps)} req/s, p99 ${m.p99} ms${m.errors ? `, ${m.errors} ERRORS` : ''}\n`);
          }
        }
      }
    }
    for (const r of queries) {
      for (const c of CONNECTIONS) {
        const { server: s, floor: f } = samples.get(`${r.name}|${c}`)!;
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
      }
    }
    const memory = rss(server.process.pid!);
    results.push({
      statements: n,
      import: imported,
      coldStartMs: Math.round(server.coldStartMs),
      serverRssMb: memory.rssMb,
      serverPeakRssMb: memory.peakMb,
      ratioC10: round(geomean(queries.map((r) => r.c.c10!.ratio)), 3),
      queries,
    });
  } finally {
    server.process.kill('SIGTERM');
    floor.process.kill('SIGTERM');
  }
}

const main = results.find((r) => r.statements === 100_000) ?? results.at(-1)!;
const report = {
  ratio: main.ratioC10,
  ratioMeaning: "the server's requests per second over the floor's, geometric mean over the mix at 10 connections, 100k statements",
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, pinned: pinnable },
  seconds: SECONDS,
  sizes: results,
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(report, null, 2) + '\n');

for (const r of results) {
  console.log(`\n${r.statements} statements — import ${r.import.rowsPerSecond} rows/s (${r.import.rows} rows, peak RSS ${r.import.peakRssMb} MB); cold start ${r.coldStartMs} ms; server RSS ${r.serverRssMb} MB (peak ${r.serverPeakRssMb}); ratio at c=10 ${r.ratioC10}`);
  console.log('| operation | bytes | c=1 server req/s | c=1 floor req/s | c=1 server p50 / p99 ms | c=10 server req/s | c=10 floor req/s | c=10 ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const q of r.queries) {
    const [a, b] = [q.c.c1!, q.c.c10!];
    console.log(`| ${q.name} | ${q.bytes} | ${Math.round(a.server.rps)} | ${Math.round(a.floor.rps)} | ${a.server.p50} / ${a.server.p99} | ${Math.round(b.server.rps)} | ${Math.round(b.floor.rps)} | ${b.ratio} |`);
  }
}
console.log(`\nratio ${report.ratio} (${report.ratioMeaning}); written to bench/results/latest.json`);
