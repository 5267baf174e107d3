/**
 * Crash safety: the real server is SIGKILLed (no handler runs, as in a crash, an OOM kill or a
 * power cut of the process) at a random moment in a stream of writes, round after round, on
 * the same database file. After every kill, every write the server had acknowledged (a 200
 * with the created issue's id) must be there — read back through GraphQL by a restarted server
 * and counted in SQL — and `PRAGMA integrity_check` must say ok. The seed of the randomness
 * is printed, and a failure names the round. CRASH_ROUNDS and CRASH_SEED change the run.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { seededRandom } from '../../src/bulk/synth.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { seedDatabase } from '../../src/bulk/import.js';
import { Role } from '../../src/shared/enums.js';
import { startProcessServer, type ProcessServer } from '../helpers/process-server.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
/** Writers sending one write after another, so several commits are in flight at a kill. */
const WRITERS = 4;
const SOURCE = 'source:us-iran-second-round-talks';

const dir = mkdtempSync(join(tmpdir(), 'kb-crash-'));
const file = join(dir, 'kb.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREATE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } userErrors { code message } } }`;

/** Writes until the server dies; returns the ids it acknowledged. `onAcknowledged` hears each. */
async function writeUntilKilled(server: ProcessServer, key: string, round: number, writer: number, onAcknowledged: () => void): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let n = 0; ; n++) {
    let res;
    try {
      res = await server.gql(CREATE, { input: { name: `Crash ${round} ${writer} ${n}`, description: 'written before a kill', evidence: [{ source: SOURCE, exact: 'The ongoing conflict in Ukraine' }] } }, key);
    } catch {
      return acknowledged; // the connection died with the process: not acknowledged
    }
    if (res.status !== 200 || res.errors || res.data?.createIssue?.userErrors?.length) {
      throw new Error(`round ${round}: a write was refused while the server ran: ${JSON.stringify(res)}`);
    }
    acknowledged.push(res.data.createIssue.issue.id as string);
    onAcknowledged();
  }
}

/**
 * Read-only on purpose: a read-write connection would fold the WAL the kill left behind into
 * the file when it closes, and the restarted server would never have to recover from it.
 */
function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

function storedIssues(path: string, ids: string[]): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM issues WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(ids)) as number;
  } finally {
    db.close();
  }
}

describe('SIGKILL in the middle of acknowledged writes', () => {
  it(`keeps every acknowledged write over ${ROUNDS} kills (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const prepared = openDatabase(file);
    migrateDatabase(prepared.db);
    await seedDatabase(prepared);
    const key = (await createKey(prepared.engine, Role.EDITOR, 'crash test')).key;
    prepared.close();

    const acknowledged: string[] = [];
    const killedAfterMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const context = `round ${round} of ${ROUNDS} (CRASH_SEED=${SEED})`;
      const server = await startProcessServer({ databaseUrl: file });
      // Everything acknowledged before, in earlier rounds, is read back by this server first.
      for (let i = 0; i < acknowledged.length; i += 100) {
        const ids = acknowledged.slice(i, i + 100);
        const res = await server.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
        expect(res.errors, context).toBeUndefined();
        expect(res.data.nodes.map((n: { id: string } | null) => n?.id ?? null), context).toEqual(ids);
      }
      // The kill comes at a random moment after the first acknowledged write (a cold server on a
      // busy machine may take longer than the delay to commit its first one, and then the kill
      // would test nothing), while the writers go on.
      let acknowledgedOnce!: () => void;
      const firstAcknowledged = new Promise<void>((resolve) => (acknowledgedOnce = resolve));
      const writers = Array.from({ length: WRITERS }, (_, w) => writeUntilKilled(server, key, round, w, acknowledgedOnce));
      // A writer that fails (a refused write) fails the round here rather than leaving it waiting.
      await Promise.race([firstAcknowledged, Promise.all(writers)]);
      const delay = 50 + Math.floor(random() * 400);
      await new Promise((resolve) => setTimeout(resolve, delay));
      const exit = await server.kill();
      expect(exit.signal, context).toBe('SIGKILL');
      killedAfterMs.push(delay);
      const written = (await Promise.all(writers)).flat();
      acknowledged.push(...written);
      // The kill left its WAL behind (SQLite removes it only on a clean close): the next start recovers from it.
      expect(statSync(`${file}-wal`).size, context).toBeGreaterThan(0);
      // Straight after the kill, before any restart: the file is whole and holds every acknowledged write.
      expect(integrity(file), context).toBe('ok');
      expect(storedIssues(file, acknowledged), context).toBe(acknowledged.length);
    }
    // One last restart reads everything back through GraphQL.
    const last = await startProcessServer({ databaseUrl: file });
    try {
      let read = 0;
      for (let i = 0; i < acknowledged.length; i += 100) {
        const res = await last.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: acknowledged.slice(i, i + 100) });
        read += res.data.nodes.filter((n: unknown) => n !== null).length;
      }
      expect(read).toBe(acknowledged.length);
    } finally {
      await last.terminate();
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS);
    console.log(`crash test: ${ROUNDS} SIGKILLs (seed ${SEED}, after ${Math.min(...killedAfterMs)}-${Math.max(...killedAfterMs)} ms of writing), ${acknowledged.length} acknowledged writes, all present and integrity ok after every kill`);
  }, 240_000);
});
