/**
 * `minSources` and `publishedBy` on the four questions and the lists of events, statements
 * and positions, on both engines: on the seed with three invented sources (a wire story, a
 * reprint of it, a later paper, and one dated only to its month) reporting some of its facts,
 * every answer equals the one computed from the whole base with the facts that do not count
 * taken out, where what counts is worked out here from the reports and the sources alone.
 * Scoped questions (named parties, one actor or issue) answer as the whole filtered; `asOf`
 * the latest revision answers as now; invalid arguments are BAD_USER_INPUT.
 *
 * The articles below are invented for this test (marked TEST ARTICLE); they are never seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingIssues } from '../../src/analysis/blocking-issues.js';
import { commonGround } from '../../src/analysis/common-ground.js';
import { contradictions, involving } from '../../src/analysis/contradictions.js';
import { AffiliationGraph } from '../../src/analysis/stance.js';
import { timeline } from '../../src/analysis/timeline.js';
import { createKey } from '../../src/auth/keys.js';
import { factsFor } from '../../src/modules/question/facts.service.js';
import { answerBlockingIssues, answerCommonGround, answerContradictions, answerTimeline } from '../../src/modules/question/question.service.js';
import { sourceScopeOf } from '../../src/modules/common/source-scope.js';
import { Certainty, Role } from '../../src/shared/enums.js';
import { latestRevision } from '../../src/store/history.js';
import { testEngines } from '../helpers/engines.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';

const SENTENCE = 'Iran and the United States weighed a second round of talks';
const SOURCES = [
  { id: 'source:test-wire', publisher: 'Test Wire', publishedOn: { precision: 'DAY', year: 2026, month: 1, day: 12 }, text: `TEST ARTICLE (invented for the tests), the wire. ${SENTENCE}, officials said.` },
  { id: 'source:test-reprint', publisher: 'Test Gazette', reprintOf: 'source:test-wire', publishedOn: { precision: 'DAY', year: 2026, month: 1, day: 13 }, text: `TEST ARTICLE (invented for the tests), reprinted. ${SENTENCE}, officials said.` },
  { id: 'source:test-later', publisher: 'Test Daily', publishedOn: { precision: 'DAY', year: 2026, month: 2, day: 2 }, text: `TEST ARTICLE (invented for the tests), a later paper. ${SENTENCE}, diplomats said.` },
  { id: 'source:test-month', publisher: 'Test Monthly', publishedOn: { precision: 'MONTH', year: 2026, month: 1 }, text: `TEST ARTICLE (invented for the tests), a monthly. ${SENTENCE}, analysts wrote.` },
];
/** Which facts (by their place in id order) each source reports. */
const REPORTS_EVERY: Record<string, [number, number]> = { 'source:test-wire': [2, 0], 'source:test-reprint': [3, 0], 'source:test-later': [3, 1], 'source:test-month': [4, 2] };

const SCOPES = [
  { minSources: 2 },
  { minSources: 3 },
  { publishedBy: '2026-01-12' },
  { minSources: 2, publishedBy: '2026-01-31' },
  { minSources: 2, publishedBy: '2026-02-02' },
];

const day = (p: { precision: string; year: number | null; month: number | null; day: number | null }) => (p.precision === 'DAY' ? p.year! * 10000 + p.month! * 100 + p.day! : null);

describe.each(testEngines())('Source-scoped questions and lists on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  /** Each fact's reports as (source, origin, day known or null), worked out from the API's reports and sources. */
  const reportsOf = new Map<string, { origin: string; day: number | null }[]>();

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'sources' });
    server = await startTestServer(kb.engine);
    const key = (await createKey(kb.engine, Role.EDITOR, 'sources desk')).key;
    for (const s of SOURCES) {
      const res = await server.gql('mutation($input: AddSourceInput!) { addSource(input: $input) { userErrors { message } } }', { input: { title: s.id, ...s } }, key);
      expect(res.data.addSource.userErrors).toEqual([]);
    }
    const sel = 'edges { node { id version } }';
    const all = await server.gql(`{ events(first: 100) { ${sel} } statements(first: 100) { ${sel} } positions(first: 100) { ${sel} } }`);
    const facts = [...all.data.events.edges, ...all.data.statements.edges, ...all.data.positions.edges].map((e: { node: { id: string; version: number } }) => e.node).sort((a, b) => (a.id < b.id ? -1 : 1));
    const version = new Map(facts.map((f) => [f.id, f.version]));
    for (const [i, f] of facts.entries()) {
      for (const s of SOURCES) {
        const [every, at] = REPORTS_EVERY[s.id]!;
        if (i % every !== at) continue;
        const input = { fact: f.id, source: s.id, evidence: [{ source: s.id, exact: SENTENCE }], expectedVersion: version.get(f.id) };
        const res = await server.gql('mutation($input: SetReportInput!) { setReport(input: $input) { fact { ... on Node { id } ... on Event { version } ... on Statement { version } ... on Position { version } } userErrors { message } } }', { input }, key);
        expect(res.data.setReport.userErrors).toEqual([]);
        version.set(f.id, res.data.setReport.fact.version);
      }
    }
    const rsel = 'edges { node { id reports { source { id reprintOf { id } publishedOn { precision year month day } } } } }';
    const read = await server.gql(`{ events(first: 100) { ${rsel} } statements(first: 100) { ${rsel} } positions(first: 100) { ${rsel} } }`);
    for (const e of [...read.data.events.edges, ...read.data.statements.edges, ...read.data.positions.edges]) {
      reportsOf.set(e.node.id, e.node.reports.map((r: any) => ({ origin: r.source.reprintOf?.id ?? r.source.id, day: day(r.source.publishedOn) })));
    }
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  /** The facts that count under a scope, worked out from the reports. */
  const counted = (scope: { minSources?: number; publishedBy?: string }) => {
    const by = scope.publishedBy ? Number(scope.publishedBy.replaceAll('-', '')) : null;
    const out = new Set<string>();
    for (const [id, reports] of reportsOf) {
      const origins = new Set(reports.filter((r) => by === null || (r.day !== null && r.day <= by)).map((r) => r.origin));
      if (origins.size >= (scope.minSources ?? 1) && origins.size > 0) out.add(id);
    }
    return out;
  };

  it('builds a base where the scopes differ: each keeps some facts and leaves others out', () => {
    expect(reportsOf.size).toBeGreaterThan(30);
    // By January 31 only the wire and its reprint (one story) are known to the day: no fact has two independent sources.
    expect(counted({ minSources: 2, publishedBy: '2026-01-31' }).size).toBe(0);
    for (const scope of SCOPES.filter((s) => s.publishedBy !== '2026-01-31')) {
      const n = counted(scope).size;
      expect(n, JSON.stringify(scope)).toBeGreaterThan(0);
      expect(n, JSON.stringify(scope)).toBeLessThan(reportsOf.size);
    }
    expect(counted({ minSources: 2 }).size).not.toBe(counted({ minSources: 3 }).size);
  });

  it('answers blockingIssues and commonGround as the whole base without the facts that do not count, for all parties and every pair', async () => {
    const whole = await factsFor(kb, null);
    const positions = await whole.positions();
    const base = { affiliations: await whole.affiliations(), obstacles: await whole.obstacles(), names: await whole.names() };
    const actors = [...new Set(positions.map((p) => p.actorId))].sort();
    const pairs: (string[] | null)[] = [null, ...actors.flatMap((a, i) => actors.slice(i + 1).map((b) => [a, b]))];
    const latest = await latestRevision(kb.engine);
    let named = 0;
    for (const scope of SCOPES) {
      const keep = counted(scope);
      const input = { ...base, positions: positions.filter((p) => keep.has(p.id)) };
      const sources = sourceScopeOf(scope);
      for (const parties of pairs) {
        const expected = blockingIssues({ ...input, parties, minCertainty: Certainty.POSSIBLE }).map((b) => ({ ...b, rule: b.rules[0] }));
        expect(await answerBlockingIssues(kb, { parties, minCertainty: Certainty.POSSIBLE, asOf: null, sources }), `${JSON.stringify(scope)} ${parties}`).toEqual(expected);
        const ground = commonGround({ ...input, parties, includeSilent: true, minCertainty: Certainty.POSSIBLE }).map((c) => ({ ...c, complete: c.silentPartyIds.length === 0 }));
        expect(await answerCommonGround(kb, { parties, includeSilent: true, minCertainty: Certainty.POSSIBLE, asOf: null, sources }), `${JSON.stringify(scope)} ${parties}`).toEqual(ground);
        if (parties === null) {
          expect(await answerBlockingIssues(kb, { parties, minCertainty: Certainty.POSSIBLE, asOf: latest, sources })).toEqual(expected);
          expect(await answerCommonGround(kb, { parties, includeSilent: true, minCertainty: Certainty.POSSIBLE, asOf: latest, sources })).toEqual(ground);
        }
        named += expected.length + ground.length;
      }
    }
    expect(named).toBeGreaterThan(0);
  });

  it('answers the timeline and contradictions, whole and for every actor and issue, as the whole filtered', async () => {
    const whole = await factsFor(kb, null);
    const tf = await whole.timelineFacts();
    const graph = new AffiliationGraph(await whole.affiliations());
    const participants = await whole.participants();
    const eventIssues = await whole.eventIssues();
    const cf = await whole.contradictionFacts(null);
    const actors = [...new Set(participants.map((p) => p.actorId))].sort();
    const issues = [...new Set(eventIssues.map((l) => l.issueId))].sort();
    const asked = [{ actor: null, issue: null }, ...actors.map((actor) => ({ actor, issue: null })), ...issues.map((issue) => ({ actor: null, issue }))];
    const latest = await latestRevision(kb.engine);
    let entries = 0;
    for (const scope of SCOPES) {
      const keep = counted(scope);
      const sources = sourceScopeOf(scope);
      const ordered = timeline({ events: tf.events.filter((e) => keep.has(e.id)), relations: tf.relations, minCertainty: Certainty.POSSIBLE });
      const found = contradictions({ ...cf, statements: cf.statements.filter((s) => keep.has(s.id)), positions: cf.positions.filter((p) => keep.has(p.id)), minCertainty: Certainty.POSSIBLE });
      for (const q of asked) {
        const byActor = q.actor ? new Set(participants.filter((p) => graph.reachable(p.actorId).has(q.actor!)).map((p) => p.eventId)) : null;
        const byIssue = q.issue ? new Set(eventIssues.filter((l) => l.issueId === q.issue).map((l) => l.eventId)) : null;
        const expected = ordered.filter((e) => (!byActor || byActor.has(e.eventId)) && (!byIssue || byIssue.has(e.eventId))).map((e, i) => ({ ...e, position: i + 1 }));
        expect(await answerTimeline(kb, { ...q, minCertainty: Certainty.POSSIBLE, asOf: null, sources }), `${JSON.stringify(scope)} ${JSON.stringify(q)}`).toEqual(expected);
        expect(await answerTimeline(kb, { ...q, minCertainty: Certainty.POSSIBLE, asOf: latest, sources }), `${JSON.stringify(scope)} ${JSON.stringify(q)} asOf`).toEqual(expected);
        const filters = [...(q.actor ? [await whole.statementsBy(q.actor)] : []), ...(q.issue ? [await whole.statementsAbout(q.issue)] : [])];
        const pairs = involving(found, filters);
        expect(await answerContradictions(kb, { ...q, minCertainty: Certainty.POSSIBLE, asOf: null, sources }), `${JSON.stringify(scope)} ${JSON.stringify(q)}`).toEqual(pairs);
        expect(await answerContradictions(kb, { ...q, minCertainty: Certainty.POSSIBLE, asOf: latest, sources }), `${JSON.stringify(scope)} ${JSON.stringify(q)} asOf`).toEqual(pairs);
        entries += expected.length;
      }
    }
    expect(entries).toBeGreaterThan(0);
  });

  it('filters the lists of events, statements and positions (and their counts) the same way', async () => {
    for (const scope of SCOPES) {
      const keep = counted(scope);
      const res = await server.gql(
        `query($f: EventFilter, $s: StatementFilter, $p: PositionFilter) {
          events(first: 100, filter: $f, orderBy: { field: ID }) { totalCount edges { node { id } } }
          statements(first: 100, filter: $s, orderBy: { field: ID }) { totalCount edges { node { id } } }
          positions(first: 100, filter: $p, orderBy: { field: ID }) { totalCount edges { node { id } } } }`,
        { f: scope, s: scope, p: scope },
      );
      expect(res.errors, JSON.stringify(scope)).toBeUndefined();
      for (const list of ['events', 'statements', 'positions']) {
        const ids = res.data[list].edges.map((e: { node: { id: string } }) => e.node.id);
        const expected = [...reportsOf.keys()].filter((id) => id.startsWith(list.slice(0, -1) + ':') && keep.has(id)).sort();
        expect(ids, `${list} ${JSON.stringify(scope)}`).toEqual(expected);
        expect(res.data[list].totalCount).toBe(expected.length);
      }
    }
  });

  it('answers through GraphQL with the arguments, and refuses invalid ones with BAD_USER_INPUT', async () => {
    const res = await server.gql('{ timeline(minSources: 2, publishedBy: "2026-02-02") { event { id corroboration { independentSources } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.timeline.length).toBeGreaterThan(0);
    for (const e of res.data.timeline) expect(e.event.corroboration.independentSources).toBeGreaterThanOrEqual(2);
    for (const bad of ['{ blockingIssues(publishedBy: "2026-02-30") { rule } }', '{ commonGround(publishedBy: "2026-01") { complete } }', '{ contradictions(minSources: 0) { reason } }', '{ events(filter: { publishedBy: "yesterday" }) { totalCount } }']) {
      const refused = await server.gql(bad);
      expect(refused.errors?.[0]?.extensions?.code, bad).toBe('BAD_USER_INPUT');
    }
  });
});
