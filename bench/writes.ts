/**
 * `npm run bench:writes`: the latency of a write through the whole server (HTTP, Apollo,
 * role check, zod bounds, one BEGIN IMMEDIATE transaction with its revision, change records
 * and search-index triggers), beside a floor measured in the same run: a bare node:http
 * server doing the least a versioned write must (one prepared UPDATE and one revision INSERT
 * in an immediate transaction). One client, one request at a time, loopback. A benchmark,
 * never a test: this machine is shared and noisy, so read the ratio, not the milliseconds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKey } from '../src/auth/keys.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { buildKbSchema } from '../src/schema.js';
import { buildServer } from '../src/server.js';
import { Role } from '../src/shared/enums.js';
import { seedDatabase } from '../src/bulk/import.js';

const ROUNDS = Number(process.env.BENCH_WRITES ?? 500);
const WARMUP = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, send: (i: number) => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await send(i);
  const times: number[] = [];
  for (let i = WARMUP; i < WARMUP + ROUNDS; i++) {
    const start = performance.now();
    await send(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((s, t) => s + t, 0) / times.length };
}

async function post(url: string, body: unknown, key?: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status !== 200 || json.errors || json.data?.updateActor?.userErrors?.length) throw new Error(`write failed: ${JSON.stringify(json)}`);
  return json;
}

const dir = mkdtempSync(join(tmpdir(), 'kb-bench-writes-'));
const opened = openDatabase(join(dir, 'kb.sqlite'));
migrateDatabase(opened.db);
await seedDatabase(opened);
const { key } = await createKey(opened.engine, Role.EDITOR, 'bench');
const app = await buildServer({ engine: opened.engine, schema: buildKbSchema(), config: { playground: false } });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
const apiUrl = `http://127.0.0.1:${address.port}/graphql`;

let version = 1;
const project = await measure('updateActor through the server', async (i) => {
  const body = { query: 'mutation($input: UpdateActorInput!) { updateActor(input: $input) { actor { version } revision { number } userErrors { code } } }', variables: { input: { id: 'actor:oman', expectedVersion: version, description: `Oman, revision ${i}.` } } };
  const json = await post(apiUrl, body, key);
  version = json.data.updateActor.actor.version;
});

// The floor: its own database file, the same pragmas, the least SQL a versioned, recorded write needs.
const floorDb = openDatabase(join(dir, 'floor.sqlite'));
migrateDatabase(floorDb.db);
await seedDatabase(floorDb);
const update = floorDb.sqlite.prepare('UPDATE actors SET description = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING version');
const record = floorDb.sqlite.prepare("INSERT INTO revisions (number, at, author_name, author_role) VALUES ((SELECT max(number) + 1 FROM revisions), ?, 'bench', 'EDITOR') RETURNING number");
const write = floorDb.sqlite.transaction((description: string, expected: number) => ({ version: (update.get(description, 'actor:oman', expected) as { version: number }).version, number: (record.get(new Date().toISOString()) as { number: number }).number }));
const floorServer: Server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const { input } = JSON.parse(raw).variables;
    const out = write.immediate(input.description, input.expectedVersion);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { updateActor: { actor: { version: out.version }, revision: { number: out.number }, userErrors: [] } } }));
  });
});
await new Promise<void>((r) => floorServer.listen(0, '127.0.0.1', r));
const floorUrl = `http://127.0.0.1:${(floorServer.address() as { port: number }).port}/`;
let floorVersion = 1;
const floor = await measure('floor: node:http + 2 prepared statements', async (i) => {
  const json = await post(floorUrl, { variables: { input: { id: 'actor:oman', expectedVersion: floorVersion, description: `Oman, revision ${i}.` } } });
  floorVersion = json.data.updateActor.actor.version;
});

await app.close();
floorServer.close();
opened.close();
floorDb.close();
rmSync(dir, { recursive: true, force: true });

const rows = [project, floor];
console.log(`writes, ${ROUNDS} sequential requests each after ${WARMUP} warm-up (ms):`);
console.log(['', 'p50', 'p99', 'mean'].join('\t'));
for (const r of rows) console.log([r.label, r.p50.toFixed(2), r.p99.toFixed(2), r.mean.toFixed(2)].join('\t'));
const ratio = floor.mean / project.mean;
console.log(`throughput ratio (project / floor, by mean latency): ${ratio.toFixed(2)}`);
mkdirSync(join('bench', 'results'), { recursive: true });
writeFileSync(join('bench', 'results', 'writes.json'), JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, project, floor, ratio }, null, 2) + '\n');
