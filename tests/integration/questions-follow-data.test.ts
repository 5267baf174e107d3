/**
 * Nothing is hard-coded to the seed: on a small knowledge base built here, the answers
 * change as the stored data changes, and the search index follows every write. The rows are
 * written directly; where a kept answer must follow them (the whole timeline, kept per
 * revision), they are written as every write is: with a revision, in one transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { writeSeed } from '../../src/bulk/import.js';
import * as t from '../../src/db/tables.js';
import { EventRelationKind, Firmness, Stance } from '../../src/shared/enums.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { emptyPlan } from '../../src/bulk/bundle-reader.js';

let kb: TestDb;
let server: TestServer;

beforeAll(async () => {
  kb = await openTestDb({ seed: false });
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
  kb.dispose();
});

/** Runs a change of rows as a write does: the change and its revision, in one transaction. */
function write(change: () => void): void {
  kb.sqlite.transaction(() => {
    change();
    kb.sqlite.prepare(`UPDATE revision_counter SET last = max(last, (SELECT coalesce(max(number), 0) FROM revisions)) + 1`).run();
    kb.sqlite.prepare(`INSERT INTO revisions (number, at, author_name, author_role) SELECT last, ?, 'test', 'ADMIN' FROM revision_counter`).run(new Date().toISOString());
  })();
}

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
    kb.db.update(t.positions).set({ stance: Stance.REJECTS }).where(eq(t.positions.id, 'position:beta-fishing')).run();
    expect(await ask()).toEqual({ blocking: ['issue:fishing'], common: [] });
    kb.db.update(t.positions).set({ stance: Stance.OPEN_TO }).where(eq(t.positions.id, 'position:beta-fishing')).run();
    expect(await ask()).toEqual({ blocking: [], common: ['issue:fishing'] });
  });
});

describe('Timeline refuses contradictory order', () => {
  it('answers relations that form a cycle with an error naming the cycle, not a hang', async () => {
    const event = (id: string, title: string) => ({ id, title, summary: title, kind: 'MEETING' as never, status: 'OCCURRED' as never });
    write(() => {
      kb.db.insert(t.events).values([event('event:p', 'Meeting P'), event('event:q', 'Meeting Q')]).run();
      kb.db.insert(t.eventRelations).values({ id: 'event:p|AFTER|event:q', subjectId: 'event:p', objectId: 'event:q', kind: EventRelationKind.AFTER }).run();
    });
    const ordered = await server.gql(`{ timeline { position event { id } } }`);
    expect(ordered.data.timeline.map((e: any) => e.event.id)).toEqual(['event:q', 'event:p']);
    write(() => kb.db.insert(t.eventRelations).values({ id: 'event:q|AFTER|event:p', subjectId: 'event:q', objectId: 'event:p', kind: EventRelationKind.AFTER }).run());
    const res = await server.gql(`{ timeline { position } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'TIMELINE_CYCLE', cycle: expect.arrayContaining(['event:p', 'event:q']) });
    expect(res.errors?.[0]?.message).toMatch(/Meeting P.*Meeting Q|Meeting Q.*Meeting P/);
    write(() => kb.db.delete(t.events).run());
  });
});

describe('Dated events: ranges and the timeline use the dates the source gives', () => {
  it('filters by a partial-date range and orders dated events by date', async () => {
    const dated = (id: string, title: string, precision: string, year: number, month: number | null, day: number | null) => ({
      id, title, summary: title, kind: 'MEETING' as never, status: 'OCCURRED' as never,
      startPrecision: precision as never, startYear: year, startMonth: month, startDay: day,
    });
    write(() =>
      kb.db.insert(t.events).values([
        dated('event:c', 'Summit C', 'DAY', 2025, 6, 12),
        dated('event:a', 'Summit A', 'YEAR', 2024, null, null),
        dated('event:b', 'Summit B', 'MONTH', 2025, 3, null),
      ]).run(),
    );
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
    write(() => kb.db.delete(t.events).run());
  });
});

describe('A party speaks through affiliations at any depth', () => {
  it('finds a statement of an official of a ministry of the party', async () => {
    const actor = (id: string, name: string) => ({ id, name, kind: 'PERSON' as never, description: name });
    kb.db.insert(t.actors).values([actor('actor:ministry', 'Ministry'), actor('actor:official', 'Official')]).run();
    kb.db.insert(t.affiliations).values([
      { id: 'm', actorId: 'actor:ministry', organizationId: 'actor:alpha' },
      { id: 'o', actorId: 'actor:official', organizationId: 'actor:ministry' },
    ]).run();
    kb.db.insert(t.statements).values({ id: 'statement:o', kind: 'CLAIM' as never, summary: 'The official spoke', speakerId: 'actor:official', attributionKind: 'NAMED' as never }).run();
    const res = await server.gql(`{ statements(filter: {party: "actor:alpha"}) { edges { node { id } } } beta: statements(filter: {party: "actor:beta"}) { totalCount } }`);
    expect(res.data.statements.edges.map((e: any) => e.node.id)).toEqual(['statement:o']);
    expect(res.data.beta.totalCount).toBe(0);
    kb.db.delete(t.actors).where(inArray(t.actors.id, ['actor:ministry', 'actor:official'])).run();
  });
});

describe('Search index follows every write', () => {
  const hits = async (query: string) => (await server.gql(`query($q: String!) { search(query: $q) { node { id } } }`, { q: query })).data.search.map((h: any) => h.node.id);

  it('finds an inserted actor, follows a rename and an alias, and forgets a deleted one', async () => {
    expect(await hits('Gamma')).toEqual([]);
    kb.db.insert(t.actors).values({ id: 'actor:gamma', name: 'Gamma', kind: 'STATE' as never, description: 'A third state' }).run();
    expect(await hits('Gamma')).toEqual(['actor:gamma']);
    kb.db.update(t.actors).set({ name: 'Delta' }).where(eq(t.actors.id, 'actor:gamma')).run();
    expect(await hits('Gamma')).toEqual([]);
    expect(await hits('Delta')).toEqual(['actor:gamma']);
    kb.db.insert(t.actorAliases).values({ actorId: 'actor:gamma', alias: 'Gammaland' }).run();
    expect(await hits('gammaland')).toEqual(['actor:gamma']);
    kb.db.delete(t.actors).where(eq(t.actors.id, 'actor:gamma')).run();
    expect(await hits('Delta')).toEqual([]);
    expect(await hits('gammaland')).toEqual([]);
  });
});
