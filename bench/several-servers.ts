/**
 * `npm run bench:servers [-- --seconds S] [--servers 1,2,3] [--connections C]`: what one
 * PostgreSQL allows through several server processes (docs/several-servers.md). A throwaway
 * cluster of its own (tests/helpers/pg-cluster.ts), durable as a server runs it (fsync,
 * synchronous_commit and full_page_writes on), holding the seed; for each count of servers,
 * that many real server processes (`node dist/src/main.js`, production logging) on it, and
 * autocannon driving each server with C connections for S seconds, all at once:
 *
 * - reads: a node by id, and a nested page (16 actors with up to 10 statements each);
 * - writes: `createIssue`, each with a new name (one revision, one change, one evidence span).
 *
 * Every answer must be a 200 without errors (and a write without userErrors); the figures are
 * answers per second summed over the servers, with the CPU each part used meanwhile (server
 * processes, PostgreSQL's, and this process: the load), read from /proc, and PostgreSQL's own
 * count of committed transactions. Writes are checked after each round: one revision per acknowledged write,
 * numbered without a gap. Writes to results/several-servers.json. A benchmark, never a test:
 * the machine is shared and has two cores, which the servers, PostgreSQL and the load share.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createKey } from '../src/auth/keys.js';
import { seedDatabase } from '../src/bulk/import.js';
import { openKb } from '../src/db/open.js';
import { Role } from '../src/shared/enums.js';
import { projectRoot } from '../src/shared/paths.js';
import { clusterUrl, destroyCluster, startThrowawayCluster } from '../tests/helpers/pg-cluster.js';
import { startProcessServer, type ProcessServer } from '../tests/helpers/process-server.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    servers: { type: 'string', default: '1,2,3' },
    connections: { type: 'string', default: '8' },
  },
});
const SECONDS = Number(args.seconds);
const COUNTS = args.servers!.split(',').map(Number);
const CONNECTIONS = Number(args.connections);
if (!(SECONDS > 0) || COUNTS.some((n) => !Number.isInteger(n) || n < 1) || !(CONNECTIONS >= 1)) throw new Error('--seconds > 0, --servers a list of whole numbers ≥ 1, --connections ≥ 1');

const READS = {
  node: '{ node(id: "statement:iran-denies-messages") { id ... on Statement { kind summary speaker { name } } } }',
  nested: '{ actors(first: 20) { totalCount edges { node { id name statements(first: 10) { totalCount edges { node { id summary } } } } } } }',
};
const WRITE = 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } revision { number } userErrors { code } } }';

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** The postmaster and every process it started (backends, WAL writer, checkpointer …). */
function postgresPids(postmaster: number): number[] {
  const pids = [postmaster];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

interface Round {
  servers: number;
  operation: string;
  answersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  answers: number;
  errors: number;
  /** Cores used on average during the round: the servers, PostgreSQL, and this process (the load). */
  cores: { servers: number; postgres: number; load: number };
  /** Transactions PostgreSQL committed per second in the database during the round (pg_stat_database; a read's statements each count). */
  transactionsPerSecond: number;
}

const cluster = await startThrowawayCluster({ settings: { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' } });
const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
const admin = new pg.Client({ connectionString: clusterUrl(cluster) });
await admin.connect();
await admin.query('CREATE DATABASE kb');
const url = clusterUrl(cluster, 'kb');
const kb = await openKb(url);
await seedDatabase(kb);
const { key } = await createKey(kb.engine, Role.EDITOR, 'bench servers');
await kb.close();
const commits = async () => Number((await admin.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = 'kb'`)).rows[0].xact_commit);

let written = 0;
/** Writes answered 200 without userErrors, warm-ups included: each must be stored. */
let acknowledgedWrites = 0;
const rounds: Round[] = [];
try {
  for (const count of COUNTS) {
    const servers: ProcessServer[] = await Promise.all(Array.from({ length: count }, () => startProcessServer({ databaseUrl: url })));
    try {
      for (const [operation, query] of [...Object.entries(READS), ['createIssue', WRITE]] as [string, string][]) {
        const write = operation === 'createIssue';
        let badWrites = 0;
        const optionsFor = (server: ProcessServer) =>
          ({
            url: `${server.url}/graphql`,
            method: 'POST',
            connections: CONNECTIONS,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            ...(write
              ? {
                  requests: [
                    {
                      setupRequest: (req: object) => ({ ...req, body: JSON.stringify({ query, variables: { input: { name: `Bench issue ${written++}`, description: 'd', evidence: [{ source: 'source:us-iran-second-round-talks', exact: 'The ongoing conflict in Ukraine' }] } } }) }),
                      onResponse: (status: number, body: string) => {
                        if (status === 200 && body.includes('"userErrors":[]')) acknowledgedWrites++;
                        else badWrites++;
                      },
                    },
                  ],
                }
              : { body: JSON.stringify({ query }) }),
          }) as autocannon.Options;
        // Warm-up: JIT, prepared statements, pools.
        await Promise.all(servers.map((s) => autocannon({ ...optionsFor(s), duration: 2 })));
        const cpuBefore = { servers: servers.reduce((t, s) => t + cpuSeconds(s.pid), 0), postgres: postgresPids(postmaster).reduce((t, p) => t + cpuSeconds(p), 0), load: process.cpuUsage() };
        const commitsBefore = await commits();
        const started = performance.now();
        const results = await Promise.all(servers.map((s) => autocannon({ ...optionsFor(s), duration: SECONDS })));
        const elapsed = (performance.now() - started) / 1000;
        const commitsAfter = await commits();
        const load = process.cpuUsage(cpuBefore.load);
        const answers = results.reduce((t, r) => t + r.requests.total, 0);
        const round: Round = {
          servers: count,
          operation,
          answersPerSecond: Math.round(answers / elapsed),
          p50Ms: Math.max(...results.map((r) => r.latency.p50)),
          p99Ms: Math.max(...results.map((r) => r.latency.p99)),
          answers,
          errors: results.reduce((t, r) => t + r.errors + r.timeouts + r.non2xx, 0) + badWrites,
          cores: {
            servers: Math.round(((servers.reduce((t, s) => t + cpuSeconds(s.pid), 0) - cpuBefore.servers) / elapsed) * 100) / 100,
            postgres: Math.round(((postgresPids(postmaster).reduce((t, p) => t + cpuSeconds(p), 0) - cpuBefore.postgres) / elapsed) * 100) / 100,
            load: Math.round(((load.user + load.system) / 1e6 / elapsed) * 100) / 100,
          },
          transactionsPerSecond: Math.round((commitsAfter - commitsBefore) / elapsed),
        };
        rounds.push(round);
        console.log(JSON.stringify(round));
      }
    } finally {
      await Promise.all(servers.map((s) => s.terminate()));
    }
  }
  // Every acknowledged write is one revision, numbered without a gap.
  const kbClient = new pg.Client({ connectionString: url });
  await kbClient.connect();
  const { n, top, issues } = (await kbClient.query(`SELECT (SELECT count(*)::int FROM revisions) AS n, (SELECT max(number) FROM revisions) AS top, (SELECT count(*)::int FROM issues WHERE name LIKE 'Bench issue %') AS issues`)).rows[0];
  await kbClient.end();
  if (n !== top) throw new Error(`revisions are not numbered without a gap: ${n} revisions, the highest ${top}`);
  // A write cut off when a round's time ran out may be stored without an answer, never the reverse.
  if (issues < acknowledgedWrites || issues > written) throw new Error(`${issues} bench issues stored for ${acknowledgedWrites} acknowledged and ${written} sent`);
  console.log(`checked: ${issues} bench issues stored for ${acknowledgedWrites} acknowledged writes (warm-ups included; ${written} sent); ${n} revisions numbered 1…${top}`);

  const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
  const machine = { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: version };
  mkdirSync(join(projectRoot(), 'bench', 'results'), { recursive: true });
  writeFileSync(join(projectRoot(), 'bench', 'results', 'several-servers.json'), `${JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, connectionsPerServer: CONNECTIONS, machine, rounds }, null, 2)}\n`);
  console.log('\n| servers | operation | answers/s | p50 / p99 ms | errors | cores: servers / PostgreSQL / load | PostgreSQL transactions/s |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rounds) console.log(`| ${r.servers} | ${r.operation} | ${r.answersPerSecond} | ${r.p50Ms} / ${r.p99Ms} | ${r.errors} | ${r.cores.servers} / ${r.cores.postgres} / ${r.cores.load} | ${r.transactionsPerSecond} |`);
} finally {
  await admin.end();
  await destroyCluster(cluster);
}
