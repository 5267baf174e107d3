/**
 * Writes over real HTTP on a real SQLite file and on a real PostgreSQL database: roles checked before anything is read or
 * written, quotes located in their sources, one revision per write, userErrors that write
 * nothing (proved by a snapshot of every table), versions, idempotency, and the questions
 * answering from the new state at once.
 */
import pg from 'pg';
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { openKb } from '../../src/db/open.js';
import { Role } from '../../src/shared/enums.js';
import { buildKbSchema } from '../../src/schema.js';
// After the schema, which loads the decorators' metadata polyfill.
import { runWrite } from '../../src/modules/write/write.runner.js';
import { readDoc } from '../../src/store/documents.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { snapshotKb } from '../helpers/snapshot.js';
import { sqlRows, sqlRun, sqlValue } from '../helpers/sql.js';

const SEED = 'source:us-iran-second-round-talks';
const ARTICLE = [
  'Oman said on Tuesday that the foreign ministers of Iran and the United States would meet again.',
  'Iran insists on enrichment rights 🛡️, while the United States rejects any enrichment on Iranian soil.',
  'Analysts in Muscat see the café talks as decisive. Iran insists on enrichment rights.',
].join(' ');

/** Every mutation, the least role it needs, and an input that passes GraphQL validation. */
const MUTATIONS: { name: string; input: string; role: Role; value: Record<string, unknown> }[] = [
  { name: 'addSource', input: 'AddSourceInput', role: Role.EDITOR, value: { title: 'T', text: 'A text.' } },
  { name: 'createActor', input: 'CreateActorInput', role: Role.EDITOR, value: { name: 'X', kind: 'STATE', description: 'd', evidence: [{ source: SEED, exact: 'Russia’s support for Iran' }] } },
  { name: 'updateActor', input: 'UpdateActorInput', role: Role.EDITOR, value: { id: 'actor:iran', expectedVersion: 1, name: 'Persia' } },
  { name: 'deleteActor', input: 'DeleteActorInput', role: Role.ADMIN, value: { id: 'actor:international-community', expectedVersion: 1 } },
  { name: 'createEvent', input: 'CreateEventInput', role: Role.EDITOR, value: { title: 'X', summary: 's', kind: 'OTHER', status: 'OCCURRED', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] } },
  { name: 'updateEvent', input: 'UpdateEventInput', role: Role.EDITOR, value: { id: 'event:ukraine-conflict', expectedVersion: 1, title: 'War' } },
  { name: 'deleteEvent', input: 'DeleteEventInput', role: Role.ADMIN, value: { id: 'event:ukraine-conflict', expectedVersion: 1 } },
  { name: 'createStatement', input: 'CreateStatementInput', role: Role.EDITOR, value: { kind: 'CLAIM', summary: 's', attribution: { kind: 'SOURCE_ANALYSIS' }, evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] } },
  { name: 'updateStatement', input: 'UpdateStatementInput', role: Role.EDITOR, value: { id: 'statement:analysis-fragility', expectedVersion: 1, summary: 's' } },
  { name: 'deleteStatement', input: 'DeleteStatementInput', role: Role.ADMIN, value: { id: 'statement:analysis-fragility', expectedVersion: 1 } },
  { name: 'createIssue', input: 'CreateIssueInput', role: Role.EDITOR, value: { name: 'X', description: 'd', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] } },
  { name: 'updateIssue', input: 'UpdateIssueInput', role: Role.EDITOR, value: { id: 'issue:sanctions-relief', expectedVersion: 1, name: 'X' } },
  { name: 'deleteIssue', input: 'DeleteIssueInput', role: Role.ADMIN, value: { id: 'issue:sanctions-relief', expectedVersion: 1 } },
  { name: 'setPosition', input: 'SetPositionInput', role: Role.EDITOR, value: { actor: 'actor:oman', issue: 'issue:sanctions-relief', stance: 'SUPPORTS', summary: 's', evidence: [{ source: SEED, exact: 'initial discussions in Oman' }] } },
  { name: 'deletePosition', input: 'DeletePositionInput', role: Role.ADMIN, value: { id: 'position:us-second-round', expectedVersion: 1 } },
  { name: 'addRelation', input: 'AddRelationInput', role: Role.EDITOR, value: { subject: 'actor:russia', kind: 'SUPPORTS', object: 'actor:turkey', evidence: [{ source: SEED, exact: 'Russia’s support for Iran' }] } },
  { name: 'removeRelation', input: 'RemoveRelationInput', role: Role.ADMIN, value: { id: 'actor:russia|SUPPORTS|actor:iran' } },
  { name: 'addEvidence', input: 'AddEvidenceInput', role: Role.EDITOR, value: { node: 'actor:russia', expectedVersion: 1, evidence: [{ source: SEED, exact: 'Russia’s support for Iran' }] } },
  { name: 'removeEvidence', input: 'RemoveEvidenceInput', role: Role.EDITOR, value: { node: 'actor:russia', source: SEED, start: 0, end: 1, expectedVersion: 1 } },
  { name: 'restore', input: 'RestoreInput', role: Role.ADMIN, value: { id: 'actor:iran', revision: 1, expectedVersion: 1 } },
  { name: 'mergeNodes', input: 'MergeNodesInput', role: Role.EDITOR, value: { keep: 'actor:iran', merge: 'actor:iranian-government', keepVersion: 1, mergeVersion: 1 } },
  { name: 'setReport', input: 'SetReportInput', role: Role.EDITOR, value: { fact: 'statement:iran-denies-messages', source: SEED, evidence: [{ source: SEED, exact: 'Iran has denied reports of direct communication' }] } },
  { name: 'removeReport', input: 'RemoveReportInput', role: Role.EDITOR, value: { fact: 'statement:iran-denies-messages', source: SEED, expectedVersion: 1 } },
];

const BELOW: Record<Role, Role | null> = { [Role.READER]: null, [Role.EDITOR]: Role.READER, [Role.ADMIN]: Role.EDITOR };

describe.each(testEngines())('Writes on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'writes' });
    server = await startTestServer(kb.engine);
    for (const role of Object.values(Role)) keys[role] = (await createKey(kb.engine, role, `${role.toLowerCase()} desk`)).key;
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  /** Runs a mutation with one `input`; `select` is the payload selection. */
  async function mutate(name: string, inputType: string, input: unknown, key: string | undefined, select = 'revision { number author { name role } } userErrors { code field message }') {
    return server.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${select} } }`, { input }, key);
  }

  describe('Writes: every mutation is closed to anyone without its role', () => {
    it('finds a role on every Mutation (and Subscription) field of the built schema', () => {
      const schema = buildKbSchema();
      const fields = [...Object.values(schema.getMutationType()?.getFields() ?? {}), ...Object.values(schema.getSubscriptionType()?.getFields() ?? {})].map((f) => f.name);
      const authorized = new Map(getMetadataStorage().authorizedFields.map((a) => [a.fieldName, a.roles]));
      expect(fields.length).toBeGreaterThanOrEqual(20);
      const open = fields.filter((f) => !(authorized.get(f)?.length));
      expect(open).toEqual([]);
      expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(MUTATIONS.map((m) => m.name).sort());
      for (const m of MUTATIONS) expect(authorized.get(m.name), m.name).toEqual([m.role]);
      expect(authorized.get('revisionAdded')).toEqual([Role.READER]);
    });

    for (const m of MUTATIONS) {
      it(`${m.name}: no key → UNAUTHENTICATED, ${BELOW[m.role]} → FORBIDDEN, nothing read or written`, async () => {
        const before = await snapshotKb(kb);
        const anonymous = await mutate(m.name, m.input, m.value, undefined);
        expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(anonymous.data).toBeNull();
        const low = await mutate(m.name, m.input, m.value, keys[BELOW[m.role]!]);
        expect(low.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(low.errors?.[0]?.message).toContain(`needs the ${m.role} role`);
        expect(await snapshotKb(kb)).toBe(before);
      });
    }
  });

  /** Code-point offset of the n-th (1-based) occurrence of `quote` in `text`. */
  function pointsAt(text: string, quote: string, nth = 1): number {
    let at = -1;
    for (let i = 0; i < nth; i++) at = text.indexOf(quote, at + 1);
    return [...text.slice(0, at)].length;
  }

  const ev = (exact: string, more: Record<string, unknown> = {}) => ({ source: 'source:oman-says-ministers-will-meet-again', exact, ...more });

  describe('Writes: a second article, and the facts read from it', () => {
    it('adds the source NFC-normalised with its SHA-256, authored by the key’s owner, as one new revision', async () => {
      const res = await mutate('addSource', 'AddSourceInput', { title: 'Oman says ministers will meet again', text: ARTICLE.normalize('NFD'), url: 'https://example.org/oman' }, keys.EDITOR, 'source { id text contentHash version } revision { number author { name role } changes { nodeId op } } userErrors { code }');
      expect(res.errors).toBeUndefined();
      const { source, revision, userErrors } = res.data.addSource;
      expect(userErrors).toEqual([]);
      expect(source).toMatchObject({ id: 'source:oman-says-ministers-will-meet-again', text: ARTICLE.normalize('NFC'), version: 1 });
      expect(source.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(revision).toEqual({ number: 2, author: { name: 'editor desk', role: 'EDITOR' }, changes: [{ nodeId: source.id, op: 'CREATE' }] });
    });

    it('locates quotes in code points past an astral character, and picks an occurrence by prefix, suffix or start', async () => {
      const ambiguous = await mutate('createIssue', 'CreateIssueInput', { name: 'Uranium enrichment', description: 'Whether Iran may enrich uranium.', evidence: [ev('enrichment rights')] }, keys.EDITOR);
      expect(ambiguous.data.createIssue).toMatchObject({ revision: null, userErrors: [{ code: 'EVIDENCE_AMBIGUOUS', field: ['input', 'evidence', '0', 'exact'] }] });
      expect(ambiguous.data.createIssue.userErrors[0].message).toMatch(/occurs 2 times/);
      const res = await mutate('createIssue', 'CreateIssueInput', { name: 'Uranium enrichment', description: 'Whether Iran may enrich uranium.', evidence: [ev('enrichment rights', { suffix: ' 🛡️' })] }, keys.EDITOR, 'issue { id evidence { start end exact prefix suffix } } userErrors { code message }');
      expect(res.data.createIssue.userErrors).toEqual([]);
      const start = pointsAt(ARTICLE, 'enrichment rights', 1);
      expect(res.data.createIssue.issue).toEqual({ id: 'issue:uranium-enrichment', evidence: [expect.objectContaining({ start, end: start + 17, exact: 'enrichment rights' })] });
      const after = await mutate('setPosition', 'SetPositionInput', {
        actor: 'actor:united-states', issue: 'issue:uranium-enrichment', stance: 'REJECTS', summary: 'The United States rejects any enrichment on Iranian soil.',
        evidence: [ev('the United States rejects any enrichment on Iranian soil')],
      }, keys.EDITOR, 'position { id version evidence { start exact } } userErrors { code message }');
      // The shield emoji is two code points (U+1F6E1 U+FE0F) but three UTF-16 units: offsets count code points.
      expect(after.data.setPosition.position.evidence[0].start).toBe(pointsAt(ARTICLE, 'the United States rejects'));
      expect(after.data.setPosition.position.evidence[0].start).not.toBe(ARTICLE.indexOf('the United States rejects'));
    });

    it('matches an NFD quote against the NFC text, never fuzzily', async () => {
      const nfd = 'café talks'.normalize('NFD');
      const res = await mutate('addEvidence', 'AddEvidenceInput', { node: 'issue:uranium-enrichment', expectedVersion: 1, evidence: [ev(nfd)] }, keys.EDITOR, 'node { ... on Issue { version evidence { exact } } } userErrors { code }');
      expect(res.data.addEvidence.userErrors).toEqual([]);
      expect(res.data.addEvidence.node.version).toBe(2);
      expect(res.data.addEvidence.node.evidence.map((e: any) => e.exact)).toContain('café talks'.normalize('NFC'));
      const typo = await mutate('addEvidence', 'AddEvidenceInput', { node: 'issue:uranium-enrichment', expectedVersion: 2, evidence: [ev('cafe talks')] }, keys.EDITOR);
      expect(typo.data.addEvidence.userErrors[0].code).toBe('EVIDENCE_NOT_FOUND');
    });

    it('makes blockingIssues, search and the counts answer from the new state at once', async () => {
      const set = await mutate('setPosition', 'SetPositionInput', {
        actor: 'actor:iran', issue: 'issue:uranium-enrichment', stance: 'DEMANDS', isPrecondition: true, summary: 'Iran insists on enrichment rights.',
        evidence: [ev('Iran insists on enrichment rights', { start: pointsAt(ARTICLE, 'Iran insists on enrichment rights', 2) })],
      }, keys.EDITOR, 'position { id } userErrors { code message }');
      expect(set.data.setPosition.userErrors).toEqual([]);
      const res = await server.gql(`{
      blockingIssues(parties: ["actor:united-states", "actor:iran"]) { issue { id } rules reasons }
      statementCounts(groupBy: KIND) { key count }
      positions { totalCount }
    }`);
      const enrichment = res.data.blockingIssues.find((b: any) => b.issue.id === 'issue:uranium-enrichment');
      expect(enrichment.rules).toEqual(['INCOMPATIBLE_POSITIONS', 'UNMET_PRECONDITION']);
      expect(enrichment.reasons[0]).toBe('Iran demands "Uranium enrichment" as a precondition, while United States rejects it');
      expect(res.errors).toBeUndefined();
      const found = await server.gql(`{ search(query: "enrichment") { node { id } } }`);
      expect(found.data.search.map((h: any) => h.node.id)).toContain('issue:uranium-enrichment');
      expect(res.data.positions.totalCount).toBe(12);

      const claims = (r: any) => r.data.statementCounts.find((b: any) => b.key === 'CLAIM')?.count ?? 0;
      const said = await mutate('createStatement', 'CreateStatementInput', {
        kind: 'CLAIM', summary: 'Oman said the foreign ministers would meet again.', speaker: 'actor:oman', attribution: { kind: 'NAMED', detail: 'Oman said' },
        evidence: [ev('Oman said on Tuesday that the foreign ministers of Iran and the United States would meet again.')],
      }, keys.EDITOR, 'statement { id factuality { holder { id } } } userErrors { code message }');
      expect(said.data.createStatement.statement.factuality.holder).toEqual({ id: 'actor:oman' });
      const after = await server.gql(`{ statementCounts(groupBy: KIND) { key count } commonGround(parties: ["actor:united-states", "actor:iran"]) { issue { id } } }`);
      expect(claims(after)).toBe(claims(res) + 1);
      expect(after.data.commonGround.map((c: any) => c.issue.id)).not.toContain('issue:uranium-enrichment');
    });

    it('retracts a position (its tombstone one version up) and restores it as a new revision', async () => {
      const position = (await server.gql(`{ positions(filter: { actor: "actor:iran", issue: "issue:uranium-enrichment" }) { edges { node { id version } } } }`)).data.positions.edges[0].node;
      const deleted = await mutate('deletePosition', 'DeletePositionInput', { id: position.id, expectedVersion: position.version }, keys.ADMIN, 'position { id version } revision { number } userErrors { code }');
      expect(deleted.data.deletePosition.position).toEqual({ id: position.id, version: position.version + 1 });
      expect((await server.gql(`{ node(id: "${position.id}") { id } }`)).data.node).toBeNull();
      const blocked = async () => (await server.gql(`{ blockingIssues(parties: ["actor:united-states", "actor:iran"]) { issue { id } } }`)).data.blockingIssues.map((b: any) => b.issue.id);
      expect(await blocked()).not.toContain('issue:uranium-enrichment');
      const revisionBefore = deleted.data.deletePosition.revision.number - 1;
      const stale = await mutate('restore', 'RestoreInput', { id: position.id, revision: revisionBefore, expectedVersion: position.version }, keys.ADMIN);
      expect(stale.data.restore.userErrors[0]).toMatchObject({ code: 'VERSION_CONFLICT' });
      const restored = await mutate('restore', 'RestoreInput', { id: position.id, revision: revisionBefore, expectedVersion: position.version + 1 }, keys.ADMIN, 'node { ... on Position { id version stance } } revision { changes { op version } } userErrors { code }');
      expect(restored.data.restore).toMatchObject({ node: { id: position.id, version: position.version + 2, stance: 'DEMANDS' }, revision: { changes: [{ op: 'RESTORE', version: position.version + 2 }] }, userErrors: [] });
      expect(await blocked()).toContain('issue:uranium-enrichment');
    });
  });

  describe('Writes: every refusal is a userError, and writes nothing', () => {
    const cases: [string, string, string, Record<string, unknown>, string, RegExp][] = [
      ['EVIDENCE_NOT_FOUND', 'createActor', 'CreateActorInput', { name: 'Atlantis', kind: 'STATE', description: 'd', evidence: [{ source: SEED, exact: 'Iran annexed the Moon' }] }, 'EDITOR', /not in source:us-iran/],
      ['EVIDENCE_AMBIGUOUS', 'createActor', 'CreateActorInput', { name: 'Atlantis', kind: 'STATE', description: 'd', evidence: [{ source: SEED, exact: 'sanctions' }] }, 'EDITOR', /occurs \d+ times/],
      ['NOT_FOUND', 'updateActor', 'UpdateActorInput', { id: 'actor:atlantis', expectedVersion: 1, name: 'X' }, 'EDITOR', /no Actor with id "actor:atlantis"/],
      ['DUPLICATE_ID', 'createActor', 'CreateActorInput', { name: 'Oman', kind: 'STATE', description: 'd', evidence: [{ source: SEED, exact: 'initial discussions in Oman' }] }, 'EDITOR', /actor:oman exists already/],
      ['DUPLICATE_ID', 'addSource', 'AddSourceInput', { title: 'Again', text: ARTICLE }, 'EDITOR', /already source:oman-says-ministers-will-meet-again/],
      ['INVALID_REFERENCE', 'setPosition', 'SetPositionInput', { actor: 'actor:atlantis', issue: 'issue:sanctions-relief', stance: 'SUPPORTS', summary: 's', evidence: [{ source: SEED, exact: 'initial discussions in Oman' }] }, 'EDITOR', /no Actor with id "actor:atlantis"/],
      ['INVALID_REFERENCE', 'createActor', 'CreateActorInput', { name: 'Atlantis', kind: 'STATE', description: 'd', evidence: [{ source: 'source:nowhere', exact: 'x' }] }, 'EDITOR', /no source with id "source:nowhere"/],
      ['INVALID_VALUE', 'setPosition', 'SetPositionInput', { actor: 'actor:oman', issue: 'issue:sanctions-relief', stance: 'CONDITIONAL', summary: 's', evidence: [{ source: SEED, exact: 'initial discussions in Oman' }] }, 'EDITOR', /CONDITIONAL stance must name what is asked in return/],
      ['INVALID_VALUE', 'addSource', 'AddSourceInput', { title: 'Huge', text: 'x'.repeat(1_000_001) }, 'EDITOR', /at most 1000000 bytes/],
      ['INVALID_VALUE', 'createActor', 'CreateActorInput', { name: 'A'.repeat(201), kind: 'STATE', description: 'd', evidence: [] }, 'EDITOR', /input\.name: .*200/],
      ['INVALID_VALUE', 'createEvent', 'CreateEventInput', { title: 'X', summary: 's', kind: 'OTHER', status: 'OCCURRED', factuality: { certainty: 'PROBABLE' }, evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }] }, 'EDITOR', /must cite the words that set it/],
      ['VERSION_CONFLICT', 'updateActor', 'UpdateActorInput', { id: 'actor:oman', expectedVersion: 7, name: 'X' }, 'EDITOR', /actor:oman is at version 1, not 7/],
      ['STILL_REFERENCED', 'deleteActor', 'DeleteActorInput', { id: 'actor:turkey', expectedVersion: 1 }, 'ADMIN', /still referred to by .*position:turkey-missile-expansion.*statement:turkey-cautions-missile-expansion/],
    ];
    for (const [code, name, inputType, input, role, message] of cases) {
      it(`${code} from ${name} (${message.source.slice(0, 40)}…)`, async () => {
        const before = await snapshotKb(kb);
        const res = await mutate(name, inputType, input, keys[role as Role]);
        expect(res.errors).toBeUndefined();
        const payload = res.data[name];
        expect(payload.revision).toBeNull();
        expect(payload.userErrors[0].code).toBe(code);
        expect(payload.userErrors[0].message).toMatch(message);
        expect(await snapshotKb(kb)).toBe(before);
      });
    }

    it('IDEMPOTENCY_KEY_REUSED for the same key with another input, and a replay of the same input writes nothing more', async () => {
      const input = { id: 'actor:oman', expectedVersion: 1, description: 'Oman, where the first round was held.', idempotencyKey: 'oman-description-1' };
      const first = await mutate('updateActor', 'UpdateActorInput', input, keys.EDITOR, 'actor { version description } revision { number } userErrors { code }');
      expect(first.data.updateActor.userErrors).toEqual([]);
      const before = await snapshotKb(kb);
      const replay = await mutate('updateActor', 'UpdateActorInput', input, keys.EDITOR, 'actor { version description } revision { number } userErrors { code }');
      expect(replay.data.updateActor).toEqual(first.data.updateActor);
      expect(await snapshotKb(kb)).toBe(before);
      const reused = await mutate('updateActor', 'UpdateActorInput', { ...input, description: 'Something else.' }, keys.EDITOR);
      expect(reused.data.updateActor.userErrors[0]).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] });
      expect(await snapshotKb(kb)).toBe(before);

      // Changed since: a replay still answers with the first call's payload, not today's actor.
      const edited = await mutate('updateActor', 'UpdateActorInput', { id: 'actor:oman', expectedVersion: 2, description: 'Oman, host.' }, keys.EDITOR, 'actor { version } userErrors { code }');
      expect(edited.data.updateActor.actor.version).toBe(3);
      const late = await mutate('updateActor', 'UpdateActorInput', input, keys.EDITOR, 'actor { version description } revision { number } userErrors { code }');
      expect(late.data.updateActor).toEqual(first.data.updateActor);
      // An idempotency key belongs to its API key: another key's call with the same one is its own write.
      const other = await mutate('updateActor', 'UpdateActorInput', { ...input, expectedVersion: 3 }, keys.ADMIN, 'actor { version } revision { author { name } } userErrors { code }');
      expect(other.data.updateActor).toEqual({ actor: { version: 4 }, revision: { author: { name: 'admin desk' } }, userErrors: [] });
    });

    it('INVALID_VALUE for an organization, participant or quote given twice, with nothing written', async () => {
      const before = await snapshotKb(kb);
      const twice = await mutate('createActor', 'CreateActorInput', {
        name: 'Twice', kind: 'PERSON', description: 'd', evidence: [{ source: SEED, exact: 'Russia’s support for Iran' }, { source: SEED, exact: 'Russia’s support for Iran' }],
        affiliations: [{ organization: 'actor:iran', evidence: [{ source: SEED, exact: 'Russia’s support for Iran' }] }, { organization: 'actor:iran', evidence: [{ source: SEED, exact: 'Russia’s support for Iran' }] }],
      }, keys.EDITOR);
      expect(twice.data.createActor.userErrors[0]).toMatchObject({ code: 'INVALID_VALUE', field: ['input', 'affiliations'] });
      const participants = await mutate('createEvent', 'CreateEventInput', {
        title: 'Twice', summary: 's', kind: 'OTHER', status: 'OCCURRED', participants: [{ actor: 'actor:iran', role: 'TARGET' }, { actor: 'actor:iran', role: 'TARGET' }],
        evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }],
      }, keys.EDITOR);
      expect(participants.data.createEvent.userErrors[0]).toMatchObject({ code: 'INVALID_VALUE', field: ['input', 'participants'] });
      const quotes = await mutate('createIssue', 'CreateIssueInput', { name: 'Twice', description: 'd', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }, { source: SEED, exact: 'The ongoing conflict in Ukraine' }] }, keys.EDITOR);
      expect(quotes.data.createIssue.userErrors[0]).toMatchObject({ code: 'INVALID_VALUE', field: ['input', 'evidence'] });
      expect(await snapshotKb(kb)).toBe(before);
    });

    it('refuses a restore whose old state refers to what has gone, or would make a second position for one actor and issue', async () => {
      // An actor affiliated with another, which is then deleted: the affiliated actor's old state dangles.
      const made = await mutate('createActor', 'CreateActorInput', { name: 'Muscat desk', kind: 'ORGANIZATION', description: 'd', evidence: [{ source: SEED, exact: 'during their meeting in Muscat, Oman, last year' }] }, keys.EDITOR, 'actor { id } revision { number } userErrors { code message }');
      const clerk = await mutate('createActor', 'CreateActorInput', { name: 'Muscat clerk', kind: 'PERSON', description: 'd', evidence: [{ source: SEED, exact: 'during their meeting in Muscat, Oman, last year' }], affiliations: [{ organization: 'actor:muscat-desk', evidence: [{ source: SEED, exact: 'during their meeting in Muscat, Oman, last year' }] }] }, keys.EDITOR, 'actor { id } revision { number } userErrors { code message }');
      expect([made.data.createActor.userErrors, clerk.data.createActor.userErrors]).toEqual([[], []]);
      const withAffiliation = clerk.data.createActor.revision.number;
      await mutate('updateActor', 'UpdateActorInput', { id: 'actor:muscat-clerk', expectedVersion: 1, affiliations: [] }, keys.EDITOR);
      const gone = await mutate('deleteActor', 'DeleteActorInput', { id: 'actor:muscat-desk', expectedVersion: 1 }, keys.ADMIN);
      expect(gone.data.deleteActor.userErrors).toEqual([]);
      const before = await snapshotKb(kb);
      const dangling = await mutate('restore', 'RestoreInput', { id: 'actor:muscat-clerk', revision: withAffiliation, expectedVersion: 2 }, keys.ADMIN);
      expect(dangling.data.restore.userErrors[0]).toMatchObject({ code: 'INVALID_REFERENCE', message: expect.stringContaining('actor:muscat-desk') });
      expect(await snapshotKb(kb)).toBe(before);

      const position = (await server.gql(`{ position(id: "position:us-second-round") { version } }`)).data.position;
      const retracted = await mutate('deletePosition', 'DeletePositionInput', { id: 'position:us-second-round', expectedVersion: position.version }, keys.ADMIN, 'revision { number } userErrors { code }');
      const reset = await mutate('setPosition', 'SetPositionInput', { actor: 'actor:united-states', issue: 'issue:second-round-of-talks', stance: 'SUPPORTS', summary: 's', evidence: [{ source: SEED, exact: 'The possibility of a second meeting is being considered' }] }, keys.EDITOR, 'position { id } userErrors { code message }');
      expect(reset.data.setPosition.userErrors).toEqual([]);
      const second = await mutate('restore', 'RestoreInput', { id: 'position:us-second-round', revision: retracted.data.deletePosition.revision.number - 1, expectedVersion: position.version + 1 }, keys.ADMIN);
      expect(second.data.restore.userErrors[0]).toMatchObject({ code: 'DUPLICATE_ID', message: expect.stringContaining(reset.data.setPosition.position.id) });
    });

    it('answers a body that is not JSON with a 400 and a message, never a 500, writing nothing', async () => {
      const before = await snapshotKb(kb);
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.EDITOR}` }, body: '{"query":"mutation($input: CreateIssueInput!) { createIssue(input: $input) { userErrors { code } } }","variables":{"input":{"name": ' });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/JSON/i);
      expect(await snapshotKb(kb)).toBe(before);
    });

    it('answers a malformed variable or an unknown enum with BAD_USER_INPUT, never a 500', async () => {
      const res = await mutate('createActor', 'CreateActorInput', { name: 'X', kind: 'PLANET', description: 'd', evidence: [] }, keys.EDITOR);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('Writes: versions and concurrent writers', () => {
    it('lets exactly one of two concurrent writers with the same expectedVersion win; the other hears the current version', async () => {
      // A second server on its own connection to the same database: the two meet only in the database.
      const second = await openKb(kb.url, { migrate: false });
      const other = await startTestServer(second.engine);
      try {
        const { version } = (await server.gql(`{ actor(id: "actor:israel") { version } }`)).data.actor;
        const attempts = await Promise.all(
          [server, other].map((s, i) => s.gql(`mutation($input: UpdateActorInput!) { updateActor(input: $input) { actor { version } userErrors { code message } } }`, { input: { id: 'actor:israel', expectedVersion: version, description: `Writer ${i}` } }, keys.EDITOR)),
        );
        const outcomes = attempts.map((a) => a.data.updateActor);
        expect(outcomes.filter((o) => o.userErrors.length === 0)).toHaveLength(1);
        const loser = outcomes.find((o) => o.userErrors.length > 0)!;
        expect(loser.userErrors[0]).toMatchObject({ code: 'VERSION_CONFLICT', message: expect.stringContaining(`at version ${version + 1}, not ${version}`) });
        expect((await server.gql(`{ actor(id: "actor:israel") { version } }`)).data.actor.version).toBe(version + 1);
      } finally {
        await other.close();
        await second.close();
      }
    });
  });

  describe('Writes: revision numbers follow the commits, without gaps, and a failed write leaves nothing', () => {
    const latest = async (): Promise<number> => (await server.gql(`{ revisions(first: 1) { edges { node { number } } } }`)).data.revisions.edges[0].node.number;
    const issueInput = (name: string, more: Record<string, unknown> = {}) => ({ name, description: 'd', evidence: [{ source: SEED, exact: 'The ongoing conflict in Ukraine' }], ...more });

    /**
     * A trigger that fails the insert of issue:doomed's change record, after the write's other
     * rows. SQLite: a temporary trigger on the server's own connection, beside the schema
     * (sqlite_temp_master), so the snapshot does not see it. PostgreSQL: a trigger and its
     * function, made and dropped on a connection of the test's (DDL, not a prepared statement).
     */
    const PG_FAULT = [
      `CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.node_id = 'issue:doomed' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`,
      `CREATE TRIGGER fail_midway BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION fail_midway()`,
    ];
    async function onPg(texts: string[]): Promise<void> {
      const client = new pg.Client({ connectionString: kb.url });
      await client.connect();
      try {
        for (const text of texts) await client.query(text);
      } finally {
        await client.end();
      }
    }
    const injectFault = () =>
      kb.kind === 'sqlite'
        ? sqlRun(kb.engine, `CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON main.changes WHEN new.node_id = 'issue:doomed' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`)
        : onPg(PG_FAULT);
    const removeFault = () => (kb.kind === 'sqlite' ? sqlRun(kb.engine, 'DROP TRIGGER temp.fail_midway') : onPg(['DROP TRIGGER fail_midway ON changes', 'DROP FUNCTION fail_midway()']));

    it('numbers 30 concurrent writes n+1 … n+30, each revision holding its own change, with 10 refusals among them taking no number', async () => {
      const n = await latest();
      const requests = Array.from({ length: 40 }, (_, i) =>
        i % 4 === 3
          ? mutate('updateIssue', 'UpdateIssueInput', { id: 'issue:sanctions-relief', expectedVersion: 99, name: 'Never' }, keys.EDITOR, 'revision { number } userErrors { code }')
          : mutate('createIssue', 'CreateIssueInput', issueInput(`Concurrent issue ${i}`), keys.EDITOR, 'issue { id } revision { number } userErrors { code }'),
      );
      const results = await Promise.all(requests);
      const refused = results.filter((r) => r.data.updateIssue).map((r) => r.data.updateIssue);
      expect(refused).toHaveLength(10);
      expect(refused.every((r) => r.revision === null && r.userErrors[0].code === 'VERSION_CONFLICT')).toBe(true);
      const written = results.filter((r) => r.data.createIssue).map((r) => r.data.createIssue);
      expect(written.every((w) => w.userErrors.length === 0)).toBe(true);
      const numbers = written.map((w) => w.revision.number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => n + 1 + i));
      expect(await latest()).toBe(n + 30);
      expect(await sqlValue(kb.engine, 'SELECT last FROM revision_counter WHERE id = 1')).toBe(n + 30);

      const history = await server.gql(`{ revisions(first: 30) { edges { node { number changes { nodeId op } } } } }`);
      const changesOf = new Map(history.data.revisions.edges.map((e: any) => [e.node.number, e.node.changes]));
      for (const w of written) expect(changesOf.get(w.revision.number), `revision ${w.revision.number}`).toEqual([{ nodeId: w.issue.id, op: 'CREATE' }]);
    });

    it('answers two identical requests sent at once with one idempotency key from one revision, and refuses a third input under that key', async () => {
      const n = await latest();
      const select = 'issue { id version } revision { number author { name } } userErrors { code }';
      const same = issueInput('Twin request', { idempotencyKey: 'twin-request-1' });
      const results = await Promise.all([
        mutate('createIssue', 'CreateIssueInput', same, keys.EDITOR, select),
        mutate('createIssue', 'CreateIssueInput', same, keys.EDITOR, select),
        mutate('createIssue', 'CreateIssueInput', issueInput('Another twin', { idempotencyKey: 'twin-request-1' }), keys.EDITOR, select),
      ]);
      const payloads = results.map((r) => r.data.createIssue);
      expect(await latest()).toBe(n + 1);
      const answered = payloads.filter((p) => p.userErrors.length === 0);
      const reused = payloads.filter((p) => p.userErrors.length > 0);
      // Whichever came first wrote revision n+1; a request with its input replays it, one with another input is refused.
      expect(answered.length + reused.length).toBe(3);
      expect(answered.length).toBeGreaterThanOrEqual(1);
      for (const p of answered) expect(p).toEqual(answered[0]);
      expect(answered[0].revision).toEqual({ number: n + 1, author: { name: 'editor desk' } });
      expect(reused.every((p) => p.userErrors[0].code === 'IDEMPOTENCY_KEY_REUSED' && p.revision === null)).toBe(true);
      expect(answered[0].issue.id === 'issue:twin-request' ? [2, 1] : [1, 2]).toEqual([answered.length, reused.length]);
    });

    it('leaves every table as it was when a write fails after writing (a fault injected at its change record), and the next write takes the next number', async () => {
      const n = await latest();
      const before = await snapshotKb(kb);
      await injectFault();
      try {
        const res = await mutate('createIssue', 'CreateIssueInput', issueInput('Doomed'), keys.EDITOR, 'issue { id } revision { number } userErrors { code }');
        expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await removeFault();
      }
      expect(await snapshotKb(kb)).toBe(before);
      const next = await mutate('createIssue', 'CreateIssueInput', issueInput('Doomed'), keys.EDITOR, 'issue { id } revision { number } userErrors { code }');
      expect(next.data.createIssue).toEqual({ issue: { id: 'issue:doomed' }, revision: { number: n + 1 }, userErrors: [] });
    });

    it('leaves every table as it was when a writer throws after writing', async () => {
      const viewer = { keyId: await sqlValue<number>(kb.engine, 'SELECT id FROM api_keys WHERE prefix = ?', [keys.EDITOR.slice(3, 11)]), prefix: keys.EDITOR.slice(3, 11), name: 'editor desk', role: Role.EDITOR };
      const before = await snapshotKb(kb);
      const input = issueInput('Half written');
      const failing = runWrite(kb.engine, viewer, 'createIssue', 'createIssue', input, async (w) => {
        await w.create('Issue', { row: { id: 'issue:half-written', name: 'Half written', description: 'd', version: 1 }, obstacles: [], evidence: await w.spans(input.evidence, ['input', 'evidence']) });
        expect(await w.read('Issue', 'issue:half-written')).not.toBeNull();
        throw new Error('the writer failed midway');
      });
      await expect(failing).rejects.toThrow('the writer failed midway');
      expect(await snapshotKb(kb)).toBe(before);
    });
  });

  describe('Writes: reading the knowledge base as it was', () => {
    const QUESTIONS = `blockingIssues(parties: ["actor:united-states", "actor:iran"]) { issue { id } rules severity certainty reasons }
    commonGround(parties: ["actor:united-states", "actor:iran"], includeSilent: true) { issue { id } certainty }
    contradictions { first { id } second { id } certainty reason }
    timeline { position basis event { id } }`;

    it('answers the four questions asOf revision 1 exactly as the seed alone does', async () => {
      const seedOnly = await openTestKb(engine, { seed: true, label: 'writes_seed_only' });
      const fresh = await startTestServer(seedOnly.engine);
      try {
        const now = await fresh.gql(`{ ${QUESTIONS} }`);
        const then = await server.gql(`{ ${QUESTIONS.replace(/\) \{ issue/g, ', asOf: 1) { issue').replace('contradictions {', 'contradictions(asOf: 1) {').replace('timeline {', 'timeline(asOf: 1) {')} }`);
        expect(then.errors).toBeUndefined();
        expect(then.data).toEqual(now.data);
        const current = await server.gql(`{ ${QUESTIONS} }`);
        expect(current.data.blockingIssues).not.toEqual(now.data.blockingIssues);
      } finally {
        await fresh.close();
        await seedOnly.dispose();
      }
    });

    it('reads a node as it was, a since-deleted one included, and null before it existed', async () => {
      const history = await server.gql(`{ revisions(filter: { node: "issue:uranium-enrichment" }, last: 100) { edges { node { number changes { nodeId op } } } } }`);
      const created = Math.min(...history.data.revisions.edges.map((e: any) => e.node.number));
      const res = await server.gql(`{
      before: node(id: "issue:uranium-enrichment", asOf: ${created - 1}) { id }
      then: node(id: "issue:uranium-enrichment", asOf: ${created}) { ... on Issue { version evidence { exact } } }
      now: node(id: "issue:uranium-enrichment") { ... on Issue { version evidence { exact } } }
      many: nodes(ids: ["actor:iran", "issue:uranium-enrichment"], asOf: 1) { id }
    }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.before).toBeNull();
      expect(res.data.then).toEqual({ version: 1, evidence: [{ exact: 'enrichment rights' }] });
      expect(res.data.now.version).toBe(2);
      expect(res.data.now.evidence).toHaveLength(2);
      expect(res.data.many).toEqual([{ id: 'actor:iran' }, null]);

      const deleted = await mutate('createActor', 'CreateActorInput', { name: 'Muscat analysts', kind: 'GROUP_OF_PEOPLE', description: 'Analysts in Muscat.', evidence: [ev('Analysts in Muscat')] }, keys.EDITOR, 'actor { id version } revision { number } userErrors { code }');
      const { actor, revision } = deleted.data.createActor;
      const deletion = await mutate('deleteActor', 'DeleteActorInput', { id: actor.id, expectedVersion: 1 }, keys.ADMIN, 'revision { number }');
      const gone = await server.gql(`{
      now: node(id: "${actor.id}") { id }
      then: node(id: "${actor.id}", asOf: ${revision.number}) { ... on Actor { name version evidence { exact } } }
      tombstone: node(id: "${actor.id}", asOf: ${deletion.data.deleteActor.revision.number}) { ... on Actor { name version } }
    }`);
      expect(gone.data).toEqual({ now: null, then: { name: 'Muscat analysts', version: 1, evidence: [{ exact: 'Analysts in Muscat' }] }, tombstone: { name: 'Muscat analysts', version: 2 } });
    });

    it('refuses asOf below 1 or beyond the latest revision with BAD_USER_INPUT naming it', async () => {
      const latest = (await server.gql(`{ revisions(first: 1) { edges { node { number } } } }`)).data.revisions.edges[0].node.number;
      for (const asOf of [0, -3, latest + 1]) {
        for (const op of [`node(id: "actor:iran", asOf: ${asOf}) { id }`, `blockingIssues(asOf: ${asOf}) { issue { id } }`, `timeline(asOf: ${asOf}) { position }`]) {
          const res = await server.gql(`{ ${op} }`);
          expect(res.errors?.[0]?.extensions, `${op}`).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'asOf' });
        }
      }
    });
  });

  describe('Writes: a change writes what it changes, and nothing else', () => {
    /** The ids of the rows a node's write would rewrite: its evidence and its search documents. */
    const rowIds = async (id: string) => ({
      evidence: await sqlRows(kb.engine, 'SELECT id FROM evidence WHERE actor_id = ? ORDER BY id', [id]),
      search: await sqlRows(kb.engine, 'SELECT doc_key, id FROM search_documents WHERE entity_id = ? ORDER BY doc_key', [id]),
    });
    const version = (id: string) => sqlValue<number>(kb.engine, 'SELECT version FROM actors WHERE id = ?', [id]);

    it('leaves an actor’s evidence and search documents as they were when its code changes, and rewrites only the name’s document when its name does', async () => {
      const id = 'actor:oman';
      const before = await rowIds(id);
      expect(before.evidence.length).toBeGreaterThan(0);
      const coded = await mutate('updateActor', 'UpdateActorInput', { id, expectedVersion: await version(id), cameoCode: 'OMNGOV' }, keys.EDITOR, 'actor { cameoCode version } userErrors { code }');
      expect(coded.data.updateActor.userErrors).toEqual([]);
      expect(coded.data.updateActor.actor.cameoCode).toBe('OMNGOV');
      expect(await rowIds(id)).toEqual(before);

      const renamed = await mutate('updateActor', 'UpdateActorInput', { id, expectedVersion: await version(id), name: 'Sultanate of Oman' }, keys.EDITOR, 'actor { name } userErrors { code }');
      expect(renamed.data.updateActor.userErrors).toEqual([]);
      const after = await rowIds(id);
      expect(after.evidence).toEqual(before.evidence);
      const changed = after.search.filter((d) => !before.search.some((b) => b.doc_key === d.doc_key && b.id === d.id)).map((d) => d.doc_key);
      expect(changed).toEqual([`actor-name:${id}`]);
      const found = await server.gql('{ search(query: "Sultanate") { node { id } } }');
      expect(JSON.stringify(found.data)).toContain(id);
    });
  });

  describe('Writes: the answer is the node as stored', () => {
    const TABLE = { Actor: 'actors', Event: 'events', Statement: 'statements', Issue: 'issues' } as const;
    const cases: { mutation: string; input: string; type: keyof typeof TABLE; id: string; change: Record<string, unknown> }[] = [
      { mutation: 'updateActor', input: 'UpdateActorInput', type: 'Actor', id: 'actor:russia', change: { cameoCode: 'RUSGOV' } },
      { mutation: 'updateActor', input: 'UpdateActorInput', type: 'Actor', id: 'actor:turkey', change: { name: 'Türkiye', description: 'The Republic of Türkiye.' } },
      { mutation: 'updateEvent', input: 'UpdateEventInput', type: 'Event', id: 'event:ukraine-conflict', change: { title: 'The war in Ukraine' } },
      { mutation: 'updateStatement', input: 'UpdateStatementInput', type: 'Statement', id: 'statement:analysis-fragility', change: { summary: 'The talks are fragile.' } },
      { mutation: 'updateIssue', input: 'UpdateIssueInput', type: 'Issue', id: 'issue:sanctions-relief', change: { name: 'Relief from sanctions' } },
      // Parts changed: the answer is read back.
      { mutation: 'addEvidence', input: 'AddEvidenceInput', type: 'Actor', id: 'actor:russia', change: { evidence: [{ source: SEED, exact: 'Russia’s support for Iran' }] } },
    ];
    for (const c of cases) {
      it(`answers ${c.mutation} of ${c.id} (${Object.keys(c.change).join(', ')}) with the document a read gives back`, async () => {
        const version = await sqlValue<number>(kb.engine, `SELECT version FROM ${TABLE[c.type]} WHERE id = ?`, [c.id]);
        const key = c.mutation === 'addEvidence' ? 'node' : 'id';
        const res = await mutate(c.mutation, c.input, { [key]: c.id, expectedVersion: version, ...c.change }, keys.EDITOR, 'revision { number } userErrors { code message }');
        expect(res.data[c.mutation].userErrors).toEqual([]);
        const stored = await sqlValue<string | object>(kb.engine, 'SELECT result FROM revisions WHERE number = ?', [res.data[c.mutation].revision.number]);
        const answered = typeof stored === 'string' ? JSON.parse(stored) : stored;
        expect(answered).toEqual({ type: c.type, doc: JSON.parse(JSON.stringify(await readDoc(kb.engine, c.type, c.id))) });
      });
    }
  });

  describe('Writes: the stored order of first mention follows the evidence', () => {
    /** Rows whose `first_mention` is not the smallest start of their spans (none, when the triggers keep up). */
    const stale = async () => {
      // NULL-safe inequality: SQLite spells it IS NOT, PostgreSQL IS DISTINCT FROM.
      const differs = kb.kind === 'sqlite' ? 'IS NOT' : 'IS DISTINCT FROM';
      let n = 0;
      for (const [table, column] of [['actors', 'actor_id'], ['issues', 'issue_id'], ['events', 'event_id'], ['statements', 'statement_id']]) {
        n += await sqlValue<number>(kb.engine, `SELECT count(*) AS n FROM ${table} WHERE first_mention ${differs} (SELECT min(start) FROM evidence WHERE ${column} = ${table}.id)`);
      }
      return n;
    };
    const mention = () => sqlValue<number>(kb.engine, `SELECT first_mention AS at FROM actors WHERE id = 'actor:oman'`);
    const version = () => sqlValue<number>(kb.engine, `SELECT version FROM actors WHERE id = 'actor:oman'`);

    const rank = async () => {
      const res = await server.gql('{ actors(first: 100, orderBy: { field: MENTION }) { edges { node { id } } } }');
      return res.data.actors.edges.map((e: any) => e.node.id).indexOf('actor:oman') as number;
    };

    it('moves Oman up the order of mention when it gains the article’s opening words, and back when they are removed', async () => {
      const before = await mention();
      const rankBefore = await rank();
      expect(before).toBeGreaterThan(0);
      const opening = (await sqlValue<string>(kb.engine, 'SELECT text FROM sources WHERE id = ?', [SEED])).slice(0, 40);
      const added = await mutate('addEvidence', 'AddEvidenceInput', { node: 'actor:oman', expectedVersion: await version(), evidence: [{ source: SEED, exact: opening }] }, keys.EDITOR);
      expect(added.data.addEvidence.userErrors).toEqual([]);
      expect(await mention()).toBe(0);
      // Now only actors also mentioned at offset 0 with a smaller id come before it.
      const ahead = await sqlValue<number>(kb.engine, `SELECT count(*) FROM actors WHERE first_mention = 0 AND id < 'actor:oman'`);
      expect(await rank()).toBe(ahead);
      expect(ahead).toBeLessThan(rankBefore);

      const removed = await mutate('removeEvidence', 'RemoveEvidenceInput', { node: 'actor:oman', expectedVersion: await version(), source: SEED, start: 0, end: [...opening].length }, keys.EDITOR);
      expect(removed.data.removeEvidence.userErrors).toEqual([]);
      expect(await mention()).toBe(before);
      expect(await rank()).toBe(rankBefore);
      expect(await stale()).toBe(0);
    });
  });
});
