/**
 * The whole timeline is ordered once per database state and kept (`answerTimeline`), the
 * state being the latest revision (every write adds one in its transaction): these tests prove
 * a kept order is never served stale — after a write through the API, after a commit by
 * another connection (as `kb import` makes), and not after a transaction that was rolled back,
 * even once a later write takes the revision number it had — and that a kept answer equals a
 * freshly computed one.
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { answerTimeline } from '../../src/modules/question/question.service.js';
import { Certainty, Role } from '../../src/shared/enums.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

const EVENT = 'event:ukraine-conflict';

let kb: TestDb;
let server: TestServer;
let editor: string;

beforeAll(async () => {
  kb = await openTestDb();
  editor = (await createKey(kb.engine, Role.EDITOR, 'timeline')).key;
  server = await startTestServer(kb.engine);
});
afterAll(async () => {
  await server.close();
  kb.dispose();
});

const whole = () => answerTimeline(kb, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: null });
const placeOf = async (id: string) => (await whole()).find((e) => e.eventId === id);
const latestRevision = () => kb.sqlite.prepare('SELECT max(number) FROM revisions').pluck().get() as number;

/** A revision as a write records one (the next number, from the counter), on a connection of the caller's, in its transaction. */
function recordRevision(connection: Database.Database): void {
  connection.prepare(`UPDATE revision_counter SET last = max(last, (SELECT coalesce(max(number), 0) FROM revisions)) + 1`).run();
  connection.prepare(`INSERT INTO revisions (number, at, author_name, author_role) SELECT last, ?, 'test', 'ADMIN' FROM revision_counter`).run(new Date().toISOString());
}

/** The timeline over HTTP, as ids in order. */
async function timelineIds(): Promise<string[]> {
  const res = await server.gql('{ timeline { event { id } } }');
  expect(res.errors).toBeUndefined();
  return res.data.timeline.map((e: { event: { id: string } }) => e.event.id);
}

/** Changes an event's date through the API (a dated event goes before every undated one). */
async function updateEvent(id: string, change: Record<string, unknown>): Promise<void> {
  const version = kb.sqlite.prepare('SELECT version FROM events WHERE id = ?').pluck().get(id) as number;
  const res = await server.gql(
    `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } userErrors { code message } } }`,
    { input: { id, expectedVersion: version, ...change } },
    editor,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.updateEvent.userErrors).toEqual([]);
}

describe('the kept whole timeline', () => {
  it('equals a fresh computation, and asking twice gives the same answer', async () => {
    const first = await whole();
    expect(first.length).toBeGreaterThan(10);
    expect(await whole()).toEqual(first);
    // The same answer as the history's reader, which never keeps anything.
    expect(await answerTimeline(kb, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: latestRevision() })).toEqual(first);
  });

  it('follows a write made through the API at once', async () => {
    const before = await timelineIds();
    expect((await placeOf(EVENT))?.dated).toBe(false);
    await updateEvent(EVENT, { start: { precision: 'YEAR', year: 2022 } });
    const after = await timelineIds();
    expect(after).not.toEqual(before);
    expect(after[0]).toBe(EVENT);
    expect((await placeOf(EVENT))?.dated).toBe(true);
  });

  it('follows a commit by another connection to the same file (a change and its revision, as `kb import` commits)', async () => {
    const first = (await whole())[0]!.eventId;
    const other = new Database(kb.path);
    try {
      other.transaction(() => {
        other.prepare("UPDATE events SET start_precision = 'UNKNOWN', start_year = NULL WHERE id = ?").run(first);
        recordRevision(other);
      })();
    } finally {
      other.close();
    }
    expect((await placeOf(first))?.dated).toBe(false);
  });

  it('does not keep what a rolled-back transaction saw, even once a later write takes its revision number', async () => {
    const before = await whole();
    const number = latestRevision();
    let seenInside: Awaited<ReturnType<typeof placeOf>>;
    await expect(
      kb.engine.transaction(async () => {
        kb.sqlite.prepare("UPDATE events SET start_precision = 'YEAR', start_year = 1900 WHERE id = ?").run(EVENT);
        recordRevision(kb.sqlite);
        seenInside = await placeOf(EVENT);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seenInside!?.dated).toBe(true);
    expect(latestRevision()).toBe(number);
    // The next write takes the number the rolled-back one had; what it changes moves nothing.
    const other = before.find((e) => e.eventId !== EVENT)!.eventId;
    await updateEvent(other, { summary: 'A summary changed after a transaction was rolled back.' });
    expect(latestRevision()).toBe(number + 1);
    expect(await whole()).toEqual(before);
    expect((await placeOf(EVENT))?.dated).toBe(false);
  });
});
