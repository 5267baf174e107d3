/**
 * The whole timeline is ordered once per database state and kept (`answerTimeline`), the
 * state being the latest revision (every write adds one in its transaction): these tests prove
 * a kept order is never served stale — after a write through the API, after a commit by
 * another connection (as `kb import` makes), and not after a transaction that was rolled back,
 * even once a later write takes the revision number it had — and that a kept answer equals a
 * freshly computed one. On SQLite and on PostgreSQL.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { answerTimeline } from '../../src/modules/question/question.service.js';
import type { Executor } from '../../src/db/engine.js';
import { openKb } from '../../src/db/open.js';
import { Certainty, Role } from '../../src/shared/enums.js';
import { insertRevision, nextRevision } from '../../src/store/history.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { sqlRun, sqlValue } from '../helpers/sql.js';

const EVENT = 'event:ukraine-conflict';

describe.each(testEngines())('The kept timeline on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  let editor: string;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'timeline_kept' });
    editor = (await createKey(kb.engine, Role.EDITOR, 'timeline')).key;
    server = await startTestServer(kb.engine);
  });
  afterAll(async () => {
    await server.close();
    await kb.dispose();
  });

  const whole = () => answerTimeline(kb, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: null });
  const placeOf = async (id: string) => (await whole()).find((e) => e.eventId === id);
  const latestRevision = () => sqlValue<number>(kb.engine, 'SELECT max(number) FROM revisions');

  /** A revision as a write records one (the next number, from the counter), in the caller's transaction. */
  async function recordRevision(tx: Executor): Promise<void> {
    expect(await insertRevision(tx, await nextRevision(tx), { authorName: 'test', authorRole: Role.ADMIN, keyId: null, summary: null })).not.toBeNull();
  }

  /** The timeline over HTTP, as ids in order. */
  async function timelineIds(): Promise<string[]> {
    const res = await server.gql('{ timeline { event { id } } }');
    expect(res.errors).toBeUndefined();
    return res.data.timeline.map((e: { event: { id: string } }) => e.event.id);
  }

  /** Changes an event's date through the API (a dated event goes before every undated one). */
  async function updateEvent(id: string, change: Record<string, unknown>): Promise<void> {
    const version = await sqlValue<number>(kb.engine, 'SELECT version FROM events WHERE id = ?', [id]);
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
      expect(await answerTimeline(kb, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: await latestRevision() })).toEqual(first);
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

    it('follows a commit by another connection to the same database (a change and its revision, as `kb import` commits)', async () => {
      const first = (await whole())[0]!.eventId;
      const other = await openKb(kb.url, { migrate: false });
      try {
        await other.engine.transaction(async (tx) => {
          await sqlRun(tx, "UPDATE events SET start_precision = 'UNKNOWN', start_year = NULL WHERE id = ?", [first]);
          await recordRevision(tx);
        });
      } finally {
        await other.close();
      }
      expect((await placeOf(first))?.dated).toBe(false);
    });

    it('does not keep what a rolled-back transaction saw, even once a later write takes its revision number', async () => {
      const before = await whole();
      const number = await latestRevision();
      let seenInside: Awaited<ReturnType<typeof placeOf>>;
      await expect(
        kb.engine.transaction(async (tx) => {
          await sqlRun(tx, "UPDATE events SET start_precision = 'YEAR', start_year = 1900 WHERE id = ?", [EVENT]);
          await recordRevision(tx);
          seenInside = await placeOf(EVENT);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      // SQLite's one connection lets the question read the open transaction's rows (the hazard
      // this test is about); a PostgreSQL question reads on another connection and never sees them.
      expect(seenInside!?.dated).toBe(kb.kind === 'sqlite');
      expect(await latestRevision()).toBe(number);
      // The next write takes the number the rolled-back one had; what it changes moves nothing.
      const other = before.find((e) => e.eventId !== EVENT)!.eventId;
      await updateEvent(other, { summary: 'A summary changed after a transaction was rolled back.' });
      expect(await latestRevision()).toBe(number + 1);
      expect(await whole()).toEqual(before);
      expect((await placeOf(EVENT))?.dated).toBe(false);
    });
  });
});
