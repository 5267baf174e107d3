/**
 * Start-up and shutdown of the real server process:
 * - what `npm start` runs (the launcher and the bundled server) starts on an existing
 *   database, in production mode: JSON log lines, errors without internals;
 * - SIGTERM lets the requests in flight finish (their bodies still arriving when the signal
 *   comes; a write among them is kept), refuses new connections, closes SQLite (the WAL folded
 *   back, no -wal file left), and exits 0; a second signal while draining changes nothing;
 * - a request that never ends holds the shutdown 10 s at most: then the process exits 1, with
 *   SQLite still closed.
 */
import Database from 'better-sqlite3';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { Role } from '../../src/shared/enums.js';
import { START_SCRIPT, startProcessServer, type LogLine, type ProcessServer } from '../helpers/process-server.js';

const dir = mkdtempSync(join(tmpdir(), 'kb-shutdown-'));
const file = join(dir, 'kb.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A POST to /graphql whose body stops half-way until `finish()` sends the rest; `answer` is the raw HTTP answer. */
interface OpenRequest {
  finish(): void;
  answer: Promise<string>;
}

function openRequest(port: number, body: string, key?: string): OpenRequest {
  const socket = connect(port, '127.0.0.1');
  const half = Math.floor(body.length / 2);
  socket.on('connect', () => {
    const auth = key === undefined ? '' : `Authorization: Bearer ${key}\r\n`;
    socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${auth}Connection: close\r\n\r\n`);
    socket.write(body.slice(0, half));
  });
  const answer = new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  return { finish: () => socket.end(body.slice(half)), answer };
}

/** The JSON body of a raw HTTP answer, after checking its status line. */
function jsonOf(answer: string, status = 200): any {
  expect(answer.slice(0, answer.indexOf('\r\n'))).toBe(`HTTP/1.1 ${status} OK`);
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

const message = (prefix: string) => (line: LogLine) => typeof line.msg === 'string' && line.msg.startsWith(prefix);

/** Resolves once the server has logged `count` incoming requests to /graphql: they are in flight. */
async function inFlight(server: ProcessServer, count: number): Promise<void> {
  const arrived = () => server.logs().filter((l) => l.msg === 'incoming request' && (l.req as { url?: string } | undefined)?.url === '/graphql').length;
  for (const started = Date.now(); arrived() < count; ) {
    if (Date.now() - started > 10_000) throw new Error(`${arrived()} of ${count} requests reached the server in 10 s; last lines:\n${server.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether a new TCP connection to `port` is accepted, or the error code refusing it. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve('connected')));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** The file was closed cleanly: WAL checkpointed into it and removed with its shared memory, and whole. */
function expectClosedCleanly(path: string): void {
  expect(existsSync(`${path}-wal`)).toBe(false);
  expect(existsSync(`${path}-shm`)).toBe(false);
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}

/** An EDITOR key in the database at `path` (made before the server starts: no second writer meanwhile). */
async function editorKey(path: string): Promise<string> {
  const opened = openDatabase(path);
  try {
    migrateDatabase(opened.db);
    return (await createKey(opened.engine, Role.EDITOR, 'shutdown test')).key;
  } finally {
    opened.close();
  }
}

describe('the server process', () => {
  it('starts as npm start runs it, in production mode, on a new and then an existing database', async () => {
    for (const round of ['new', 'existing']) {
      const started = Date.now();
      const server = await startProcessServer({ databaseUrl: file, script: START_SCRIPT });
      const ms = Date.now() - started;
      try {
        const res = await server.gql('{ actor(id: "actor:iran") { name } nope }');
        expect(res.status).toBe(400);
        expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.js:\d+/);
        const ok = await server.gql('{ actor(id: "actor:iran") { name } }');
        expect(ok.data).toEqual({ actor: { name: 'Iran' } });
        // Production logs are JSON lines, each with a level and a time.
        const logs = server.logs();
        expect(logs.length).toBeGreaterThan(1);
        for (const line of logs) expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(Number) });
      } finally {
        expect((await server.terminate()).code).toBe(0);
      }
      console.log(`start on the ${round} database: /health answered ${ms} ms after the process was spawned`);
    }
  });

  it('drains the requests in flight on SIGTERM, refuses new connections, keeps their write, closes SQLite and exits 0', async () => {
    const key = await editorKey(file);
    const server = await startProcessServer({ databaseUrl: file });
    const read = JSON.stringify({ query: '{ actors(first: 5) { edges { node { id name } } } }' });
    const write = JSON.stringify({
      query: 'mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } userErrors { code } } }',
      variables: { input: { name: 'Written while draining', description: 'd', evidence: [{ source: 'source:us-iran-second-round-talks', exact: 'The ongoing conflict in Ukraine' }] } },
    });
    const requests = [openRequest(server.port, read), openRequest(server.port, read), openRequest(server.port, write, key)];
    await inFlight(server, requests.length);
    process.kill(server.pid, 'SIGTERM');
    await server.waitForLog(message('SIGTERM:'));
    // A second signal while draining is logged and ignored.
    process.kill(server.pid, 'SIGTERM');
    await server.waitForLog(message('SIGTERM while shutting down'));
    expect(await probe(server.port)).toBe('ECONNREFUSED');
    expect(server.logs().some(message('shut down'))).toBe(false);

    for (const request of requests) request.finish();
    const [first, second, written] = await Promise.all(requests.map((r) => r.answer));
    for (const answer of [first!, second!]) expect(jsonOf(answer).data.actors.edges).toHaveLength(5);
    expect(jsonOf(written!).data.createIssue).toEqual({ issue: { id: 'issue:written-while-draining' }, userErrors: [] });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await server.waitForLog(message('shut down: requests drained'));
    expectClosedCleanly(file);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM issues WHERE id = ?').pluck().get('issue:written-while-draining')).toBe('Written while draining');
    } finally {
      db.close();
    }
  });

  it('exits 1 when a request holds the shutdown past its 10 s deadline, with SQLite closed all the same', async () => {
    const server = await startProcessServer({ databaseUrl: file });
    const stuck = openRequest(server.port, JSON.stringify({ query: '{ actors(first: 1) { totalCount } }' }));
    try {
      await inFlight(server, 1);
      const signalled = Date.now();
      process.kill(server.pid, 'SIGTERM');
      const exit = await server.exited;
      const ms = Date.now() - signalled;
      expect(exit).toEqual({ code: 1, signal: null });
      expect(ms).toBeGreaterThanOrEqual(9_900);
      expect(ms).toBeLessThan(20_000);
      await server.waitForLog(message('shutdown took over 10 s'));
      expect(server.logs().some(message('shut down: requests drained'))).toBe(false);
      expectClosedCleanly(file);
      // The stuck request's connection died with the process, unanswered.
      expect(await stuck.answer).toBe('');
    } finally {
      await server.terminate('SIGKILL');
    }
  }, 30_000);
  it('does not wait for an open subscription: SIGTERM ends it and the process exits 0 at once', async () => {
    const server = await startProcessServer({ databaseUrl: file });
    const client = createClient({ url: `ws://127.0.0.1:${server.port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const ended = new Promise<string>((resolve) => {
        client.subscribe({ query: 'subscription { revisionAdded { number } }' }, { next: () => {}, error: () => resolve('error'), complete: () => resolve('complete') });
      });
      await new Promise<void>((resolve) => client.on('connected', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const signalled = Date.now();
      process.kill(server.pid, 'SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(5_000);
      expect(['error', 'complete']).toContain(await ended);
      expectClosedCleanly(file);
    } finally {
      await client.dispose();
      await server.terminate('SIGKILL');
    }
  });
});
