/**
 * What the fuzz suites share: a real server on a real port over a real seeded SQLite file,
 * keys of every role, pools of real ids read over the API, a runner that sends cases a few at
 * a time over keep-alive connections, and the judge every answer must satisfy.
 *
 * The judge, for every request:
 * - no HTTP status of 500 or more, and a JSON object for a body;
 * - every GraphQL error has a string `extensions.code`, and none is INTERNAL_SERVER_ERROR
 *   (what the server says when a resolver crashed: on any input, that is a bug);
 * - for a valid operation also: never refused as unparsable or invalid (no parse or validation
 *   error, no BAD_USER_INPUT before execution), `data` when there are no errors, a mutation
 *   (or any operation with a revoked or unknown key) refused with the contract's code when its
 *   key may not write, and a subscription (HTTP serves none) refused with a code.
 *
 * The run's seed is printed first; a failing case prints `FUZZ_SEED=<seed> FUZZ_CASES=<n>`,
 * the request and the answer. Those two variables replay the run or only those cases.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { parse } from 'graphql';
import { createKey, revokeKey } from '../../src/auth/keys.js';
import { unstorableTextRefusal } from '../../src/http/text-guard.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { Role } from '../../src/shared/enums.js';
import { buildKbSchema } from '../../src/schema.js';
import type { EngineName } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { caseSeed, invalidity, Rng, type GeneratedOperation, type Pools, type RawRequest } from '../helpers/fuzz-operations.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

export const schema = buildKbSchema();

/** The run's seed: `FUZZ_SEED`, or a new one each run (printed, so any failure can be replayed). */
export const RUN_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31);
/** `FUZZ_CASES=12,345`: only these cases. */
export const ONLY = process.env.FUZZ_CASES ? new Set(process.env.FUZZ_CASES.split(',').map(Number)) : null;
/** Requests in flight at once (FUZZ_CONCURRENCY): enough to overlap requests, few enough for a 2-core machine. */
export const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);

export type Auth = 'none' | 'reader' | 'editor' | 'admin' | 'revoked' | 'unknown';

/** One request to send, rebuilt from its seed alone. */
export interface FuzzCase {
  index: number;
  seed: number;
  kind: 'valid' | 'malformed';
  auth: Auth;
  op: GeneratedOperation;
  /** Malformed cases: the raw request. Valid ones are POSTed as JSON. */
  raw?: RawRequest;
}

export interface Outcome {
  status: number;
  contentType: string;
  text: string;
  body: unknown;
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

export interface FuzzStats {
  sent: number;
  byOperation: Record<string, number>;
  statuses: Record<string, number>;
  codes: Record<string, number>;
  kinds: Record<string, number>;
  /** What the bodies held: GraphQL `errors`, `data` alone, or another JSON shape (its keys). */
  shapes: Record<string, number>;
  failures: string[];
  invalidGenerated: string[];
  generateMs: number;
  /** Time from sending to the whole answer, summed by kind of request: [count, ms]. */
  latency: Record<string, [number, number]>;
}

/** A suite's server, keys and pools, set up before its tests; `unhandled` collects process-level errors. */
export interface FuzzContext {
  kb: TestKb;
  server: TestServer;
  keys: Record<Exclude<Auth, 'none'>, string>;
  pools: Pools;
  unhandled: string[];
}

/** Real ids, quotes and cursors from the seeded database, read over the API. */
async function readPools(server: TestServer): Promise<Pools> {
  const res = await server.gql(`{
    actors(first: 100) { edges { cursor node { id relations { id } } } }
    events(first: 100) { edges { cursor node { id location { id } } } }
    issues(first: 100) { edges { cursor node { id } } }
    statements(first: 100) { edges { cursor node { id } } }
    positions(first: 100) { edges { cursor node { id } } }
    sources(first: 20) { edges { node { id evidence(first: 30) { edges { cursor node { exact } } } } } }
  }`);
  expect(res.errors).toBeUndefined();
  const ids = new Set<string>();
  const cursors = new Set<string>();
  const quotes: Pools['quotes'] = [];
  for (const list of Object.values(res.data as Record<string, { edges: { cursor?: string; node: any }[] }>)) {
    for (const edge of list.edges) {
      ids.add(edge.node.id);
      if (edge.cursor) cursors.add(edge.cursor);
      for (const r of edge.node.relations ?? []) ids.add(r.id);
      if (edge.node.location) ids.add(edge.node.location.id);
      for (const e of edge.node.evidence?.edges ?? []) {
        cursors.add(e.cursor);
        quotes.push({ source: edge.node.id, exact: e.node.exact });
      }
    }
  }
  return { ids: [...ids], quotes, cursors: [...cursors] };
}

/**
 * Opens the database and server for a suite, makes a key of every role plus a revoked and an
 * unknown one, reads the pools, and listens for unhandled rejections and uncaught exceptions
 * in this process, which runs the server too.
 */
export function useFuzzServer(label: string, engine: EngineName): FuzzContext {
  const ctx = { unhandled: [] as string[] } as FuzzContext;
  const onRejection = (reason: unknown) => ctx.unhandled.push(`unhandledRejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  const onException = (error: Error) => ctx.unhandled.push(`uncaughtException: ${error.stack ?? error.message}`);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    ctx.kb = await openTestKb(engine, { seed: true, label: label.replace(/\W+/g, '_') });
    // The server's own limits, but no rate limit: thousands of requests from one address in a
    // minute would be mostly 429s, and the fuzz is about what the API answers (the rate limit
    // has its own tests).
    ctx.server = await startTestServer(ctx.kb.engine, { playground: true, limits: { ...DEFAULT_LIMITS, rateLimitPerAddress: 0, rateLimitPerKey: 0 } });
    const revoked = await createKey(ctx.kb.engine, Role.ADMIN, 'fuzz revoked');
    await revokeKey(ctx.kb.engine, revoked.row.prefix);
    ctx.keys = {
      reader: (await createKey(ctx.kb.engine, Role.READER, 'fuzz reader')).key,
      editor: (await createKey(ctx.kb.engine, Role.EDITOR, 'fuzz editor')).key,
      admin: (await createKey(ctx.kb.engine, Role.ADMIN, 'fuzz admin')).key,
      revoked: revoked.key,
      // Well-formed, but no such key: its prefix is in no row.
      unknown: `kb_00000000_${'A'.repeat(43)}`,
    };
    ctx.pools = await readPools(ctx.server);
    console.log(`${label} on ${engine}: seed ${RUN_SEED} (replay with FUZZ_SEED=${RUN_SEED}); pools: ${ctx.pools.ids.length} ids, ${ctx.pools.quotes.length} quotes, ${ctx.pools.cursors.length} cursors`);
  });
  afterAll(async () => {
    await ctx.server?.close();
    await ctx.kb?.dispose();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  });
  return ctx;
}

/** The PRNG of case `index` of this run. */
export function caseRng(index: number): Rng {
  return new Rng(caseSeed(RUN_SEED, index));
}

export function newStats(): FuzzStats {
  return { sent: 0, byOperation: {}, statuses: {}, codes: {}, kinds: {}, shapes: {}, failures: [], invalidGenerated: [], generateMs: 0, latency: {} };
}

const bump = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);

async function send(ctx: FuzzContext, c: FuzzCase): Promise<Outcome> {
  const auth: Record<string, string> = c.auth === 'none' ? {} : { authorization: `Bearer ${ctx.keys[c.auth]}` };
  const request: Omit<RawRequest, 'mutation'> = c.raw ?? { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: c.op.query, variables: c.op.variables }) };
  const res = await fetch(`${ctx.server.url}${request.path}`, { method: request.method, headers: { ...request.headers, ...auth }, body: request.body });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body };
}

const asGraphQL = (body: unknown): GraphQLBody | null => (body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as GraphQLBody) : null);

/** Codes that say the document or request itself is wrong: never right for a valid operation. */
const INVALID_REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/** The code a refused key or role must get, by who sent a mutation. */
const MUTATION_REFUSAL: Partial<Record<Auth, string>> = { none: 'UNAUTHENTICATED', revoked: 'UNAUTHENTICATED', unknown: 'UNAUTHENTICATED', reader: 'FORBIDDEN' };

/** What is wrong with an answer; an empty list when nothing is. */
export function problems(c: FuzzCase, o: Outcome): string[] {
  const found: string[] = [];
  if (o.status >= 500) found.push(`HTTP ${o.status}`);
  const body = asGraphQL(o.body);
  if (!body || !/json/.test(o.contentType)) {
    found.push(`not a JSON object (content-type "${o.contentType}")`);
    return found;
  }
  const errors = body.errors;
  if (errors !== undefined && !Array.isArray(errors)) found.push('errors is not a list');
  const codes = Array.isArray(errors) ? errors.map((e) => e?.extensions?.code) : [];
  if (codes.some((code) => typeof code !== 'string')) found.push('an error without a string extensions.code');
  if (codes.includes('INTERNAL_SERVER_ERROR')) found.push('INTERNAL_SERVER_ERROR');
  if (c.kind === 'malformed') {
    // Damage can leave a valid operation (an answer with data is then fine); a body from
    // fastify itself (a route it does not know) is `{ statusCode, code?, message }`.
    const plain = body as { code?: unknown; statusCode?: unknown };
    if (errors === undefined && body.data === undefined && !(typeof plain.code === 'string' || Number(plain.statusCode) < 500)) found.push('neither GraphQL errors, data nor a code');
    return found;
  }
  if (codes.some((code) => INVALID_REQUEST_CODES.has(code as string))) found.push(`a valid operation refused as invalid (${codes.join(', ')})`);
  // A bad argument found by a resolver has a path; without one it was found before execution
  // (validation or variable coercion, which the server reports as BAD_USER_INPUT too): the
  // operation was not valid after all.
  // The one refusal before execution a valid operation may get: text no engine stores as given
  // (src/http/text-guard.ts), which the generator puts in some strings.
  const unstorable = unstorableTextRefusal(parse(c.op.query), c.op.variables) !== null;
  const refusedText = (e: { message?: unknown }) => unstorable && String(e.message).startsWith('Text may not contain the NUL character');
  if (errors?.some((e) => e?.extensions?.code === 'BAD_USER_INPUT' && !Array.isArray((e as { path?: unknown }).path) && !refusedText(e))) found.push('a valid operation refused before execution (BAD_USER_INPUT without a path)');
  if (!errors || errors.length === 0) {
    if (o.status !== 200) found.push(`HTTP ${o.status} without errors`);
    if (body.data === null || typeof body.data !== 'object') found.push('no errors and no data');
  }
  if (c.op.operationType === 'subscription' && codes.length === 0) found.push('a subscription over HTTP was not refused');
  if (c.op.operationType === 'mutation' && !codes.includes('LIMIT_EXCEEDED')) {
    const expected = MUTATION_REFUSAL[c.auth];
    if (expected && !codes.includes(expected)) found.push(`a mutation with auth "${c.auth}" was not refused with ${expected}`);
  }
  if ((c.auth === 'revoked' || c.auth === 'unknown') && !codes.includes('UNAUTHENTICATED')) found.push(`a request with a ${c.auth} key was not refused with UNAUTHENTICATED`);
  return found;
}

/** The whole request and answer, for a failure message. */
function describeFailure(c: FuzzCase, o: Outcome | null, found: string[], error?: unknown): string {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);
  const sent = c.raw
    ? `${c.raw.method} ${cut(c.raw.path, 300)} ${cut(JSON.stringify(c.raw.headers), 300)} [${c.raw.mutation}] body: ${cut(c.raw.body ?? '', 1500)}`
    : `POST /graphql (auth: ${c.auth}) ${cut(JSON.stringify({ query: c.op.query, variables: c.op.variables }), 2000)}`;
  const got = o ? `HTTP ${o.status} ${o.contentType}: ${cut(o.text, 1000)}` : `no answer: ${String(error)}`;
  return `FUZZ_SEED=${RUN_SEED} FUZZ_CASES=${c.index} (case seed ${c.seed}, ${c.kind}): ${found.join('; ')}\n  sent: ${sent}\n  got:  ${got}`;
}

/** A malformed request's kind, with its numbers and quoted parts left out, for the counts. */
const kindOf = (raw: RawRequest) =>
  raw.mutation
    .replace(/"[^"]*"/g, '…')
    .replace(/ at \d+/g, '')
    .replace(/variable \w+(\.\w+)?/g, 'variable')
    .replace(/\d+/g, 'N')
    .split(',')[0]!;

/** One valid case in this many is checked against graphql-js before it is sent. */
const CHECK_EVERY = 5;

/**
 * Builds and sends the cases `indices`, CONCURRENCY at a time, and judges every answer. Every
 * fifth valid case is first checked against graphql-js itself (parse, validate, coerce its
 * variables), the generator's promise kept honest; checking all of them would cost a tenth of
 * the run, and the judge catches a valid case the server refuses before execution anyway.
 */
export async function runCases(ctx: FuzzContext, stats: FuzzStats, indices: number[], build: (index: number) => FuzzCase): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < indices.length) {
      const started = performance.now();
      const c = build(indices[next++]!);
      if (c.kind === 'valid' && c.index % CHECK_EVERY === 0) {
        const why = invalidity(schema, c.op);
        if (why) stats.invalidGenerated.push(`FUZZ_SEED=${RUN_SEED} FUZZ_CASES=${c.index}: ${why}\n  ${c.op.query}`);
      }
      stats.generateMs += performance.now() - started;
      stats.sent += 1;
      bump(stats.byOperation, `${c.op.operationType} auth=${c.auth}`);
      if (c.raw) bump(stats.kinds, kindOf(c.raw));
      let outcome: Outcome;
      const sentAt = performance.now();
      try {
        outcome = await send(ctx, c);
      } catch (error) {
        stats.failures.push(describeFailure(c, null, ['the request failed'], error));
        continue;
      }
      const latency = (stats.latency[c.raw ? kindOf(c.raw) : `${c.op.operationType} ${c.op.rootFields[0]}`] ??= [0, 0]);
      latency[0] += 1;
      latency[1] += performance.now() - sentAt;
      bump(stats.statuses, String(outcome.status));
      const body = asGraphQL(outcome.body);
      bump(stats.shapes, !body ? 'not JSON' : body.errors ? 'errors' : body.data !== undefined ? 'data' : `{${Object.keys(body).sort().join(',')}} (HTTP ${outcome.status})`);
      for (const e of asGraphQL(outcome.body)?.errors ?? []) bump(stats.codes, String(e?.extensions?.code));
      const found = problems(c, outcome);
      if (found.length > 0) stats.failures.push(describeFailure(c, outcome, found));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Indices `from`..`to` (exclusive), or only those of them FUZZ_CASES names. */
export const caseRange = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i).filter((i) => ONLY === null || ONLY.has(i));

const sorted = (m: Record<string, number>) => JSON.stringify(Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b))));

/** Prints the counts (for the lead to quote) and the first failures with their seeds. */
export function printReport(label: string, stats: FuzzStats, ms: number, extra: string[] = []): void {
  console.log(
    [
      `${label}: seed ${RUN_SEED}; ${stats.sent} requests in ${(ms / 1000).toFixed(1)} s (${Math.round((stats.sent * 1000) / ms)} req/s, ${CONCURRENCY} in flight; building and checking the cases took ${(stats.generateMs / 1000).toFixed(1)} s of it)`,
      ...extra,
      `operations: ${sorted(stats.byOperation)}`,
      `statuses: ${sorted(stats.statuses)}`,
      `codes: ${sorted(stats.codes)}`,
      `bodies: ${sorted(stats.shapes)}`,
      ...(Object.keys(stats.kinds).length > 0 ? [`kinds: ${sorted(stats.kinds)}`] : []),
      `slowest (mean ms, with ${CONCURRENCY} in flight): ${Object.entries(stats.latency)
        .map(([kind, [n, total]]) => [kind, total / n] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.FUZZ_SLOWEST ?? 8))
        .map(([kind, mean]) => `${kind} ${mean.toFixed(0)}`)
        .join(', ')}`,
    ].join('\n'),
  );
  for (const [what, list] of [
    ['generated "valid" operations graphql-js refuses', stats.invalidGenerated],
    ['failing cases', stats.failures],
  ] as const) {
    if (list.length > 0) console.error(`${label}: ${list.length} ${what}; the first ones:\n${list.slice(0, 15).join('\n')}`);
  }
}

/** The assertions every fuzz suite ends with. */
export function expectClean(ctx: FuzzContext, stats: FuzzStats): void {
  expect(stats.invalidGenerated.slice(0, 5)).toEqual([]);
  expect(stats.failures.slice(0, 5)).toEqual([]);
  expect(ctx.unhandled).toEqual([]);
}
