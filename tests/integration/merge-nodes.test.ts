/**
 * Duplicates and merging (issue 19, item 5), over real HTTP on both engines: a second article
 * names "the Islamic Republic of Iran", which becomes a second Iran; `duplicateCandidates`
 * proposes the pair; `mergeNodes` re-points everything to the kept node in one revision, the
 * merged id keeps resolving, `asOf` before the merge still shows both, the questions and the
 * search index follow; refusals write nothing. Events and issues merge too.
 *
 * The second article is INVENTED FOR THESE TESTS; it reports nothing and is never shipped as seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { testEngines } from '../helpers/engines.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { snapshotKb } from '../helpers/snapshot.js';

const INVENTED = [
  '[Invented for tests.] The Islamic Republic of Iran said on Monday that it had sent no messages to Washington.',
  'The Islamic Republic rejects any limits on its nuclear program, a spokesman said.',
  'Russia’s support for the Islamic Republic was welcomed in Tehran.',
].join(' ');
const SOURCE = 'source:invented-islamic-republic-statement';
const ev = (exact: string) => ({ source: SOURCE, exact });
const NEW_IRAN = 'actor:islamic-republic-of-iran';

describe.each(testEngines())('Duplicates and merging on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'merge_nodes' });
    server = await startTestServer(kb.engine);
    for (const role of Object.values(Role)) keys[role] = (await createKey(kb.engine, role, `${role.toLowerCase()} desk`)).key;
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  async function write(name: string, inputType: string, input: unknown, select: string, key = keys.EDITOR) {
    const res = await server.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${select} userErrors { code field message } } }`, { input }, key);
    expect(res.errors, name).toBeUndefined();
    return res.data[name];
  }
  /** `key` null: no key at all. */
  const merge = (input: Record<string, unknown>, key: string | null = keys.EDITOR) =>
    server.gql(`mutation($input: MergeNodesInput!) { mergeNodes(input: $input) { node { id } revision { number } userErrors { code field message } } }`, { input }, key ?? undefined);
  const version = async (id: string) => (await server.gql(`{ node(id: "${id}") { ... on Actor { version } ... on Event { version } ... on Issue { version } } }`)).data.node.version;

  let beforeMerge = 0;

  describe('Duplicates: a second article names the Islamic Republic', () => {
    it('records the invented article, its actor, a statement, a position and a relation', async () => {
      const source = await write('addSource', 'AddSourceInput', { id: SOURCE, title: 'Invented: the Islamic Republic', text: INVENTED }, 'source { id }');
      expect(source.userErrors).toEqual([]);
      const actor = await write('createActor', 'CreateActorInput', {
        name: 'Islamic Republic of Iran', kind: 'STATE', description: 'The state, as the invented article names it.', aliases: ['the Islamic Republic'],
        evidence: [ev('The Islamic Republic of Iran')],
      }, 'actor { id }');
      expect(actor).toEqual({ actor: { id: NEW_IRAN }, userErrors: [] });
      const statement = await write('createStatement', 'CreateStatementInput', {
        id: 'statement:islamic-republic-rejects-limits', kind: 'POSITION', summary: 'The Islamic Republic rejects any limits on its nuclear program.', speaker: NEW_IRAN,
        attribution: { kind: 'NAMED', detail: 'a spokesman said' }, issues: ['issue:nuclear-program-limits'], evidence: [ev('The Islamic Republic rejects any limits on its nuclear program')],
      }, 'statement { id }');
      expect(statement.userErrors).toEqual([]);
      const position = await write('setPosition', 'SetPositionInput', {
        actor: NEW_IRAN, issue: 'issue:nuclear-program-limits', stance: 'REJECTS', summary: 'Rejects any limits on its nuclear program.',
        statements: ['statement:islamic-republic-rejects-limits'], evidence: [ev('rejects any limits on its nuclear program')],
      }, 'position { id }');
      expect(position.userErrors).toEqual([]);
      const relation = await write('addRelation', 'AddRelationInput', { subject: 'actor:russia', kind: 'SUPPORTS', object: NEW_IRAN, certainty: 'CERTAIN', evidence: [ev('Russia’s support for the Islamic Republic')] }, 'node { id }');
      expect(relation.userErrors).toEqual([]);
    });

    it('proposes Iran and the Islamic Republic of Iran as a pair, with its reasons', async () => {
      const res = await server.gql(`{ duplicateCandidates(type: "Actor", first: 100) { a { id } b { id } score reasons } }`);
      expect(res.errors).toBeUndefined();
      const pairs = res.data.duplicateCandidates;
      const scores = pairs.map((p: any) => p.score);
      expect(scores).toEqual([...scores].sort((x: number, y: number) => y - x));
      expect(pairs).toContainEqual({ a: { id: 'actor:iran' }, b: { id: NEW_IRAN }, score: 0.5, reasons: ['names share words: "iran"'] });
      for (const p of pairs) expect(p.a.id < p.b.id).toBe(true);
    });

    it('proposes two negotiations between the same parties, and refuses a type that cannot merge', async () => {
      const res = await server.gql(`{ duplicateCandidates(type: "Event") { a { id } b { id } score reasons } }`);
      expect(res.data.duplicateCandidates).toContainEqual({
        a: { id: 'event:oman-talks-first-round' }, b: { id: 'event:second-round-talks' }, score: 0.4,
        reasons: ['same kind (NEGOTIATION) and participants (actor:iran PARTICIPANT, actor:united-states PARTICIPANT)'],
      });
      const bad = await server.gql(`{ duplicateCandidates(type: "Statement") { score } }`);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'type' });
    });
  });

  describe('Merging: refusals write nothing', () => {
    it('refuses without a key, below EDITOR, on a stale version, a node into itself, two types, a type that cannot merge, an unknown id', async () => {
      const before = await snapshotKb(kb);
      const ok = { keep: 'actor:iran', merge: NEW_IRAN, keepVersion: 1, mergeVersion: 1 };
      const anonymous = await merge(ok, null);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const reader = await merge(ok, keys.READER);
      expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const refused = async (input: Record<string, unknown>) => {
        const res = await merge(input);
        expect(res.errors).toBeUndefined();
        expect(res.data.mergeNodes.revision).toBeNull();
        expect(res.data.mergeNodes.node).toBeNull();
        return res.data.mergeNodes.userErrors[0];
      };
      expect(await refused({ ...ok, keepVersion: 7 })).toMatchObject({ code: 'VERSION_CONFLICT', field: ['input', 'keepVersion'] });
      expect(await refused({ ...ok, mergeVersion: 2 })).toMatchObject({ code: 'VERSION_CONFLICT', field: ['input', 'mergeVersion'] });
      expect(await refused({ ...ok, merge: 'actor:iran' })).toMatchObject({ code: 'INVALID_VALUE', field: ['input', 'merge'] });
      expect(await refused({ ...ok, merge: 'issue:sanctions-relief' })).toMatchObject({ code: 'INVALID_VALUE', field: ['input', 'merge'] });
      expect(await refused({ ...ok, keep: 'statement:analysis-fragility', merge: 'statement:analysis-complex-interplay' })).toMatchObject({ code: 'INVALID_VALUE', field: ['input', 'keep'] });
      expect(await refused({ ...ok, merge: 'actor:atlantis' })).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'merge'] });
      // The United States holds a position on both issues: merging them would give it two on one.
      const twoPositions = await refused({ keep: 'issue:nuclear-program-limits', merge: 'issue:regional-destabilizing-activities', keepVersion: 1, mergeVersion: 1 });
      expect(twoPositions).toMatchObject({ code: 'INVALID_VALUE', field: ['input', 'merge'] });
      expect(twoPositions.message).toContain('actor:united-states would hold two positions');
      expect(await snapshotKb(kb)).toBe(before);
    });
  });

  describe('Merging: the Islamic Republic of Iran into Iran', () => {
    it('is one revision that re-points everything to the kept node', async () => {
      beforeMerge = (await server.gql(`{ revisions(first: 1) { edges { node { number } } } }`)).data.revisions.edges[0].node.number;
      const res = await server.gql(
        `mutation($input: MergeNodesInput!) { mergeNodes(input: $input) { node { id ... on Actor { name aliases version evidence { exact } } } revision { number changes { nodeId op } } userErrors { code message } } }`,
        { input: { keep: 'actor:iran', merge: NEW_IRAN, keepVersion: await version('actor:iran'), mergeVersion: await version(NEW_IRAN), summary: 'One state, two names' } },
        keys.EDITOR,
      );
      expect(res.errors).toBeUndefined();
      const { node, revision, userErrors } = res.data.mergeNodes;
      expect(userErrors).toEqual([]);
      expect(revision.number).toBe(beforeMerge + 1);
      expect(node).toMatchObject({ id: 'actor:iran', name: 'Iran', version: 2 });
      expect(node.aliases).toEqual(expect.arrayContaining(['Tehran', 'Islamic Republic of Iran', 'the Islamic Republic']));
      expect(node.evidence.map((e: any) => e.exact)).toContain('The Islamic Republic of Iran');
      const ops = Object.fromEntries(revision.changes.map((c: any) => [c.nodeId, c.op]));
      expect(ops).toMatchObject({
        'actor:iran': 'UPDATE', [NEW_IRAN]: 'DELETE', 'statement:islamic-republic-rejects-limits': 'UPDATE', 'position:islamic-republic-of-iran-nuclear-program-limits': 'UPDATE',
      });
    });

    it('answers node(id: merged) with the kept node; asOf before the merge shows both as they were', async () => {
      const res = await server.gql(`{ merged: node(id: "${NEW_IRAN}") { id } both: nodes(ids: ["${NEW_IRAN}", "actor:iran"]) { id }
        then: node(id: "${NEW_IRAN}", asOf: ${beforeMerge}) { id ... on Actor { name aliases } }
        iranThen: node(id: "actor:iran", asOf: ${beforeMerge}) { ... on Actor { aliases } }
        thenBoth: nodes(ids: ["${NEW_IRAN}", "actor:iran"], asOf: ${beforeMerge}) { id }
        after: nodes(ids: ["${NEW_IRAN}"], asOf: ${beforeMerge + 1}) { id } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.merged).toEqual({ id: 'actor:iran' });
      expect(res.data.both).toEqual([{ id: 'actor:iran' }, { id: 'actor:iran' }]);
      expect(res.data.then).toEqual({ id: NEW_IRAN, name: 'Islamic Republic of Iran', aliases: ['the Islamic Republic'] });
      expect(res.data.iranThen.aliases).toEqual(['Tehran']);
      expect(res.data.thenBoth).toEqual([{ id: NEW_IRAN }, { id: 'actor:iran' }]);
      expect(res.data.after).toEqual([{ id: 'actor:iran' }]);
    });

    it('moves the statement, the position and the relation (folded into the one there)', async () => {
      const res = await server.gql(`{ statement(id: "statement:islamic-republic-rejects-limits") { speaker { id } version }
        position(id: "position:islamic-republic-of-iran-nuclear-program-limits") { actor { id } version }
        russia: actor(id: "actor:russia") { relations { kind actor { id } evidence { exact } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.statement).toEqual({ speaker: { id: 'actor:iran' }, version: 2 });
      expect(res.data.position).toEqual({ actor: { id: 'actor:iran' }, version: 2 });
      const supports = res.data.russia.relations.filter((r: any) => r.kind === 'SUPPORTS');
      expect(supports).toHaveLength(1);
      expect(supports[0].actor).toEqual({ id: 'actor:iran' });
      expect(supports[0].evidence.map((e: any) => e.exact).sort()).toEqual(['Russia’s support for Iran', 'Russia’s support for the Islamic Republic']);
    });

    it('changes the questions’ answers from the merge on, and not before', async () => {
      const q = (asOf = '') => server.gql(`{ blockingIssues(parties: ["actor:united-states", "actor:iran"]${asOf}) { issue { id } rules } }`);
      const now = (await q()).data.blockingIssues;
      const then = (await q(`, asOf: ${beforeMerge}`)).data.blockingIssues;
      // Iran now rejects the limits the United States is likely to demand: incompatible positions.
      expect(now).toContainEqual({ issue: { id: 'issue:nuclear-program-limits' }, rules: ['INCOMPATIBLE_POSITIONS'] });
      expect(then.map((b: any) => b.issue.id)).not.toContain('issue:nuclear-program-limits');
    });

    it('keeps the search index on the kept node: the merged name is found as its alias', async () => {
      const res = await server.gql(`{ search(query: "Islamic", first: 20) { field node { id } } }`);
      expect(res.errors).toBeUndefined();
      const ids = res.data.search.map((h: any) => h.node.id);
      expect(ids).toContain('actor:iran');
      expect(ids).not.toContain(NEW_IRAN);
      expect(res.data.search.filter((h: any) => h.node.id === 'actor:iran').map((h: any) => h.field)).toContain('alias');
    });

    it('no longer proposes the merged pair', async () => {
      const res = await server.gql(`{ duplicateCandidates(type: "Actor", first: 100) { a { id } b { id } } }`);
      expect(res.data.duplicateCandidates.flatMap((p: any) => [p.a.id, p.b.id])).not.toContain(NEW_IRAN);
    });
  });

  describe('Merging: events and their relations', () => {
    it('merges the Muscat meeting into the first round: the SAME_AS between them goes, the AFTER from the second round is folded', async () => {
      const before = await server.gql(`{ revisions(first: 1) { edges { node { number } } } }`);
      const at = before.data.revisions.edges[0].node.number;
      const res = await merge({ keep: 'event:oman-talks-first-round', merge: 'event:muscat-meeting-araghchi-witkoff', keepVersion: 1, mergeVersion: 1 });
      expect(res.data.mergeNodes.userErrors).toEqual([]);
      const after = await server.gql(`{ e: event(id: "event:oman-talks-first-round") { version participants { actor { id } } issues { id } relations { kind event { id } } evidence { exact } }
        merged: node(id: "event:muscat-meeting-araghchi-witkoff") { id }
        then: node(id: "event:muscat-meeting-araghchi-witkoff", asOf: ${at}) { id ... on Event { relations { kind } } } }`);
      expect(after.errors).toBeUndefined();
      const e = after.data.e;
      expect(e.version).toBe(2);
      expect(e.participants.map((p: any) => p.actor.id).sort()).toEqual(['actor:abbas-araghchi', 'actor:iran', 'actor:steve-witkoff', 'actor:united-states']);
      expect(e.issues).toEqual([{ id: 'issue:trade-and-economic-matters' }]);
      expect(e.relations.filter((r: any) => r.kind === 'SAME_AS')).toEqual([]);
      expect(e.relations.filter((r: any) => r.event.id === 'event:second-round-talks')).toEqual([{ kind: 'BEFORE', event: { id: 'event:second-round-talks' } }]);
      expect(e.evidence.map((x: any) => x.exact)).toContain('Iranian Foreign Minister Abbas Araghchi and U.S. Mideast envoy Steve Witkoff discussed incorporating trade-related matters into the talks during their meeting in Muscat, Oman, last year.');
      expect(after.data.merged).toEqual({ id: 'event:oman-talks-first-round' });
      expect(after.data.then.id).toBe('event:muscat-meeting-araghchi-witkoff');
      const timeline = await server.gql(`{ timeline { event { id } } }`);
      expect(timeline.errors).toBeUndefined();
      expect(timeline.data.timeline.map((t: any) => t.event.id)).not.toContain('event:muscat-meeting-araghchi-witkoff');
    });
  });
});
