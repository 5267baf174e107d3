/**
 * The whole timeline is ordered once per database state and kept (`answerTimeline`): these
 * tests prove a kept order is never served stale — after a write through the API, after a
 * commit by another connection (as `kb import` makes), and not after a transaction that was
 * rolled back — and that a kept answer equals a freshly computed one.
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
  server = await startTestServer(kb.db);
});
afterAll(async () => {
  await server.close();
  kb.dispose();
});

const whole = () => answerTimeline(kb.db, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: null });
const placeOf = (id: string) => whole().find((e) => e.eventId === id);

/** The timeline over HTTP, as ids in order. */
async function timelineIds(): Promise<string[]> {
  const res = await server.gql('{ timeline { event { id } } }');
  expect(res.errors).toBeUndefined();
  return res.data.timeline.map((e: { event: { id: string } }) => e.event.id);
}

describe('the kept whole timeline', () => {
  it('equals a fresh computation, and asking twice gives the same answer', () => {
    const first = whole();
    expect(first.length).toBeGreaterThan(10);
    expect(whole()).toEqual(first);
    // The same answer as the history's reader, which never keeps anything.
    const latest = kb.db.$client.prepare('SELECT max(number) FROM revisions').pluck().get() as number;
    expect(answerTimeline(kb.db, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: latest })).toEqual(first);
  });

  it('follows a write made through the API at once', async () => {
    const before = await timelineIds();
    expect(placeOf(EVENT)?.dated).toBe(false);
    const version = kb.db.$client.prepare('SELECT version FROM events WHERE id = ?').pluck().get(EVENT) as number;
    // A dated event goes before every undated one.
    const res = await server.gql(
      `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { id } userErrors { code message } } }`,
      { input: { id: EVENT, expectedVersion: version, start: { precision: 'YEAR', year: 2022 } } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateEvent.userErrors).toEqual([]);
    const after = await timelineIds();
    expect(after).not.toEqual(before);
    expect(after[0]).toBe(EVENT);
    expect(placeOf(EVENT)?.dated).toBe(true);
  });

  it('follows a commit by another connection to the same file', () => {
    const first = whole()[0]!.eventId;
    const other = new Database(kb.path);
    try {
      other.prepare("UPDATE events SET start_precision = 'UNKNOWN', start_year = NULL WHERE id = ?").run(first);
    } finally {
      other.close();
    }
    expect(placeOf(first)?.dated).toBe(false);
  });

  it('does not keep what a rolled-back transaction saw', () => {
    const before = whole();
    const client = kb.db.$client;
    let seenInside: ReturnType<typeof placeOf>;
    const undone = client.transaction(() => {
      client.prepare("UPDATE events SET start_precision = 'YEAR', start_year = 1900 WHERE id = ?").run(EVENT);
      seenInside = placeOf(EVENT);
      throw new Error('roll back');
    });
    expect(() => undone()).toThrow('roll back');
    expect(seenInside!?.dated).toBe(true);
    expect(whole()).toEqual(before);
    expect(placeOf(EVENT)?.dated).toBe(false);
  });
});
