/**
 * `npm run soak [-- --seconds 60] [--connections 64] [--rate-limit on|off] [--keep]`: the
 * server as users start it (`node dist/src/main.js`, NODE_ENV=production, its default limits;
 * `--rate-limit off` lifts the rate limits to soak the queries themselves) on a fresh database, held under a mixed load of reads and writes for a minute, and judged:
 *
 * - every answer is a 200 with data and no `errors`, or a 429 of the rate limit carrying
 *   `Retry-After`; anything else (other statuses, GraphQL errors, userErrors on a write,
 *   timeouts, connection errors) is an error, counted and shown with a sample;
 * - the server's memory is flat: its RSS, read from /proc every second, has a median over the
 *   last 10 s at most 10% above the median over the first 10 s after the warm-up (the first
 *   sixth of the run, 10 s of 60, when caches and the JIT have settled). The RSS swings by
 *   tens of MB with V8's collections, so the heap left by each full collection (`--trace-gc`)
 *   is reported beside it: that is the figure a leak raises;
 * - the database is whole afterwards: `integrity_check` ok, no broken foreign key, and every
 *   acknowledged write is a row, while no refused write is.
 *
 * The server runs as a child process so that its memory is its own, pinned to core 0 with the
 * load generator (autocannon, in this process) on core 1 when `taskset` exists, as
 * `npm run bench` does. The mix is bench/soak-mix.ts. Prints a table, writes
 * bench/results/soak.json, and exits 1 when anything above fails. A script, never a test:
 * the machine is shared, so read the figures with its load average beside them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createKey } from '../src/auth/keys.js';
import { seedDatabase } from '../src/bulk/import.js';
import { DEFAULT_LIMITS } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { Role } from '../src/shared/enums.js';
import { projectRoot } from '../src/shared/paths.js';
import { isEmpty } from '../src/bulk/import.store.js';
import { judge, Mix, readOps, type Planned, type ReadOp, type Who } from './soak-mix.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '64' },
    'rate-limit': { type: 'string', default: 'on' },
    keep: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
if (!(SECONDS >= 6)) throw new Error(`--seconds must be a number from 6 (got ${args.seconds})`);
if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1) throw new Error(`--connections must be a whole number from 1 (got ${args.connections})`);
if (args['rate-limit'] !== 'on' && args['rate-limit'] !== 'off') throw new Error(`--rate-limit must be on or off (got ${args['rate-limit']})`);
const RATE_LIMITED = args['rate-limit'] === 'on';
/** The first sixth of the run (10 s of 60) is warm-up; memory is compared over windows of at most 10 s after it. */
const WARMUP_S = SECONDS / 6;
const WINDOW_S = Math.min(10, SECONDS / 6);
/** Memory is flat when the RSS grew by at most this share between the first and the last window. */
const FLAT_WITHIN = 0.1;
/** autocannon's per-request timeout, in seconds: a request slower than this is an error. */
const TIMEOUT_S = 10;
const LIMITS_NOTE = RATE_LIMITED ? `on (server defaults: ${DEFAULT_LIMITS.rateLimitPerKey}/min per key, ${DEFAULT_LIMITS.rateLimitPerAddress}/min per address without a key)` : 'off';
/** The machine is shared: how busy it was when the run began is part of the figures. */
const LOAD_AVERAGE = loadavg().map((x) => Math.round(x * 100) / 100);
const ROOT = projectRoot();
const node = process.execPath;

// Pinning, as bench/run.ts does it (its helpers are private to that script).
const pinnable = cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;
if (pinnable) spawnSync('taskset', ['-pc', '1', String(process.pid)]);
const onCore0 = (command: string, argv: string[]) => (pinnable ? ['taskset', ['-c', '0', command, ...argv]] : [command, argv]) as [string, string[]];

interface Keys {
  reader: string;
  editor: string;
  /** An EDITOR key used only before and after the load, so its budget is never spent by it. */
  check: string;
}

/** A fresh database, migrated and seeded as the server does on its first start, with the keys of the run. */
async function prepareDatabase(path: string): Promise<Keys> {
  const opened = openDatabase(path);
  migrateDatabase(opened.db);
  if (await isEmpty(opened.engine)) await seedDatabase(opened);
  const keys = {
    reader: (await createKey(opened.engine, Role.READER, 'soak reader')).key,
    editor: (await createKey(opened.engine, Role.EDITOR, 'soak editor')).key,
    check: (await createKey(opened.engine, Role.EDITOR, 'soak check')).key,
  };
  opened.close();
  return keys;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Server {
  child: ChildProcess;
  url: string;
  /** When it was spawned (performance.now()), the origin of V8's GC trace times. */
  spawnedAt: number;
  /** What the server logged (pino's JSON on stdout, at LOG_LEVEL=warn) or wrote to stderr, line by line. */
  log: string[];
  /** The JS heap after each full (mark-compact) collection, from `--trace-gc`. */
  fullGcs: HeapAfterGc[];
}

interface HeapAfterGc {
  /** Seconds since the server was spawned. */
  t: number;
  heapMb: number;
}

/** `[pid:0x…]  1234 ms: Mark-Compact 45.0 (77.8) -> 21.6 (55.4) MB, …`: when, and the heap left. */
const FULL_GC = /\s(\d+) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;

/** Calls `onLine` with each whole line a stream writes. */
function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    lines.forEach(onLine);
  });
}

/**
 * Starts `node dist/src/main.js` on the database and waits for its `/health`. The server
 * runs with `--trace-gc`, a trace that changes nothing it does: the heap left after each full
 * collection is what a leak raises, while the RSS also swings with when V8 collects.
 */
async function startServer(database: string, port: number): Promise<Server> {
  const [command, argv] = onCore0(node, ['--trace-gc', 'dist/src/main.js']);
  const limits = RATE_LIMITED ? {} : { RATE_LIMIT_PER_KEY: '0', RATE_LIMIT_PER_ADDRESS: '0' };
  const spawnedAt = performance.now();
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...limits },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.on('exit', () => child.kill('SIGKILL'));
  const server: Server = { child, url: `http://127.0.0.1:${port}/graphql`, spawnedAt, log: [], fullGcs: [] };
  eachLine(child.stdout!, (line) => {
    const gc = FULL_GC.exec(line);
    if (gc) server.fullGcs.push({ t: Number(gc[1]) / 1000, heapMb: Number(gc[2]) });
    else if (line.trim() !== '' && !/ms: (Scavenge|Mark-Compact|Minor|Mark-Sweep)/.test(line)) server.log.push(line);
  });
  eachLine(child.stderr!, (line) => server.log.push(line));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${server.log.join('\n')}`);
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 60 s');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return server;
}

/** SIGTERM (the server drains in-flight requests and closes the database), SIGKILL after 15 s. */
async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
  return server.child.exitCode;
}

function authHeaders(keys: Keys): Record<Who, Record<string, string>> {
  return { reader: { authorization: `Bearer ${keys.reader}` }, editor: { authorization: `Bearer ${keys.editor}` }, anonymous: {} };
}

type MemoryField = 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile' | 'RssShmem';

/** Memory figures of a process in MB, from /proc (Linux). */
function memoryOf(pid: number): Record<MemoryField, number> {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: MemoryField) => round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024);
  return { VmRSS: mb('VmRSS'), VmHWM: mb('VmHWM'), RssAnon: mb('RssAnon'), RssFile: mb('RssFile'), RssShmem: mb('RssShmem') };
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

const median = (values: number[]) => percentile(values, 50);

interface OpTally {
  sent: number;
  ok: number;
  limited: number;
  errors: number;
  /** Latencies of the successful answers, ms. */
  okMs: number[];
}

/** Every answer, counted by status, operation and verdict; the writes' ids, by what became of them. */
class Tally {
  readonly statuses: Record<string, number> = {};
  readonly ops = new Map<string, OpTally>();
  readonly errorReasons = new Map<string, { count: number; sample: string }>();
  readonly allMs: number[] = [];
  readonly limitedMs: number[] = [];
  limited = 0;
  errors = 0;
  readonly writesSent = new Set<string>();
  readonly writesAnswered = new Set<string>();
  readonly writesAcknowledged = new Set<string>();

  private op(name: string): OpTally {
    let t = this.ops.get(name);
    if (!t) this.ops.set(name, (t = { sent: 0, ok: 0, limited: 0, errors: 0, okMs: [] }));
    return t;
  }

  /** A write acknowledged outside the load (the preflight's). */
  acknowledged(id: string): void {
    this.writesSent.add(id);
    this.writesAnswered.add(id);
    this.writesAcknowledged.add(id);
  }

  sent(planned: Planned): void {
    this.op(planned.op).sent++;
    if (planned.write) this.writesSent.add(planned.write.id);
  }

  answered(planned: Planned, status: number, body: string, headers: Record<string, unknown>, ms: number): void {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    this.allMs.push(ms);
    if (planned.write) this.writesAnswered.add(planned.write.id);
    const op = this.op(planned.op);
    const verdict = judge(planned, status, body, headers);
    if (verdict.kind === 'ok') {
      op.ok++;
      op.okMs.push(ms);
      if (planned.write) this.writesAcknowledged.add(planned.write.id);
    } else if (verdict.kind === 'limited') {
      op.limited++;
      this.limited++;
      this.limitedMs.push(ms);
    } else {
      op.errors++;
      this.error(verdict.reason, `${planned.op} (${planned.who}) → ${status}: ${body.slice(0, 300)}`);
    }
  }

  /** An error with its reason; the first of each reason is kept as the sample shown. */
  error(reason: string, sample: string, count = 1): void {
    this.errors += count;
    const entry = this.errorReasons.get(reason) ?? { count: 0, sample };
    entry.count += count;
    this.errorReasons.set(reason, entry);
  }
}

async function post(url: string, body: string, auth: Record<string, string>): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body });
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { status: res.status, text: await res.text(), headers };
}

/**
 * Every read once, and one write of each kind, with the check key: a broken operation of the
 * mix stops the run before any load. Returns each read's answer size.
 */
async function preflight(url: string, keys: Keys, ops: ReadOp[], mix: Mix, tally: Tally): Promise<Map<string, number>> {
  const check = { authorization: `Bearer ${keys.check}` };
  const bytes = new Map<string, number>();
  for (const op of ops) {
    const res = await post(url, op.body, check);
    const verdict = judge({ op: op.name, who: 'reader', body: op.body }, res.status, res.text, res.headers);
    if (verdict.kind !== 'ok') throw new Error(`${op.name} fails before any load (${verdict.kind}): ${res.status} ${res.text.slice(0, 500)}`);
    bytes.set(op.name, Buffer.byteLength(res.text));
  }
  for (let i = 0; i < 4; i++) {
    const write = mix.nextWrite();
    const res = await post(url, write.body, check);
    if (judge(write, res.status, res.text, res.headers).kind !== 'ok') throw new Error(`${write.op} fails before any load: ${res.status} ${res.text.slice(0, 500)}`);
    // Its row is counted with the load's: it is acknowledged, though not part of the load's figures.
    tally.acknowledged(write.write!.id);
  }
  return bytes;
}

/** Each read's answer size after the load, with the check key (whose budget the load never spent). */
async function answerSizes(url: string, keys: Keys, ops: ReadOp[]): Promise<Map<string, number | string>> {
  const sizes = new Map<string, number | string>();
  for (const op of ops) {
    const res = await post(url, op.body, { authorization: `Bearer ${keys.check}` });
    sizes.set(op.name, res.status === 200 ? Buffer.byteLength(res.text) : `HTTP ${res.status}`);
  }
  return sizes;
}

interface Sample {
  /** Seconds since the load started. */
  t: number;
  rssMb: number;
  /**
   * The parts of the RSS: anonymous (the JS heap and native allocations), file-backed (the
   * binary, and mapped files) and shared memory (SQLite's WAL index, `-shm`, is mapped shared):
   * they tell a heap that grows from a WAL index that grows.
   */
  anonMb: number;
  fileMb: number;
  shmemMb: number;
}

/** Samples the server's RSS every second and prints progress every 10 s. */
function sampleMemory(pid: number, tally: Tally): { samples: Sample[]; startedAt: number; stop(): void } {
  const samples: Sample[] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    const t = (performance.now() - started) / 1000;
    try {
      const m = memoryOf(pid);
      samples.push({ t: round(t, 2), rssMb: m.VmRSS, anonMb: m.RssAnon, fileMb: m.RssFile, shmemMb: m.RssShmem });
    } catch {
      tally.error('server gone', `the server's /proc entry vanished ${Math.round(t)} s into the load`);
      clearInterval(timer);
      return;
    }
    if (samples.length % 10 === 0) {
      const answered = Object.values(tally.statuses).reduce((s, n) => s + n, 0);
      const m = samples.at(-1)!;
      console.log(`  ${Math.round(t)} s: ${answered} answers (${tally.limited} × 429, ${tally.errors} errors), server RSS ${m.rssMb} MB (anonymous ${m.anonMb}, file ${m.fileMb}, shared ${m.shmemMb})`);
    }
  }, 1000);
  return { samples, startedAt: started, stop: () => clearInterval(timer) };
}

/** Drives the mix for the run's length; every answer goes to the tally. */
async function load(url: string, keys: Keys, mix: Mix, tally: Tally): Promise<autocannon.Result> {
  const auth = authHeaders(keys);
  /** autocannon's per-connection context, which carries a request's plan to its answer. */
  type Context = { planned?: Planned; sentAt?: number };
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: TIMEOUT_S,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        // Called just before each request is written to its connection (one in flight per connection).
        setupRequest: (req: autocannon.Request, context: object) => {
          const planned = mix.next();
          tally.sent(planned);
          Object.assign(context as Context, { planned, sentAt: performance.now() });
          return { ...req, headers: { ...req.headers, ...auth[planned.who] }, body: planned.body };
        },
        onResponse: (status: number, body: string, context: object, headers?: Record<string, unknown>) => {
          const { planned, sentAt } = context as Context;
          tally.answered(planned!, status, body, headers ?? {}, performance.now() - sentAt!);
        },
      },
    ],
  });
}

interface Memory {
  warmupSeconds: number;
  windowSeconds: number;
  samples: number;
  beforeLoadMb: number;
  minMb: number | null;
  medianMb: number | null;
  maxMb: number | null;
  firstWindowMedianMb: number | null;
  lastWindowMedianMb: number | null;
  growthPercent: number | null;
  /** The same growth for the windows' lowest RSS (the floor the collections come back to). */
  floorGrowthPercent: number | null;
  peakMb: number;
  flat: boolean;
  /** The first and last windows' medians of each part of the RSS (see `Sample`). */
  parts: Record<'anonMb' | 'fileMb' | 'shmemMb', { first: number | null; last: number | null }>;
  /** The JS heap left by each full collection after the warm-up: what a leak would raise. */
  heapAfterFullGc: { count: number; firstMb: number | null; lastMb: number | null; minMb: number | null; maxMb: number | null; growthPercent: number | null; series: HeapAfterGc[] };
  series: Sample[];
}

const growthOf = (first: number | null | undefined, last: number | null | undefined) => (first && last ? round(((last - first) / first) * 100) : null);
const minOf = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : null);

/**
 * The RSS after the warm-up: its spread, and the growth of the last window's median over the
 * first's. Flat means it grew by at most 10%: a fall is the collector handing memory back,
 * not a leak. `fullGcs` are timed from the load's start.
 */
function memoryVerdict(samples: Sample[], fullGcs: HeapAfterGc[], beforeLoadMb: number, peakMb: number): Memory {
  const after = samples.filter((s) => s.t >= WARMUP_S);
  const end = samples.at(-1)?.t ?? 0;
  const firstWindow = after.filter((s) => s.t < WARMUP_S + WINDOW_S);
  const lastWindow = after.filter((s) => s.t > end - WINDOW_S);
  const first = median(firstWindow.map((s) => s.rssMb));
  const last = median(lastWindow.map((s) => s.rssMb));
  const part = (field: 'anonMb' | 'fileMb' | 'shmemMb') => ({ first: median(firstWindow.map((s) => s[field])), last: median(lastWindow.map((s) => s[field])) });
  const growth = growthOf(first, last);
  const rss = after.map((s) => s.rssMb);
  const gcs = fullGcs.filter((g) => g.t >= WARMUP_S && g.t <= end + 1);
  const heaps = gcs.map((g) => g.heapMb);
  return {
    warmupSeconds: round(WARMUP_S),
    windowSeconds: round(WINDOW_S),
    samples: samples.length,
    beforeLoadMb,
    minMb: minOf(rss),
    medianMb: median(rss),
    maxMb: maxOf(rss),
    firstWindowMedianMb: first,
    lastWindowMedianMb: last,
    growthPercent: growth,
    floorGrowthPercent: growthOf(minOf(firstWindow.map((s) => s.rssMb)), minOf(lastWindow.map((s) => s.rssMb))),
    peakMb,
    flat: growth !== null && growth <= FLAT_WITHIN * 100,
    parts: { anonMb: part('anonMb'), fileMb: part('fileMb'), shmemMb: part('shmemMb') },
    heapAfterFullGc: { count: gcs.length, firstMb: heaps[0] ?? null, lastMb: heaps.at(-1) ?? null, minMb: minOf(heaps), maxMb: maxOf(heaps), growthPercent: growthOf(heaps[0], heaps.at(-1)), series: gcs },
    series: samples,
  };
}

interface DatabaseCheck {
  integrity: string;
  foreignKeyViolations: number;
  writesSent: number;
  writesAcknowledged: number;
  rowsCreated: { statements: number; issues: number };
  revisionsAdded: number;
  /** Acknowledged writes with no row: lost. */
  lost: number;
  /** Rows of writes that were answered with a refusal or an error. */
  refusedYetWritten: number;
  /** Rows of writes never answered (in flight when the load stopped, or timed out): allowed. */
  unansweredApplied: number;
  ok: boolean;
}

/** After the server has stopped: the file is whole, and the rows are exactly the writes acknowledged. */
function checkDatabase(path: string, tally: Tally, revisionsBefore: number): DatabaseCheck {
  const { sqlite, close } = openDatabase(path);
  try {
    const integrity = String(sqlite.pragma('integrity_check', { simple: true }));
    const foreignKeyViolations = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const ids = (table: string, prefix: string) => (sqlite.prepare(`SELECT id FROM ${table} WHERE id LIKE ?`).pluck().all(`${prefix}%`) as string[]);
    const statements = ids('statements', 'statement:soak-');
    const issues = ids('issues', 'issue:soak-');
    const present = new Set([...statements, ...issues]);
    const revisionsAdded = revisionCount(sqlite) - revisionsBefore;
    const lost = [...tally.writesAcknowledged].filter((id) => !present.has(id)).length;
    const unacknowledged = [...present].filter((id) => !tally.writesAcknowledged.has(id));
    const refusedYetWritten = unacknowledged.filter((id) => tally.writesAnswered.has(id) || !tally.writesSent.has(id)).length;
    const unansweredApplied = unacknowledged.length - refusedYetWritten;
    return {
      integrity,
      foreignKeyViolations,
      writesSent: tally.writesSent.size,
      writesAcknowledged: tally.writesAcknowledged.size,
      rowsCreated: { statements: statements.length, issues: issues.length },
      revisionsAdded,
      lost,
      refusedYetWritten,
      unansweredApplied,
      // One revision per create, and nothing else writes during the run.
      ok: integrity === 'ok' && foreignKeyViolations === 0 && lost === 0 && refusedYetWritten === 0 && revisionsAdded === present.size,
    };
  } finally {
    close();
  }
}

function revisionCount(sqlite: ReturnType<typeof openDatabase>['sqlite']): number {
  return sqlite.prepare('SELECT count(*) FROM revisions').pluck().get() as number;
}

function countRevisions(path: string): number {
  const opened = openDatabase(path);
  try {
    return revisionCount(opened.sqlite);
  } finally {
    opened.close();
  }
}

function latency(values: number[]) {
  return { p50: percentile(values, 50), p99: percentile(values, 99) };
}

// ——— the run ———

const dir = mkdtempSync(join(tmpdir(), 'kb-soak-'));
const database = join(dir, 'kb.sqlite');
const keys = await prepareDatabase(database);
const revisionsBefore = countRevisions(database);
const server = await startServer(database, await freePort());
const pid = server.child.pid!;
const ops = readOps();
const mix = new Mix(ops);
const tally = new Tally();

let exitCode = 1;
try {
  const bytesBefore = await preflight(server.url, keys, ops, mix, tally);
  await new Promise((r) => setTimeout(r, 1000)); // let the start-up settle before the baseline
  const beforeLoadMb = memoryOf(pid).VmRSS;
  console.log(`soak: ${SECONDS} s at ${CONNECTIONS} connections, ${ops.length} reads + 2 writes in the mix, rate limits ${LIMITS_NOTE}; server pid ${pid}${pinnable ? ' on core 0, load on core 1' : ''}; load average ${LOAD_AVERAGE.join(' ')}`);
  const sampler = sampleMemory(pid, tally);
  const result = await load(server.url, keys, mix, tally);
  sampler.stop();
  const peakMb = memoryOf(pid).VmHWM;
  const bytesAfter = await answerSizes(server.url, keys, ops);
  const exitedWith = await stopServer(server);
  if (exitedWith !== 0) tally.error('server exit', `the server exited with code ${exitedWith} on SIGTERM`);
  // Connection errors and timeouts never reach onResponse: autocannon counts them.
  if (result.timeouts > 0) tally.error('timeout', `${result.timeouts} requests got no answer within ${TIMEOUT_S} s`, result.timeouts);
  if (result.errors - result.timeouts > 0) tally.error('connection error', `${result.errors - result.timeouts} connection errors`, result.errors - result.timeouts);

  const sinceLoad = (sampler.startedAt - server.spawnedAt) / 1000;
  const memory = memoryVerdict(sampler.samples, server.fullGcs.map((g) => ({ t: round(g.t - sinceLoad, 2), heapMb: g.heapMb })), beforeLoadMb, peakMb);
  const db = checkDatabase(database, tally, revisionsBefore);
  const report = buildReport({ tally, result, memory, db, server, bytesBefore, bytesAfter });
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'soak.json'), JSON.stringify(report, null, 2) + '\n');
  printReport(report);
  exitCode = report.pass ? 0 : 1;
} finally {
  await stopServer(server);
  if (args.keep) console.log(`database kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

interface Outcome {
  tally: Tally;
  result: autocannon.Result;
  memory: Memory;
  db: DatabaseCheck;
  server: Server;
  bytesBefore: Map<string, number>;
  bytesAfter: Map<string, number | string>;
}

/** bench/results/soak.json: the verdict, the machine, then the figures (the conventions of latest.json). */
function buildReport({ tally, result, memory, db, server, bytesBefore, bytesAfter }: Outcome) {
  const answered = tally.allMs.length;
  const ok = [...tally.ops.values()].reduce((s, t) => s + t.ok, 0);
  const okWrites = (tally.ops.get('SoakStatement')?.ok ?? 0) + (tally.ops.get('SoakIssue')?.ok ?? 0);
  return {
    pass: tally.errors === 0 && memory.flat && db.ok,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, pinned: pinnable, loadAverageBefore: LOAD_AVERAGE },
    seconds: SECONDS,
    connections: CONNECTIONS,
    rateLimits: LIMITS_NOTE,
    mix: '9 reads in 10 (schema/examples, node, search, blockingIssues; half with a READER key, half without a key), 1 write in 10 (createStatement ×3, createIssue ×1, EDITOR key)',
    requests: answered,
    rps: round(answered / result.duration),
    latency: latency(tally.allMs),
    latencyOk: latency([...tally.ops.values()].flatMap((t) => t.okMs)),
    latency429: latency(tally.limitedMs),
    statuses: tally.statuses,
    succeeded: { reads: ok - okWrites, writes: okWrites },
    rateLimited: { count: tally.limited, allWithRetryAfter: !tally.errorReasons.has('429 without Retry-After') },
    errors: { count: tally.errors, reasons: Object.fromEntries(tally.errorReasons) },
    autocannon: { requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
    operations: [...tally.ops.entries()].map(([name, t]) => ({ name, sent: t.sent, ok: t.ok, limited: t.limited, errors: t.errors, ...latency(t.okMs), bytesBefore: bytesBefore.get(name) ?? null, bytesAfter: bytesAfter.get(name) ?? null })),
    memory,
    database: db,
    serverLog: { lines: server.log.length, first: server.log.slice(0, 5) },
  };
}

type Report = ReturnType<typeof buildReport>;

function printReport(r: Report): void {
  console.log(`\n| requests | req/s | p50 ms | p99 ms | 200 ok (reads / writes) | 429 | errors |`);
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${r.requests} | ${r.rps} | ${r.latency.p50} | ${r.latency.p99} | ${r.succeeded.reads} / ${r.succeeded.writes} | ${r.rateLimited.count} | ${r.errors.count} |`);
  console.log(`latency of successes p50 ${r.latencyOk.p50} / p99 ${r.latencyOk.p99} ms; of 429s p50 ${r.latency429.p50} / p99 ${r.latency429.p99} ms; statuses ${JSON.stringify(r.statuses)}`);
  console.log('\n| operation | sent | ok | 429 | errors | ok p50 / p99 ms | bytes before → after |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const o of r.operations) console.log(`| ${o.name} | ${o.sent} | ${o.ok} | ${o.limited} | ${o.errors} | ${o.p50} / ${o.p99} | ${o.bytesBefore ?? '—'} → ${o.bytesAfter ?? '—'} |`);
  for (const [reason, e] of Object.entries(r.errors.reasons)) console.log(`ERROR ${reason} ×${e.count}, e.g. ${e.sample}`);
  const m = r.memory;
  console.log(`\nserver RSS after ${m.warmupSeconds} s of warm-up: min ${m.minMb} / median ${m.medianMb} / max ${m.maxMb} MB (${m.beforeLoadMb} MB before the load, peak ${m.peakMb}); median of the last ${m.windowSeconds} s ${m.lastWindowMedianMb} MB vs the first ${m.windowSeconds} s ${m.firstWindowMedianMb} MB: ${m.growthPercent}% → ${m.flat ? 'flat' : 'NOT FLAT'} (flat: grew at most ${FLAT_WITHIN * 100}%)`);
  const h = m.heapAfterFullGc;
  console.log(`  lowest RSS of the last ${m.windowSeconds} s vs the first: ${m.floorGrowthPercent}%; JS heap after each of the ${h.count} full collections after the warm-up: first ${h.firstMb} → last ${h.lastMb} MB (${h.growthPercent}%), min ${h.minMb} / max ${h.maxMb} MB`);
  console.log(`  of which (first window → last): anonymous ${m.parts.anonMb.first} → ${m.parts.anonMb.last} MB, file-backed ${m.parts.fileMb.first} → ${m.parts.fileMb.last} MB, shared ${m.parts.shmemMb.first} → ${m.parts.shmemMb.last} MB`);
  const d = r.database;
  console.log(`database: integrity_check ${d.integrity}, ${d.foreignKeyViolations} foreign key violations; ${d.writesAcknowledged} writes acknowledged of ${d.writesSent} sent, rows created ${d.rowsCreated.statements} statements + ${d.rowsCreated.issues} issues, ${d.revisionsAdded} revisions; lost ${d.lost}, refused yet written ${d.refusedYetWritten}, unanswered yet applied ${d.unansweredApplied} → ${d.ok ? 'ok' : 'FAILED'}`);
  if (r.serverLog.lines) console.log(`server log (warn and above): ${r.serverLog.lines} lines, first: ${r.serverLog.first.join('\n  ')}`);
  console.log(`\n${r.pass ? 'PASS' : 'FAIL'}; written to bench/results/soak.json`);
}
