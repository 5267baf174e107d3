/**
 * Every limit of the README's "Limits and security", over real HTTP on a real SQLite file:
 * one request just under the limit passes, one just over it gets the documented error (code,
 * status), and a refused write leaves every table as it was. The limits that reach the store
 * (every example operation, the cost and rate limits with their writes refused) run on
 * PostgreSQL too; the HTTP limits and production errors never reach it, and stay on SQLite.
 */
import { connect } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { DEFAULT_LIMITS, loadConfig, logOptions, type Limits } from '../../src/config.js';
import { charsetRefusal } from '../../src/http/http-guards.js';
import { Role } from '../../src/shared/enums.js';
import { projectRoot } from '../../src/shared/paths.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startTestServer, TEST_LIMITS, type TestServer } from '../helpers/http.js';
import { snapshotKb } from '../helpers/snapshot.js';

const EXAMPLES = join(projectRoot(), 'schema', 'examples');
const SEED = 'source:us-iran-second-round-talks';

/** A query whose deepest field is at exactly `depth` levels (graphql-armor counts the root field as 1). */
function queryOfDepth(depth: number): string {
  // statement → speaker → statements → edges → node → speaker → …, ending in a leaf.
  const cycle = ['speaker', 'statements(first: 1)', 'edges', 'node'];
  let open = 'statement(id: "statement:iran-denies-messages")';
  let closes = 0;
  for (let level = 2; level < depth; level++) {
    open += ` { ${cycle[(level - 2) % cycle.length]}`;
    closes++;
  }
  return `{ ${open} { id }${' }'.repeat(closes)} }`;
}

/** `n` aliases of one field (graphql-armor does not count aliases of `__typename`). */
function queryWithAliases(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: actor(id: "actor:iran") { id }`).join(' ')} }`;
}

/**
 * A document of exactly `n` tokens: 16 around a list of n − 16 kinds. (Many repeated fields
 * would not do: graphql-js's own overlapping-fields check gives up on them first.)
 */
function queryOfTokens(n: number): string {
  return `{ statements(filter: { kinds: [${Array.from({ length: n - 16 }, () => 'CLAIM').join(' ')}] }) { totalCount } }`;
}

/** `n` fields, each with one directive. */
function queryWithDirectives(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `f${i}: __typename @include(if: true)`).join(' ')} }`;
}

/** A root connection of `first` actors, each with one scalar: cost 1 + first × 3 (edges 1, node 1, id 1). */
function queryOfCost(cost: number): string {
  const first = (cost - 1) / 3;
  if (!Number.isInteger(first)) throw new Error(`no actors page costs exactly ${cost}`);
  return `{ actors(first: ${first}) { edges { node { id } } } }`;
}

async function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

function expectLimit(response: { status: number; body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } }, limit: string, max: number) {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit, max });
}

describe.each(testEngines())('Limits that reach the store on $engine', ({ engine }) => {
  describe('operation limits at their defaults', () => {
    let kb: TestKb;
    let server: TestServer;
    beforeAll(async () => {
      kb = await openTestKb(engine, { seed: true, label: 'limits' });
      server = await startTestServer(kb.engine);
    });
    afterAll(async () => {
      await server.close();
      await kb?.dispose();
    });

    it('let every example operation and the playground introspection through', async () => {
      const names = readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql'));
      expect(names.length).toBeGreaterThan(10);
      for (const name of names) {
        const variablesFile = join(EXAMPLES, name.replace(/\.graphql$/, '.variables.json'));
        const variables = existsSync(variablesFile) ? JSON.parse(readFileSync(variablesFile, 'utf8')) : undefined;
        const res = await server.gql(readFileSync(join(EXAMPLES, name), 'utf8'), variables);
        expect({ name, status: res.status, errors: res.errors }).toEqual({ name, status: 200, errors: undefined });
      }
      const introspection = await server.gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true }));
      expect(introspection.errors).toBeUndefined();
      expect(introspection.data.__schema.types.length).toBeGreaterThan(50);
    });

    it('depth: the limit passes, one more level is refused', async () => {
      const under = await post(server.url, JSON.stringify({ query: queryOfDepth(DEFAULT_LIMITS.maxDepth) }));
      expect(under.status).toBe(200);
      expect(under.body.errors).toBeUndefined();
      const over = await post(server.url, JSON.stringify({ query: queryOfDepth(DEFAULT_LIMITS.maxDepth + 1) }));
      expectLimit(over, 'depth', DEFAULT_LIMITS.maxDepth);
      expect(over.body.errors?.[0]?.extensions?.found).toBe(DEFAULT_LIMITS.maxDepth + 1);
    });

    it('aliases: the limit passes, one more is refused', async () => {
      expect((await post(server.url, JSON.stringify({ query: queryWithAliases(DEFAULT_LIMITS.maxAliases) }))).body.errors).toBeUndefined();
      const over = await post(server.url, JSON.stringify({ query: queryWithAliases(DEFAULT_LIMITS.maxAliases + 1) }));
      expectLimit(over, 'aliases', DEFAULT_LIMITS.maxAliases);
      expect(over.body.errors?.[0]?.extensions?.found).toBe(DEFAULT_LIMITS.maxAliases + 1);
    });

    it('tokens: the limit passes, one more is refused while parsing', async () => {
      expect((await post(server.url, JSON.stringify({ query: queryOfTokens(DEFAULT_LIMITS.maxTokens) }))).body.errors).toBeUndefined();
      expectLimit(await post(server.url, JSON.stringify({ query: queryOfTokens(DEFAULT_LIMITS.maxTokens + 1) })), 'tokens', DEFAULT_LIMITS.maxTokens);
    });

    it('directives: the limit passes, one more is refused', async () => {
      expect((await post(server.url, JSON.stringify({ query: queryWithDirectives(DEFAULT_LIMITS.maxDirectives) }))).body.errors).toBeUndefined();
      expectLimit(await post(server.url, JSON.stringify({ query: queryWithDirectives(DEFAULT_LIMITS.maxDirectives + 1) })), 'directives', DEFAULT_LIMITS.maxDirectives);
    });

    it('cost multiplies first through nested connections, given inline or as a variable', async () => {
      // 100 actors × 100 statements each is a million-cell answer: refused before any read.
      const nested = await post(server.url, JSON.stringify({ query: '{ actors(first: 100) { edges { node { statements(first: 100) { edges { node { id summary } } } } } } }' }));
      expectLimit(nested, 'cost', DEFAULT_LIMITS.maxCost);
      expect(nested.body.errors?.[0]?.extensions?.found).toBe(1 + 100 * (1 + 1 + (1 + 100 * (1 + 1 + 2))));
      // The same shape with first as a variable is priced the same.
      const viaVariable = await post(server.url, JSON.stringify({ query: 'query($n: Int) { actors(first: $n) { edges { node { statements(first: $n) { edges { node { id summary } } } } } } }', variables: { n: 100 } }));
      expect(viaVariable.body.errors?.[0]?.extensions?.found).toBe(nested.body.errors?.[0]?.extensions?.found);
    });
  });

  describe('the cost limit, configured', () => {
    let kb: TestKb;
    let server: TestServer;
    let editor: string;
    beforeAll(async () => {
      kb = await openTestKb(engine, { seed: true, label: 'limits' });
      editor = (await createKey(kb.engine, Role.EDITOR, 'limits')).key;
      server = await startTestServer(kb.engine, { playground: true, limits: { ...TEST_LIMITS, maxCost: 301 } });
    });
    afterAll(async () => {
      await server.close();
      await kb?.dispose();
    });

    it('passes an operation costing exactly the maximum and refuses one costing one more step', async () => {
      const at = await post(server.url, JSON.stringify({ query: queryOfCost(301) }));
      expect(at.status).toBe(200);
      expect(at.body.errors).toBeUndefined();
      const over = await post(server.url, JSON.stringify({ query: queryOfCost(304) }));
      expectLimit(over, 'cost', 301);
      expect(over.body.errors?.[0]?.extensions?.found).toBe(304);
      expect(over.body.errors?.[0]?.message).toMatch(/MAX_COST/);
    });

    it('prices each question: two blockingIssues (120 each) pass, a third is refused', async () => {
      const questions = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `q${i}: blockingIssues(parties: ["actor:iran", "actor:united-states"]) { severity }`).join(' ')} }`;
      const two = await post(server.url, JSON.stringify({ query: questions(2) }));
      expect(two.status).toBe(200);
      expect(two.body.errors).toBeUndefined();
      const three = await post(server.url, JSON.stringify({ query: questions(3) }));
      expectLimit(three, 'cost', 301);
      expect(three.body.errors?.[0]?.extensions?.found).toBe(3 * (100 + 20 * 1));
    });

    it('refuses a costly write before it runs, writing nothing', async () => {
      const before = await snapshotKb(kb);
      const write = `mutation { ${Array.from({ length: 2 }, (_, i) => `w${i}: createIssue(input: { name: "Costly ${i}", description: "d", evidence: [{ source: "${SEED}", exact: "The ongoing conflict in Ukraine" }] }) { issue { id statements(first: 100) { edges { node { id } } } } }`).join(' ')} }`;
      const res = await post(server.url, JSON.stringify({ query: write }), { 'content-type': 'application/json', authorization: `Bearer ${editor}` });
      expectLimit(res, 'cost', 301);
      expect(await snapshotKb(kb)).toBe(before);
    });
  });
});

describe('HTTP limits', () => {
  let kb: TestKb;
  let server: TestServer;
  beforeAll(async () => {
    kb = await openTestKb('sqlite', { seed: true, label: 'limits' });
    server = await startTestServer(kb.engine, { playground: true, limits: { ...TEST_LIMITS, bodyLimit: 64 * 1024, requestTimeoutMs: 400, keepAliveTimeoutMs: 500 } });
  });
  afterAll(async () => {
    await server.close();
    await kb?.dispose();
  });

  /** A JSON body of exactly `bytes` bytes: `{ __typename }` with an unused padding variable. */
  function bodyOf(bytes: number): string {
    const empty = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - empty.length) } });
  }

  it('body size: the limit passes, one byte more is 413 with a code', async () => {
    const at = await post(server.url, bodyOf(64 * 1024));
    expect(at.status).toBe(200);
    const over = await post(server.url, bodyOf(64 * 1024 + 1));
    expect(over.status).toBe(413);
    expect(over.body.errors?.[0]?.extensions?.code).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
  });

  it('charset: UTF-8 passes, any other declared charset is 415', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    for (const type of ['application/json; charset=utf-8', 'application/json; charset="UTF-8"', 'application/json']) {
      expect((await post(server.url, query, { 'content-type': type })).status).toBe(200);
    }
    for (const type of ['application/json; charset=latin1', 'application/json; charset="iso-8859-1"', 'application/graphql-response+json; charset=utf-16']) {
      const res = await post(server.url, query, { 'content-type': type });
      expect(res.status).toBe(415);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('request timeout: a body that never finishes is answered 408 and the connection closed', async () => {
    const address = new URL(server.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(address.port), address.hostname, () => {
        socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Checked about every 400 ms: far sooner than Node's default 30 s check.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keep-alive: a connection idle for less than the timeout is reused, one idle for longer is closed', async () => {
    const address = new URL(server.url);
    const request = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 26\r\n\r\n{"query":"{ __typename }"}`;
    const socket = connect(Number(address.port), address.hostname);
    const answers: string[] = [];
    let closedAt = 0;
    socket.on('data', (chunk) => answers.push(chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => ((closedAt = Date.now()), resolve())));
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // 200 ms idle, under the 500 ms limit: the same connection answers again.
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lastAnswer = Date.now();
    expect(answers.join('').match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    // Left idle, the server closes it after the timeout (well before the 5 s default).
    await closed;
    expect(closedAt - lastAnswer).toBeGreaterThanOrEqual(300);
    expect(closedAt - lastAnswer).toBeLessThan(3_000);
  });

  it('a complete request within the timeout is answered', async () => {
    expect((await post(server.url, JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
  });
});

describe.each(testEngines())('Rate limits on $engine', ({ engine }) => {
  describe('rate limits', () => {
    let kb: TestKb;
    let server: TestServer;
    let editor: string;
    const limits: Limits = { ...DEFAULT_LIMITS, rateLimitPerAddress: 4, rateLimitPerKey: 6 };
    beforeAll(async () => {
      kb = await openTestKb(engine, { seed: true, label: 'limits' });
      editor = (await createKey(kb.engine, Role.EDITOR, 'rate')).key;
      server = await startTestServer(kb.engine, { playground: true, limits });
    });
    afterAll(async () => {
      await server.close();
      await kb?.dispose();
    });
    const ask = (headers: Record<string, string> = {}) => post(server.url, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', ...headers });

    it('per address: the limit passes, the next request is 429 with Retry-After; a refused key spends the same budget', async () => {
      for (let i = 0; i < limits.rateLimitPerAddress - 1; i++) expect((await ask()).status).toBe(200);
      // An invented key is refused (401) and counts against the address, so it buys nothing.
      expect((await ask({ authorization: 'Bearer kb_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' })).status).toBe(401);
      const over = await ask();
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      // /health stays answerable for probes.
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    });

    it('per key: a live key has its own budget; past it a write is refused and writes nothing', async () => {
      const auth = { authorization: `Bearer ${editor}` };
      for (let i = 0; i < limits.rateLimitPerKey; i++) expect((await ask(auth)).status).toBe(200);
      const before = await snapshotKb(kb);
      const write = `mutation { createIssue(input: { name: "Limited", description: "d", evidence: [{ source: "${SEED}", exact: "The ongoing conflict in Ukraine" }] }) { issue { id } } }`;
      const refused = await post(server.url, JSON.stringify({ query: write }), { 'content-type': 'application/json', ...auth });
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(await snapshotKb(kb)).toBe(before);
    });
  });
});

describe('production errors', () => {
  let kb: TestKb;
  let server: TestServer;
  beforeAll(async () => {
    kb = await openTestKb('sqlite', { seed: true, label: 'limits' });
    server = await startTestServer(kb.engine, { playground: false });
  });
  afterAll(async () => {
    await server.close();
    await kb?.dispose();
  });

  it('with introspection off, a misspelt field gets no "Did you mean" and no stack trace', async () => {
    const res = await server.gql('{ actrs { totalCount } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|actors|stacktrace/i);
  });
});

describe('limit settings', () => {
  it('read every limit from its variable and refuse a value that is not a whole number', () => {
    const config = loadConfig({ MAX_DEPTH: '7', MAX_COST: '500', RATE_LIMIT_PER_ADDRESS: '0', CORS_ORIGINS: 'https://a.example, http://localhost:3000' });
    expect(config.limits).toMatchObject({ maxDepth: 7, maxCost: 500, rateLimitPerAddress: 0, maxAliases: DEFAULT_LIMITS.maxAliases });
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://localhost:3000']);
    expect(() => loadConfig({ MAX_DEPTH: 'ten' })).toThrow(/MAX_DEPTH must be a whole number from 1, got "ten"/);
    expect(() => loadConfig({ MAX_ALIASES: '0' })).toThrow(/MAX_ALIASES must be a whole number from 1/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(/not an origin/);
  });

  it('listen on this machine only unless HOST says otherwise, and default to the documented limits', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    expect(loadConfig({}).corsOrigins).toBe('*');
  });

  it('log JSON lines in production, and readable lines only on a terminal in development', () => {
    expect(logOptions({ production: true }, { LOG_LEVEL: 'warn' }, true)).toEqual({ level: 'warn' });
    expect(logOptions({ production: false }, {}, false)).toEqual({ level: 'info' });
    expect(logOptions({ production: false }, {}, true).transport?.target).toBe('pino-pretty');
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({}).production).toBe(false);
  });

  it('find the charset of a Content-Type the way the 415 check reads it', () => {
    expect(charsetRefusal(undefined)).toBeNull();
    expect(charsetRefusal('application/json;charset=UTF8')).toBeNull();
    expect(charsetRefusal('application/json; charset=latin1')?.errors[0].extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', charset: 'latin1' });
  });
});
