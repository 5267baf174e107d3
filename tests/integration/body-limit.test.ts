/**
 * A body over the limit is answered, not cut (issue 17, item 5): Node's own fetch, still
 * sending, reads the 413 with its coded body, whether the body declares its length or comes
 * chunked; nothing is written and the server keeps serving. Before, fastify's
 * `Connection: close` made Node close the socket while the client was still sending, and fetch
 * failed with `EPIPE`. Shown on the in-process server, on the built server process (where the
 * reset showed reliably), and with raw sockets for what fetch hides: the connection kept after
 * a drained body, and the drain cap and the request timeout that bound what is read.
 *
 * HTTP limits never reach the store, so this runs on SQLite only (as limits.test.ts's do).
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { DRAIN_FACTOR, unreadBodyPlan } from '../../src/http/http-guards.js';
import { Role } from '../../src/shared/enums.js';
import { startTestServer, TEST_LIMITS, type TestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startProcessServer, type ProcessServer } from '../helpers/process-server.js';
import { snapshotKb } from '../helpers/snapshot.js';

const SEED = 'source:us-iran-second-round-talks';
const CREATE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } userErrors { code } } }`;
/** The size a new user tried: 8 MB, twice the default limit of 4 MiB and within its drain cap. */
const EIGHT_MB = 8 * 1024 * 1024;

/** A write whose body is `bytes` long (at least its shortest form): a new issue with its description padded. */
function writeOf(bytes: number, name: string): string {
  const body = (description: string) =>
    JSON.stringify({ query: CREATE, variables: { input: { name, description, evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] } } });
  return body('d'.repeat(Math.max(1, bytes - body('').length)));
}

/** POSTs `body` with Node's fetch; with `chunked`, as a stream of 64 KiB pieces without a Content-Length. */
async function postWithFetch(url: string, body: string, key: string, chunked = false) {
  const bytes = Buffer.from(body);
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } };
  if (chunked) {
    init.body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
    init.duplex = 'half';
  } else {
    init.body = bytes;
  }
  const res = await fetch(`${url}/graphql`, init);
  return { status: res.status, connection: res.headers.get('connection'), body: (await res.json()) as { errors?: { extensions?: { code?: string } }[]; data?: unknown } };
}

/** The refusal every oversized body gets: 413 and the code limits.test.ts checks too. */
function expectTooLarge(res: Awaited<ReturnType<typeof postWithFetch>>) {
  expect(res.status).toBe(413);
  expect(res.body.errors?.[0]?.extensions?.code).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
}

/** A raw connection to the server, to see what fetch hides: what exactly comes back, and when the server closes. */
interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves once the received text matches. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves with everything received once the server has closed the connection (never rejects: a reset counts as closed). */
  closed: Promise<string>;
}

function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const waiters: { pattern: RegExp; resolve: (t: string) => void }[] = [];
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      for (const waiter of [...waiters]) if (waiter.pattern.test(text)) waiters.splice(waiters.indexOf(waiter), 1), waiter.resolve(text);
    });
    // Writes into a socket the server has reset fail; the test looks at what came back instead.
    socket.on('error', () => {});
    const closed = new Promise<string>((done) => socket.once('close', () => done(text)));
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve({
        socket,
        received: () => text,
        waitFor: (pattern) => (pattern.test(text) ? Promise.resolve(text) : new Promise((done) => waiters.push({ pattern, resolve: done }))),
        closed,
      });
    });
    socket.once('error', reject);
  });
}

/** Writes `data`, waiting for the socket to drain; false once the server has closed or reset it. */
function write(socket: Socket, data: string | Buffer): Promise<boolean> {
  if (socket.destroyed || !socket.writable) return Promise.resolve(false);
  return new Promise((resolve) => {
    socket.write(data, (error) => resolve(!error));
  });
}

const QUERY = JSON.stringify({ query: '{ __typename }' });
const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
/** The answer to QUERY, as it appears on the wire. */
const ANSWERED = /HTTP\/1\.1 200 OK[\s\S]*\r\n\r\n\{"data":\{"__typename":"Query"\}\}/;

describe('unreadBodyPlan', () => {
  it('drains a body within the cap or of unknown length, closes on a declared length past it', () => {
    expect(unreadBodyPlan(undefined, 1000)).toBe('drain');
    expect(unreadBodyPlan('1000', 1000)).toBe('drain');
    expect(unreadBodyPlan('1001', 1000)).toBe('close');
    // The default cap lets the 8 MB a new user tried be drained.
    expect(unreadBodyPlan(String(EIGHT_MB), DEFAULT_LIMITS.bodyLimit * DRAIN_FACTOR)).toBe('drain');
  });
});

describe('a body over the limit, with Node fetch (in-process server, default limits)', () => {
  let kb: TestKb;
  let server: TestServer;
  let editor: string;
  beforeAll(async () => {
    kb = await openTestKb('sqlite', { seed: true, label: 'body_limit' });
    editor = (await createKey(kb.engine, Role.EDITOR, 'body limit')).key;
    server = await startTestServer(kb.engine, { playground: true, limits: TEST_LIMITS });
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  it('8 MB with a Content-Length, and 8 MB chunked: each gets the coded 413, nothing is written, the server still answers', async () => {
    expect(TEST_LIMITS.bodyLimit).toBe(DEFAULT_LIMITS.bodyLimit);
    const before = await snapshotKb(kb);
    expectTooLarge(await postWithFetch(server.url, writeOf(EIGHT_MB, 'Oversized'), editor));
    expectTooLarge(await postWithFetch(server.url, writeOf(EIGHT_MB, 'Oversized chunked'), editor, true));
    expect(await snapshotKb(kb)).toBe(before);

    const query = await server.gql('{ actor(id: "actor:iran") { name } }');
    expect(query.status).toBe(200);
    expect(query.data).toEqual({ actor: { name: 'Iran' } });
    // The same write within the limit is stored: the snapshot above would have seen it.
    const small = await postWithFetch(server.url, writeOf(0, 'Within the limit'), editor);
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data).toMatchObject({ createIssue: { userErrors: [] } });
    expect(await snapshotKb(kb)).not.toBe(before);
  }, 60_000);
});

describe('what is read of a refused body (raw sockets, limit 64 KiB, drain cap 256 KiB)', () => {
  const bodyLimit = 64 * 1024;
  const drainCap = bodyLimit * DRAIN_FACTOR;
  let kb: TestKb;
  let server: TestServer;
  beforeAll(async () => {
    kb = await openTestKb('sqlite', { seed: true, label: 'body_drain' });
    server = await startTestServer(kb.engine, { playground: true, limits: { ...TEST_LIMITS, bodyLimit, requestTimeoutMs: 2_000 } });
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  const post = (length: number, extra: string[] = []) =>
    head(['POST /graphql HTTP/1.1', 'Host: kb', 'Content-Type: application/json', `Content-Length: ${length}`, ...extra]);
  const query = head(['POST /graphql HTTP/1.1', 'Host: kb', 'Content-Type: application/json', `Content-Length: ${QUERY.length}`, 'Connection: close']) + QUERY;

  it('a body over the limit but within the cap is read to its end: the 413, then the next request on the same connection is answered', async () => {
    const length = 3 * bodyLimit;
    const conn = await rawConnection(server.url);
    await write(conn.socket, post(length));
    // The 413 goes out before the body is read, as soon as the declared length is seen.
    const refused = await conn.waitFor(/HTTP\/1\.1 413[\s\S]*FST_ERR_CTP_BODY_TOO_LARGE"\}\}\]\}/);
    expect(refused).not.toMatch(/connection: close/i);
    await write(conn.socket, Buffer.alloc(length, 'x'));
    await write(conn.socket, query);
    const all = await conn.closed;
    expect(all).toMatch(ANSWERED);
    expect(all.match(/HTTP\/1\.1 /g)).toHaveLength(2);
  });

  it('a refusal made before the body is read (an unsupported charset) drains it the same way', async () => {
    const length = 2 * bodyLimit;
    const conn = await rawConnection(server.url);
    await write(conn.socket, post(length).replace('application/json', 'application/json; charset=latin1') + 'x'.repeat(length) + query);
    const all = await conn.closed;
    expect(all).toMatch(/^HTTP\/1\.1 415[\s\S]*UNSUPPORTED_MEDIA_TYPE/);
    expect(all).toMatch(ANSWERED);
  });

  it('a declared length past the cap: the coded 413 with Connection: close, and the server closes without reading on', async () => {
    const conn = await rawConnection(server.url);
    await write(conn.socket, post(1024 * 1024 * 1024) + 'x'.repeat(1024));
    const all = await conn.closed;
    expect(all).toMatch(/^HTTP\/1\.1 413/);
    expect(all).toMatch(/\r\nconnection: close\r\n/i);
    expect(all).toMatch(/\{"errors":\[\{"message":"Request body is too large","extensions":\{"code":"FST_ERR_CTP_BODY_TOO_LARGE"\}\}\]\}$/);
  });

  it('a chunked body that goes on past the cap: the server reads about the cap, then closes the connection', async () => {
    const conn = await rawConnection(server.url);
    await write(conn.socket, head(['POST /graphql HTTP/1.1', 'Host: kb', 'Content-Type: application/json', 'Transfer-Encoding: chunked']));
    const piece = 64 * 1024;
    const chunk = Buffer.concat([Buffer.from(`${piece.toString(16)}\r\n`), Buffer.alloc(piece, 'x'), Buffer.from('\r\n')]);
    // Far more than the limit and the cap, with room for the kernel's buffers in between: a
    // server that read on without bound would let all of it through.
    const bound = 256 * 1024 * 1024;
    let sent = 0;
    while (sent < bound && (await write(conn.socket, chunk))) sent += piece;
    await conn.closed;
    expect(sent).toBeLessThan(bound);
    expect(sent).toBeGreaterThan(bodyLimit + drainCap - 2 * piece);
    // The server itself still answers.
    expect((await server.gql('{ __typename }')).status).toBe(200);
  }, 60_000);

  it('a client that stops sending after its 413 is cut by the request timeout, not waited for', async () => {
    const conn = await rawConnection(server.url);
    await write(conn.socket, post(3 * bodyLimit) + 'x'.repeat(bodyLimit));
    await conn.waitFor(/FST_ERR_CTP_BODY_TOO_LARGE"\}\}\]\}/);
    // Nothing more is sent: the server closes once REQUEST_TIMEOUT_MS (2 s here) has passed.
    const all = await conn.closed;
    expect(all).toMatch(/^HTTP\/1\.1 413/);
  });
});

describe('a body over the limit, with Node fetch (the built server process)', () => {
  let kb: TestKb;
  let server: ProcessServer;
  let editor: string;
  beforeAll(async () => {
    kb = await openTestKb('sqlite', { seed: true, label: 'body_limit_process' });
    editor = (await createKey(kb.engine, Role.EDITOR, 'body limit')).key;
    // The knowledge base stays open beside the server (WAL: a second process reads while it serves).
    server = await startProcessServer({ databaseUrl: kb.url });
  });
  afterAll(async () => {
    await server?.terminate();
    await kb?.dispose();
  });

  it('8 MB with a Content-Length (the reset showed here three times out of four), and 8 MB chunked: the coded 413 each time, nothing written, the server still answers', async () => {
    const before = await snapshotKb(kb);
    for (let i = 0; i < 4; i++) expectTooLarge(await postWithFetch(server.url, writeOf(EIGHT_MB, `Oversized ${i}`), editor));
    expectTooLarge(await postWithFetch(server.url, writeOf(EIGHT_MB, 'Oversized chunked'), editor, true));
    expect(await snapshotKb(kb)).toBe(before);
    const query = await server.gql('{ actor(id: "actor:iran") { name } }');
    expect(query.status).toBe(200);
    expect(query.data).toEqual({ actor: { name: 'Iran' } });
  }, 120_000);
});
