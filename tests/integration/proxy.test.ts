/**
 * A real proxy in front (issue 17, "A real proxy in front"): HAProxy running the shipped
 * `deploy/haproxy.cfg` (tests/helpers/haproxy.ts puts the test's ports in it) before real
 * server processes on one PostgreSQL database. Through it: reads and writes, spread over three
 * servers; a graphql-ws subscription that hears a write; the per-address rate limit counting
 * the client's own address (TRUST_PROXY) and not one the client forged; and a server stopped
 * with SIGTERM while a steady stream of requests goes through, drained without one failed
 * request. First, without a proxy, what draining means for one server: `/health` answers 503
 * and everything else is served until its checker has been told so DRAIN_HEALTH_CHECKS times.
 *
 * Nothing sleeps to let something happen: each step waits for the event itself (a log line of
 * the server or of HAProxy, an answer, an exit) with a generous deadline.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { postgresAvailable } from '../helpers/engines.js';
import { postGraphQL } from '../helpers/gql.js';
import { startHaproxy, type Haproxy } from '../helpers/haproxy.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startProcessServer, type LogLine, type ProcessServer } from '../helpers/process-server.js';

const SEED = 'source:us-iran-second-round-talks';
const CREATE_ISSUE = 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } revision { number } userErrors { code message } } }';
const issueInput = (name: string) => ({ name, description: 'Written through the proxy', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] });
const READ = '{ actor(id: "actor:iran") { name statements(first: 3) { totalCount } } }';

/** What every server behind the proxy runs with (docs/several-servers.md): the shipped config falls after 2 checks, so 3. */
const BEHIND_PROXY = { DRAIN_HEALTH_CHECKS: '3', TRUST_PROXY: '127.0.0.1', KEEP_ALIVE_TIMEOUT_MS: '60000' };

const startsWith = (prefix: string) => (line: LogLine) => typeof line.msg === 'string' && line.msg.startsWith(prefix);
/** The requests to /graphql a server has logged so far. */
const graphqlRequests = (server: ProcessServer) => server.logs().filter((l) => l.msg === 'incoming request' && (l.req as { url?: string } | undefined)?.url === '/graphql');

/** Whether a new TCP connection to `port` is accepted, or the error code refusing it. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve('connected')));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('Draining one server: /health fails first, the server stops listening only once its checker was told so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-drain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers /health 503 and every other request as usual (closing each connection) until the checker has seen 503 twice, then exits 0', async () => {
    // startProcessServer's own /health check at start makes 127.0.0.1 a checker of this server.
    const server = await startProcessServer({ databaseUrl: join(dir, 'kb.sqlite'), env: { DRAIN_HEALTH_CHECKS: '2' } });
    try {
      const before = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: READ }) });
      expect(before.headers.get('connection')).toBe('keep-alive');
      await before.arrayBuffer();
      process.kill(server.pid, 'SIGTERM');
      await server.waitForLog(startsWith('SIGTERM: /health answers 503; serving until 1 health checker(s) have each been told so 2 times'));

      const first = await fetch(`${server.url}/health`);
      expect(first.status).toBe(503);
      expect(await first.json()).toEqual({ status: 'draining', error: { code: 'SERVICE_UNAVAILABLE', message: 'This server is shutting down' } });
      // Still serving, on new connections, each answer closing its own.
      expect(await probe(server.port)).toBe('connected');
      const during = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: READ }) });
      expect(during.status).toBe(200);
      expect(during.headers.get('connection')).toBe('close');
      expect(((await during.json()) as { data: { actor: { name: string } } }).data.actor.name).toBe('Iran');
      expect(server.logs().some(startsWith('SIGTERM: no new connections'))).toBe(false);

      expect((await fetch(`${server.url}/health`)).status).toBe(503);
      await server.waitForLog(startsWith('SIGTERM: no new connections, draining requests in flight'));
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(await probe(server.port)).toBe('ECONNREFUSED');
    } finally {
      await server.terminate('SIGKILL');
    }
  });
});

describe.runIf(postgresAvailable())('Through HAProxy, in front of real servers on one PostgreSQL', () => {
  let kb: TestKb;
  let editor: string;
  /** Three servers behind `proxy`: reads, writes, and the drain. */
  let servers: ProcessServer[] = [];
  let proxy: Haproxy;
  /** One server behind `single`: the subscription (writer and subscriber meet on it) and the address limit. */
  let lone: ProcessServer;
  let single: Haproxy;

  beforeAll(async () => {
    kb = await openTestKb('postgres', { seed: true, label: 'proxy' });
    editor = (await createKey(kb.engine, Role.EDITOR, 'proxy desk')).key;
    servers = await Promise.all([1, 2, 3].map(() => startProcessServer({ databaseUrl: kb.url, env: BEHIND_PROXY })));
    proxy = await startHaproxy(servers.map((s, i) => ({ name: `kb${i + 1}`, port: s.port })));
    lone = await startProcessServer({ databaseUrl: kb.url, env: { ...BEHIND_PROXY, RATE_LIMIT_PER_ADDRESS: '3' } });
    single = await startHaproxy([{ name: 'kb1', port: lone.port }]);
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    await single?.stop();
    await Promise.all([...servers, lone].filter(Boolean).map((s) => s.terminate('SIGKILL')));
    await kb?.dispose();
  });

  it('answers reads and writes through the proxy, spread over the three servers; a write is read back through it at once', async () => {
    const counts = () => servers.map((s) => graphqlRequests(s).length);
    const before = counts();
    for (let i = 0; i < 30; i++) {
      const res = await postGraphQL(proxy.url, READ);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data.actor.name).toBe('Iran');
    }
    const served = counts().map((n, i) => n - before[i]!);
    expect(served.every((n) => n > 0), `requests per server: ${served}`).toBe(true);

    const written = await postGraphQL(proxy.url, CREATE_ISSUE, { input: issueInput('Proxy written issue') }, editor);
    expect(written.data.createIssue.userErrors).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const read = await postGraphQL(proxy.url, '{ node(id: "issue:proxy-written-issue") { id } }');
      expect(read.data).toEqual({ node: { id: 'issue:proxy-written-issue' } });
    }
  });

  it('carries a graphql-ws subscription: revisionAdded through the proxy hears a write made through the proxy', async () => {
    const client = createClient({ url: `${single.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const heard: number[] = [];
    let notify: () => void = () => {};
    let unsubscribe = () => {};
    const failed = new Promise<never>((_, reject) => {
      unsubscribe = client.subscribe<{ revisionAdded: { number: number } }>(
        { query: 'subscription { revisionAdded { number } }' },
        { next: (value) => (heard.push(value.data!.revisionAdded.number), notify()), error: reject, complete: () => reject(new Error('the subscription completed')) },
      );
    });
    failed.catch(() => {});
    const written: number[] = [];
    try {
      // The subscription starts on the server some time after the socket opens, and nothing
      // tells the client when: write until one is heard, then every later write must be heard.
      for (let i = 0; heard.length === 0; i++) {
        if (i === 30) throw new Error(`30 writes through the proxy and no event heard (written: ${written})`);
        const heardOne = new Promise<void>((resolve) => (notify = resolve));
        const res = await postGraphQL(single.url, CREATE_ISSUE, { input: issueInput(`Heard through the proxy ${i}`) }, editor);
        expect(res.data.createIssue.userErrors).toEqual([]);
        written.push(res.data.createIssue.revision.number);
        await Promise.race([heardOne, failed, new Promise((r) => setTimeout(r, 1_000))]);
      }
      for (let i = 0; i < 3; i++) {
        const heardOne = new Promise<void>((resolve) => (notify = resolve));
        const res = await postGraphQL(single.url, CREATE_ISSUE, { input: issueInput(`Heard after the first ${i}`) }, editor);
        expect(res.data.createIssue.userErrors).toEqual([]);
        written.push(res.data.createIssue.revision.number);
        await Promise.race([heardOne, failed]);
      }
    } finally {
      unsubscribe();
      await client.dispose();
    }
    const from = written.indexOf(heard[0]!);
    expect(from, `heard ${heard}, written ${written}`).toBeGreaterThanOrEqual(0);
    expect(heard).toEqual(written.slice(from));
  }, 120_000);

  it('counts the per-address limit by the client address the proxy forwards, not by the proxy, nor by an address the client forged', async () => {
    /** A request through `single` from a local address of the client's choosing, with an optional forged X-Forwarded-For. */
    const from = (localAddress: string, forged?: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ query: '{ __typename }' });
        const req = httpRequest(
          { host: '127.0.0.1', port: single.port, path: '/graphql', method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(forged ? { 'x-forwarded-for': forged } : {}) } },
          (res) => (res.resume(), res.on('end', () => resolve(res.statusCode!))),
        );
        req.on('error', reject);
        req.end(body);
      });
    const first: number[] = [];
    for (let i = 0; i < 3; i++) first.push(await from('127.0.0.2'));
    expect(first).toEqual([200, 200, 200]);
    expect(await from('127.0.0.2')).toBe(429);
    // A forged header does not buy a new budget: the proxy replaces it with the real address.
    expect(await from('127.0.0.2', '198.51.100.7')).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect(await from('127.0.0.3')).toBe(200);
    // The answer can come back before the server's log line of it has been read from its pipe.
    const addressOf = (l: LogLine) => (l.req as { remoteAddress?: string } | undefined)?.remoteAddress;
    await lone.waitForLog((l) => l.msg === 'incoming request' && addressOf(l) === '127.0.0.3', 30_000);
    const seen = graphqlRequests(lone).map(addressOf);
    expect(seen).toContain('127.0.0.2');
    expect(seen).toContain('127.0.0.3');
    expect(seen).not.toContain('198.51.100.7');
  });

  it('drains a server stopped with SIGTERM under a steady stream of reads and writes: every request answered 200 with data', async () => {
    const victim = servers[1]!;
    const failures: unknown[] = [];
    let answered = 0;
    let stop = false;
    let written = 0;
    const reader = async () => {
      while (!stop) {
        try {
          const res = await postGraphQL(proxy.url, READ);
          if (res.status !== 200 || res.errors || res.data?.actor?.name !== 'Iran') failures.push(res);
        } catch (error) {
          failures.push(String(error));
        }
        answered++;
      }
    };
    const writer = async () => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await postGraphQL(proxy.url, CREATE_ISSUE, { input: issueInput(`Drain stream ${i}`) }, editor);
          if (res.status !== 200 || res.errors || res.data?.createIssue?.userErrors?.length !== 0) failures.push(res);
          else written++;
        } catch (error) {
          failures.push(String(error));
        }
        answered++;
      }
    };
    const until = async (condition: () => boolean, what: string) => {
      for (const started = Date.now(); !condition(); ) {
        if (Date.now() - started > 60_000) throw new Error(`not within 60 s: ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const stream = Promise.all([reader(), reader(), reader(), reader(), reader(), writer()]);
    try {
      await until(() => answered >= 30 && graphqlRequests(victim).length > 0, 'the stream reaching every server');
      const exit = victim.terminate('SIGTERM', 60_000);
      await victim.waitForLog(startsWith('SIGTERM: /health answers 503'));
      await proxy.waitForLog(/Server kb_servers\/kb2 is DOWN/);
      expect(await exit).toEqual({ code: 0, signal: null });
      const afterExit = answered;
      await until(() => answered >= afterExit + 30, 'thirty more answers after the server exited');
    } finally {
      stop = true;
      await stream;
    }
    expect(failures).toEqual([]);
    expect(written).toBeGreaterThan(0);
    // The stopped server answered requests while it drained, and logged a clean shutdown.
    const signalled = victim.logs().findIndex(startsWith('SIGTERM: /health answers 503'));
    const servedWhileDraining = victim.logs().slice(signalled).filter((l) => l.msg === 'incoming request' && (l.req as { url?: string }).url === '/graphql').length;
    expect(servedWhileDraining, 'requests the stopped server answered while draining').toBeGreaterThan(0);
    expect(victim.logs().some(startsWith('shut down: requests drained'))).toBe(true);
  }, 180_000);
});
