/**
 * Nothing is hard-coded to the seed: on a small knowledge base built here, the answers
 * change as the stored data changes, and the search index follows every write. The rows are
 * written directly; where a kept answer must follow them (the whole timeline, kept per
 * revision), they are written as every write is: with a revision, in one transaction. On
 * SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSeed } from '../../src/bulk/import.js';
import type { Executor } from '../../src/db/engine.js';
import { Firmness, Role, Stance } from '../../src/shared/enums.js';
import { insertRevision, nextRevision } from '../../src/store/history.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { sqlRun } from '../helpers/sql.js';
import { emptyPlan } from '../../src/bulk/bundle-reader.js';

describe.each(testEngines())('Questions follow the data on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;

  beforeAll(async () => {
    kb = await openTestKb(engine, { label: 'follow_data' });
    const plan = emptyPlan();
    plan.sources.push({ id: 'source:tiny', title: 'Tiny', text: 'Alpha and Beta talk about fishing rights.', url: null });
    plan.actors.push(
      { id: 'actor:alpha', name: 'Alpha', kind: 'STATE' as never, countryCode: null, cameoCode: null, description: 'A state' },
      { id: 'actor:beta', name: 'Beta', kind: 'STATE' as never, countryCode: null, cameoCode: null, description: 'Another state' },
    );
    plan.issues.push({ id: 'issue:fishing', name: 'Fishing rights', description: 'Who may fish where' });
    plan.positions.push({ id: 'position:alpha-fishing', actorId: 'actor:alpha', issueId: 'issue:fishing', stance: Stance.SUPPORTS, firmness: Firmness.UNKNOWN, isPrecondition: false, summary: 'Alpha supports it' });
    plan.positions.push({ id: 'position:beta-fishing', actorId: 'actor:beta', issueId: 'issue:fishing', stance: Stance.OPEN_TO, firmness: Firmness.UNKNOWN, isPrecondition: false, summary: 'Beta is open to it' });
    await writeSeed(kb, plan);
    server = await startTestServer(kb.engine);
  });
  afterAll(async () => {
    await server.close();
    await kb.dispose();
  });

  /** Runs a change of rows as a write does: the change and its revision (the counter's next number), in one transaction. */
  async function write(change: (tx: Executor) => Promise<unknown>): Promise<void> {
    await kb.engine.transaction(async (tx) => {
      await change(tx);
      await insertRevision(tx, await nextRevision(tx), { authorName: 'test', authorRole: Role.ADMIN, keyId: null, summary: null });
    });
  }

  /** Runs statements outside any revision: for answers read fresh each time (not the kept timeline). */
  const run = (text: string, params: (string | number | null)[] = []) => sqlRun(kb.engine, text, params);

  const PARTIES = '["actor:alpha", "actor:beta"]';
  const ask = async () => {
    const res = await server.gql(`{ blockingIssues(parties: ${PARTIES}) { issue { id } rule } commonGround(parties: ${PARTIES}) { issue { id } } }`);
    expect(res.errors).toBeUndefined();
    return { blocking: res.data.blockingIssues.map((b: any) => b.issue.id), common: res.data.commonGround.map((c: any) => c.issue.id) };
  };

  describe('Questions follow the data', () => {
    it('makes an issue blocking when a position turns to conflict, and common ground when it turns back', async () => {
      // One position per actor and issue (a unique index), so a change of stance is an update.
      expect(await ask()).toEqual({ blocking: [], common: ['issue:fishing'] });
      await run('UPDATE positions SET stance = ? WHERE id = ?', [Stance.REJECTS, 'position:beta-fishing']);
      expect(await ask()).toEqual({ blocking: ['issue:fishing'], common: [] });
      await run('UPDATE positions SET stance = ? WHERE id = ?', [Stance.OPEN_TO, 'position:beta-fishing']);
      expect(await ask()).toEqual({ blocking: [], common: ['issue:fishing'] });
    });
  });

  describe('Timeline refuses contradictory order', () => {
    it('answers relations that form a cycle with an error naming the cycle, not a hang', async () => {
      const insertEvent = `INSERT INTO events (id, title, summary, kind, status) VALUES (?, ?, ?, 'MEETING', 'OCCURRED')`;
      const insertRelation = `INSERT INTO event_relations (id, subject_id, object_id, kind) VALUES (?, ?, ?, 'AFTER')`;
      await write(async (tx) => {
        await sqlRun(tx, insertEvent, ['event:p', 'Meeting P', 'Meeting P']);
        await sqlRun(tx, insertEvent, ['event:q', 'Meeting Q', 'Meeting Q']);
        await sqlRun(tx, insertRelation, ['event:p|AFTER|event:q', 'event:p', 'event:q']);
      });
      const ordered = await server.gql(`{ timeline { position event { id } } }`);
      expect(ordered.data.timeline.map((e: any) => e.event.id)).toEqual(['event:q', 'event:p']);
      await write((tx) => sqlRun(tx, insertRelation, ['event:q|AFTER|event:p', 'event:q', 'event:p']));
      const res = await server.gql(`{ timeline { position } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'TIMELINE_CYCLE', cycle: expect.arrayContaining(['event:p', 'event:q']) });
      expect(res.errors?.[0]?.message).toMatch(/Meeting P.*Meeting Q|Meeting Q.*Meeting P/);
      await write((tx) => sqlRun(tx, 'DELETE FROM events'));
    });
  });

  describe('Dated events: ranges and the timeline use the dates the source gives', () => {
    it('filters by a partial-date range and orders dated events by date', async () => {
      const insertDated = `INSERT INTO events (id, title, summary, kind, status, start_precision, start_year, start_month, start_day) VALUES (?, ?, ?, 'MEETING', 'OCCURRED', ?, ?, ?, ?)`;
      await write(async (tx) => {
        await sqlRun(tx, insertDated, ['event:c', 'Summit C', 'Summit C', 'DAY', 2025, 6, 12]);
        await sqlRun(tx, insertDated, ['event:a', 'Summit A', 'Summit A', 'YEAR', 2024, null, null]);
        await sqlRun(tx, insertDated, ['event:b', 'Summit B', 'Summit B', 'MONTH', 2025, 3, null]);
      });
      const range = async (filter: string) =>
        (await server.gql(`{ events(filter: ${filter}, orderBy: {field: START}) { edges { node { id start { iso } } } } }`)).data.events.edges.map((e: any) => e.node.id);
      expect(await range(`{startFrom: "2025"}`)).toEqual(['event:b', 'event:c']);
      expect(await range(`{startTo: "2025-03"}`)).toEqual(['event:a', 'event:b']);
      expect(await range(`{startFrom: "2025-06-12", startTo: "2025-06-12"}`)).toEqual(['event:c']);
      expect(await range(`{dateKnown: true}`)).toEqual(['event:a', 'event:b', 'event:c']);
      const timeline = (await server.gql(`{ timeline { dated basis event { id } } }`)).data.timeline;
      expect(timeline).toEqual([
        { dated: true, basis: 'dated 2024', event: { id: 'event:a' } },
        { dated: true, basis: 'dated 2025-03', event: { id: 'event:b' } },
        { dated: true, basis: 'dated 2025-06-12', event: { id: 'event:c' } },
      ]);
      await write((tx) => sqlRun(tx, 'DELETE FROM events'));
    });
  });

  describe('A party speaks through affiliations at any depth', () => {
    it('finds a statement of an official of a ministry of the party', async () => {
      const insertActor = `INSERT INTO actors (id, name, kind, description) VALUES (?, ?, 'PERSON', ?)`;
      await run(insertActor, ['actor:ministry', 'Ministry', 'Ministry']);
      await run(insertActor, ['actor:official', 'Official', 'Official']);
      await run('INSERT INTO affiliations (id, actor_id, organization_id) VALUES (?, ?, ?)', ['m', 'actor:ministry', 'actor:alpha']);
      await run('INSERT INTO affiliations (id, actor_id, organization_id) VALUES (?, ?, ?)', ['o', 'actor:official', 'actor:ministry']);
      await run(`INSERT INTO statements (id, kind, summary, speaker_id, attribution_kind) VALUES ('statement:o', 'CLAIM', 'The official spoke', 'actor:official', 'NAMED')`);
      const res = await server.gql(`{ statements(filter: {party: "actor:alpha"}) { edges { node { id } } } beta: statements(filter: {party: "actor:beta"}) { totalCount } }`);
      expect(res.data.statements.edges.map((e: any) => e.node.id)).toEqual(['statement:o']);
      expect(res.data.beta.totalCount).toBe(0);
      await run(`DELETE FROM actors WHERE id IN ('actor:ministry', 'actor:official')`);
    });
  });

  describe('Search index follows every write', () => {
    const hits = async (query: string) => (await server.gql(`query($q: String!) { search(query: $q) { node { id } } }`, { q: query })).data.search.map((h: any) => h.node.id);

    it('finds an inserted actor, follows a rename and an alias, and forgets a deleted one', async () => {
      expect(await hits('Gamma')).toEqual([]);
      await run(`INSERT INTO actors (id, name, kind, description) VALUES ('actor:gamma', 'Gamma', 'STATE', 'A third state')`);
      expect(await hits('Gamma')).toEqual(['actor:gamma']);
      await run(`UPDATE actors SET name = 'Delta' WHERE id = 'actor:gamma'`);
      expect(await hits('Gamma')).toEqual([]);
      expect(await hits('Delta')).toEqual(['actor:gamma']);
      await run(`INSERT INTO actor_aliases (actor_id, alias) VALUES ('actor:gamma', 'Gammaland')`);
      expect(await hits('gammaland')).toEqual(['actor:gamma']);
      await run(`DELETE FROM actors WHERE id = 'actor:gamma'`);
      expect(await hits('Delta')).toEqual([]);
      expect(await hits('gammaland')).toEqual([]);
    });
  });
});
