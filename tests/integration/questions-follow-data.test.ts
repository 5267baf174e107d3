/**
 * Nothing is hard-coded to the seed: on a small knowledge base built here, the answers
 * change as the stored data changes, and the search index follows every write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { writeSeed } from '../../seed/loader.js';
import * as t from '../../src/db/tables.js';
import { Firmness, Stance } from '../../src/shared/enums.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { emptyPlan } from '../helpers/synthetic.js';

let kb: TestDb;
let server: TestServer;

beforeAll(async () => {
  kb = openTestDb({ seed: false });
  const plan = emptyPlan();
  plan.sources.push({ id: 'source:tiny', title: 'Tiny', text: 'Alpha and Beta talk about fishing rights.', url: null });
  plan.actors.push(
    { id: 'actor:alpha', name: 'Alpha', kind: 'STATE' as never, countryCode: null, cameoCode: null, description: 'A state' },
    { id: 'actor:beta', name: 'Beta', kind: 'STATE' as never, countryCode: null, cameoCode: null, description: 'Another state' },
  );
  plan.issues.push({ id: 'issue:fishing', name: 'Fishing rights', description: 'Who may fish where' });
  plan.positions.push({ id: 'position:alpha-fishing', actorId: 'actor:alpha', issueId: 'issue:fishing', stance: Stance.SUPPORTS, firmness: Firmness.UNKNOWN, isPrecondition: false, summary: 'Alpha supports it' });
  plan.positions.push({ id: 'position:beta-fishing', actorId: 'actor:beta', issueId: 'issue:fishing', stance: Stance.OPEN_TO, firmness: Firmness.UNKNOWN, isPrecondition: false, summary: 'Beta is open to it' });
  writeSeed(kb.db, plan);
  server = await startTestServer(kb.db);
});
afterAll(async () => {
  await server.close();
  kb.dispose();
});

const PARTIES = '["actor:alpha", "actor:beta"]';
const ask = async () => {
  const res = await server.gql(`{ blockingIssues(parties: ${PARTIES}) { issue { id } rule } commonGround(parties: ${PARTIES}) { issue { id } } }`);
  expect(res.errors).toBeUndefined();
  return { blocking: res.data.blockingIssues.map((b: any) => b.issue.id), common: res.data.commonGround.map((c: any) => c.issue.id) };
};

describe('Questions follow the data', () => {
  it('makes an issue blocking when a conflicting position is added, and common ground when it is removed', async () => {
    expect(await ask()).toEqual({ blocking: [], common: ['issue:fishing'] });
    kb.db.insert(t.positions).values({ id: 'position:beta-rejects', actorId: 'actor:beta', issueId: 'issue:fishing', stance: Stance.REJECTS, summary: 'Beta rejects it' }).run();
    expect(await ask()).toEqual({ blocking: ['issue:fishing'], common: [] });
    kb.db.delete(t.positions).where(eq(t.positions.id, 'position:beta-rejects')).run();
    expect(await ask()).toEqual({ blocking: [], common: ['issue:fishing'] });
  });
});

describe('Timeline refuses contradictory order', () => {
  it('answers relations that form a cycle with an error naming the cycle, not a hang', async () => {
    const event = (id: string, title: string) => ({ id, title, summary: title, kind: 'MEETING' as never, status: 'OCCURRED' as never });
    kb.db.insert(t.events).values([event('event:p', 'Meeting P'), event('event:q', 'Meeting Q')]).run();
    kb.db.insert(t.eventRelations).values({ id: 'event:p|AFTER|event:q', subjectId: 'event:p', objectId: 'event:q', kind: 'AFTER' }).run();
    const ordered = await server.gql(`{ timeline { position event { id } } }`);
    expect(ordered.data.timeline.map((e: any) => e.event.id)).toEqual(['event:q', 'event:p']);
    kb.db.insert(t.eventRelations).values({ id: 'event:q|AFTER|event:p', subjectId: 'event:q', objectId: 'event:p', kind: 'AFTER' }).run();
    const res = await server.gql(`{ timeline { position } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'TIMELINE_CYCLE', cycle: expect.arrayContaining(['event:p', 'event:q']) });
    expect(res.errors?.[0]?.message).toMatch(/Meeting P.*Meeting Q|Meeting Q.*Meeting P/);
    kb.db.delete(t.events).run();
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
