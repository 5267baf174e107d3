/**
 * Start-up and shutdown of the real server process:
 * - what `npm start` runs (the launcher and the bundled server) starts on an existing
 *   database, in production mode: JSON log lines, errors without internals;
 * - SIGTERM lets a request in flight finish (its body still arriving when the signal comes),
 *   refuses new connections, closes SQLite (the WAL folded back, no -wal file left), and exits
 *   0; a second signal while draining changes nothing.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { START_SCRIPT, startProcessServer } from '../helpers/process-server.js';

const dir = mkdtempSync(join(tmpdir(), 'kb-shutdown-'));
const file = join(dir, 'kb.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sends a POST whose body arrives in two parts; `between` runs after the first. Resolves with the raw answer. */
function slowRequest(port: number, body: string, between: () => Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', async () => {
      socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
      const half = Math.floor(body.length / 2);
      socket.write(body.slice(0, half));
      await between();
      socket.end(body.slice(half));
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
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

  it('drains a request in flight on SIGTERM, refuses new connections, closes SQLite and exits 0', async () => {
    const server = await startProcessServer({ databaseUrl: file });
    const body = JSON.stringify({ query: '{ actors(first: 5) { edges { node { id name } } } }' });
    let refusedWhileDraining: unknown = null;
    const answer = await slowRequest(server.port, body, async () => {
      // The first half of the body has arrived: the request is in flight.
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(server.pid, 'SIGTERM');
      await server.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('SIGTERM'));
      // A second signal while draining is logged and ignored.
      process.kill(server.pid, 'SIGTERM');
      await server.waitForLog((line) => typeof line.msg === 'string' && line.msg.includes('while shutting down'));
      refusedWhileDraining = await new Promise((resolve) => {
        const probe = connect(server.port, '127.0.0.1');
        probe.on('connect', () => (probe.destroy(), resolve('connected')));
        probe.on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).data.actors.edges).toHaveLength(5);
    expect(refusedWhileDraining).toBe('ECONNREFUSED');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await server.waitForLog((line) => typeof line.msg === 'string' && line.msg.startsWith('shut down'));
    // Closed cleanly: the WAL was checkpointed into the file and removed with the shared memory.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
