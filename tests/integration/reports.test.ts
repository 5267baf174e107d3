/**
 * Many sources, one fact, on both engines over real HTTP: every seed fact has one report,
 * derived from its own reading; sources carry their publisher and what they reprint;
 * `setReport` and `removeReport` write one revision each on the fact, refuse without a key,
 * below EDITOR, with quotes of another source, with a stale version, or to take a fact's last
 * report, writing nothing (a snapshot of every table proves it); corroboration counts a
 * reprint as the story it copies; opposite polarity from two independent sources is a
 * CONFLICT and a dispute; history and `asOf` read reports as they were.
 *
 * The three articles below are invented for this test (marked TEST ARTICLE); they are never
 * part of the seed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../src/bulk/bundle.js';
import { importBundle } from '../../src/bulk/import.js';
import { readDoc } from '../../src/store/documents.js';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { testEngines } from '../helpers/engines.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { snapshotKb } from '../helpers/snapshot.js';

const SEED = 'source:us-iran-second-round-talks';
const FACT = 'statement:iran-threatens-us-bases';
const WIRE_TEXT = 'TEST ARTICLE (invented for the tests). Iran threatened to strike U.S. bases in the region should a conflict arise, officials in Tehran said on Monday.';
const REPRINT_TEXT = 'TEST ARTICLE (invented for the tests), reprinted. Iran threatened to strike U.S. bases in the region should a conflict arise, officials in Tehran said on Monday.';
const DENIAL_TEXT = 'TEST ARTICLE (invented for the tests). A foreign ministry spokesman said Iran never threatened to strike U.S. bases, calling the reports false.';
const WIRE = 'source:test-wire-iran-threat';
const REPRINT = 'source:test-reprint-iran-threat';
const DENIAL = 'source:test-denial-iran-threat';

const REPORT = 'source { id publisher reprintOf { id } } evidence { exact start } factuality { certainty polarity holder { id } cues { exact } }';
const FACT_FIELDS = `id version factuality { certainty polarity } reports { ${REPORT} } corroboration { sources independentSources publishers agreement }`;
const PAYLOAD = `report { ${REPORT} } fact { ... on Statement { ${FACT_FIELDS} } } revision { number changes { nodeId op } } userErrors { code field message }`;

describe.each(testEngines())('Reports on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  const keys = {} as Record<Role, string>;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'reports' });
    server = await startTestServer(kb.engine);
    for (const role of Object.values(Role)) keys[role] = (await createKey(kb.engine, role, `${role.toLowerCase()} desk`)).key;
  });
  afterAll(async () => {
    await server?.close();
    await kb?.dispose();
  });

  const mutate = (name: string, input: unknown, key: string | undefined, select = PAYLOAD) =>
    server.gql(`mutation($input: ${name.charAt(0).toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${select} } }`, { input }, key);
  const fact = async (asOf?: number) => (await server.gql(`query($id: ID!, $asOf: Int) { node(id: $id, asOf: $asOf) { ... on Statement { ${FACT_FIELDS} } } }`, { id: FACT, asOf })).data.node;

  describe('Reports: the seed', () => {
    it('gives every event, statement and position one report, its own reading of the seed source', async () => {
      const sel = `edges { node { id factuality { certainty polarity holder { id } cues { exact start } } evidence { exact start } reports { ${REPORT} } corroboration { sources independentSources publishers agreement } } }`;
      const res = await server.gql(`{ events(first: 100) { ${sel} } statements(first: 100) { ${sel} } positions(first: 100) { ${sel} } }`);
      expect(res.errors).toBeUndefined();
      const facts = [...res.data.events.edges, ...res.data.statements.edges, ...res.data.positions.edges].map((e: { node: any }) => e.node);
      expect(facts.length).toBeGreaterThan(30);
      for (const f of facts) {
        expect(f.reports, f.id).toHaveLength(1);
        const [r] = f.reports;
        expect(r.source).toEqual({ id: SEED, publisher: null, reprintOf: null });
        expect(r.evidence.map((e: { exact: string; start: number }) => [e.exact, e.start]), f.id).toEqual(f.evidence.map((e: { exact: string; start: number }) => [e.exact, e.start]));
        expect({ ...r.factuality, cues: r.factuality.cues.map((c: { exact: string }) => c.exact) }, f.id).toEqual({ ...f.factuality, cues: f.factuality.cues.map((c: { exact: string }) => c.exact) });
        expect(f.corroboration).toEqual({ sources: 1, independentSources: 1, publishers: [], agreement: 'SINGLE_SOURCE' });
      }
    });

    it('has no disputes', async () => {
      expect((await server.gql('{ disputes { reason } }')).data.disputes).toEqual([]);
    });
  });

  describe('Reports: sources with a publisher, and reprints', () => {
    it('adds sources with their publisher, a reprint naming what it reprints', async () => {
      const select = 'source { id publisher publishedOn { iso } reprintOf { id } } userErrors { code field message }';
      const wire = await mutate('addSource', { id: WIRE, title: 'Test wire', text: WIRE_TEXT, publisher: 'Test Wire Service', publishedOn: { precision: 'DAY', year: 2026, month: 1, day: 12 } }, keys.EDITOR, select);
      expect(wire.data.addSource).toEqual({ source: { id: WIRE, publisher: 'Test Wire Service', publishedOn: { iso: '2026-01-12' }, reprintOf: null }, userErrors: [] });
      const reprint = await mutate('addSource', { id: REPRINT, title: 'Test reprint', text: REPRINT_TEXT, publisher: 'Test Gazette', reprintOf: WIRE, publishedOn: { precision: 'DAY', year: 2026, month: 1, day: 13 } }, keys.EDITOR, select);
      expect(reprint.data.addSource).toEqual({ source: { id: REPRINT, publisher: 'Test Gazette', publishedOn: { iso: '2026-01-13' }, reprintOf: { id: WIRE } }, userErrors: [] });
      const denial = await mutate('addSource', { id: DENIAL, title: 'Test denial', text: DENIAL_TEXT, publisher: 'Test Tehran Daily', publishedOn: { precision: 'MONTH', year: 2026, month: 1 } }, keys.EDITOR, select);
      expect(denial.data.addSource.userErrors).toEqual([]);
    });

    it('refuses a reprint of a source that does not exist, or of itself, writing nothing', async () => {
      const before = await snapshotKb(kb);
      const unknown = await mutate('addSource', { title: 'Orphan reprint', text: 'TEST ARTICLE (invented for the tests): an orphan.', reprintOf: 'source:nowhere' }, keys.EDITOR, 'source { id } userErrors { code field }');
      expect(unknown.data.addSource).toEqual({ source: null, userErrors: [{ code: 'INVALID_REFERENCE', field: ['input', 'reprintOf'] }] });
      const itself = await mutate('addSource', { id: 'source:test-self', title: 'Self', text: 'TEST ARTICLE (invented for the tests): itself.', reprintOf: 'source:test-self' }, keys.EDITOR, 'source { id } userErrors { code field }');
      expect(itself.data.addSource).toEqual({ source: null, userErrors: [{ code: 'INVALID_VALUE', field: ['input', 'reprintOf'] }] });
      expect(await snapshotKb(kb)).toBe(before);
    });
  });

  describe('Reports: setReport and removeReport', () => {
    const wireQuote = { source: WIRE, exact: 'Iran threatened to strike U.S. bases in the region' };

    for (const name of ['setReport', 'removeReport']) {
      it(`${name}: no key → UNAUTHENTICATED, READER → FORBIDDEN, nothing written`, async () => {
        const input = name === 'setReport' ? { fact: FACT, source: WIRE, evidence: [wireQuote] } : { fact: FACT, source: SEED, expectedVersion: 1 };
        const before = await snapshotKb(kb);
        const anonymous = await mutate(name, input, undefined, 'userErrors { code }');
        expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        const reader = await mutate(name, input, keys.READER, 'userErrors { code }');
        expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(await snapshotKb(kb)).toBe(before);
      });
    }

    it('refuses evidence or cues quoted from another source than the report’s, a stale version, and an unhedged NEGATIVE, writing nothing', async () => {
      const before = await snapshotKb(kb);
      const wrong = await mutate('setReport', { fact: FACT, source: WIRE, evidence: [{ source: SEED, exact: 'Iran has denied' }] }, keys.EDITOR);
      expect(wrong.data.setReport).toMatchObject({ report: null, fact: null, revision: null, userErrors: [{ code: 'INVALID_VALUE', field: ['input', 'evidence', '0', 'source'] }] });
      const wrongCue = await mutate('setReport', { fact: FACT, source: WIRE, evidence: [wireQuote], certainty: 'PROBABLE', cues: [{ source: SEED, exact: 'could' }] }, keys.EDITOR);
      expect(wrongCue.data.setReport.userErrors).toMatchObject([{ code: 'INVALID_VALUE', field: ['input', 'cues', '0', 'source'] }]);
      const stale = await mutate('setReport', { fact: FACT, source: WIRE, evidence: [wireQuote], expectedVersion: 7 }, keys.EDITOR);
      expect(stale.data.setReport.userErrors).toMatchObject([{ code: 'VERSION_CONFLICT' }]);
      const absent = await mutate('setReport', { fact: FACT, source: WIRE, evidence: [{ source: WIRE, exact: 'not in the text' }] }, keys.EDITOR);
      expect(absent.data.setReport.userErrors).toMatchObject([{ code: 'EVIDENCE_NOT_FOUND' }]);
      const unhedged = await mutate('setReport', { fact: FACT, source: DENIAL, evidence: [{ source: DENIAL, exact: 'Iran never threatened to strike U.S. bases' }], polarity: 'NEGATIVE' }, keys.EDITOR);
      expect(unhedged.data.setReport.userErrors).toMatchObject([{ code: 'INVALID_VALUE', field: ['input', 'cues'] }]);
      const notAFact = await mutate('setReport', { fact: 'actor:iran', source: WIRE, evidence: [wireQuote] }, keys.EDITOR);
      expect(notAFact.data.setReport.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'fact'] }]);
      const last = await mutate('removeReport', { fact: FACT, source: SEED, expectedVersion: 1 }, keys.EDITOR);
      expect(last.data.removeReport.userErrors).toMatchObject([{ code: 'INVALID_VALUE', field: ['input', 'source'] }]);
      expect(await snapshotKb(kb)).toBe(before);
    });

    let firstRevision = 0;
    it('adds a second source’s report as one revision on the fact, its version one up; two independent sources concur', async () => {
      const res = await mutate('setReport', { fact: FACT, source: WIRE, evidence: [wireQuote], expectedVersion: 1, summary: 'The wire reports the threat' }, keys.EDITOR);
      expect(res.errors).toBeUndefined();
      const { report, fact: f, revision, userErrors } = res.data.setReport;
      expect(userErrors).toEqual([]);
      firstRevision = revision.number;
      expect(revision.changes).toEqual([{ nodeId: FACT, op: 'UPDATE' }]);
      expect(report).toEqual({ source: { id: WIRE, publisher: 'Test Wire Service', reprintOf: null }, evidence: [{ exact: wireQuote.exact, start: 39 }], factuality: { certainty: 'CERTAIN', polarity: 'POSITIVE', holder: null, cues: [] } });
      expect(f.version).toBe(2);
      // Dated sources first, the undated seed last.
      expect(f.reports.map((r: { source: { id: string } }) => r.source.id)).toEqual([WIRE, SEED]);
      expect(f.corroboration).toEqual({ sources: 2, independentSources: 2, publishers: ['Test Wire Service'], agreement: 'CONCUR' });
    });

    it('counts a reprint as the story it copies, never on top of it', async () => {
      const res = await mutate('setReport', { fact: FACT, source: REPRINT, evidence: [{ source: REPRINT, exact: 'Iran threatened to strike U.S. bases' }] }, keys.EDITOR);
      expect(res.data.setReport.userErrors).toEqual([]);
      expect(res.data.setReport.fact.reports.map((r: { source: { id: string } }) => r.source.id)).toEqual([WIRE, REPRINT, SEED]);
      expect(res.data.setReport.fact.corroboration).toEqual({ sources: 3, independentSources: 2, publishers: ['Test Gazette', 'Test Wire Service'], agreement: 'CONCUR' });
    });

    it('marks opposite polarity from an independent source a CONFLICT, and lists the fact among the disputes', async () => {
      const res = await mutate('setReport', {
        fact: FACT, source: DENIAL, evidence: [{ source: DENIAL, exact: 'Iran never threatened to strike U.S. bases' }], polarity: 'NEGATIVE', cues: [{ source: DENIAL, exact: 'never threatened' }], holder: 'actor:iran',
      }, keys.EDITOR);
      expect(res.data.setReport.userErrors).toEqual([]);
      expect(res.data.setReport.report.factuality).toEqual({ certainty: 'CERTAIN', polarity: 'NEGATIVE', holder: { id: 'actor:iran' }, cues: [{ exact: 'never threatened' }] });
      expect(res.data.setReport.fact.corroboration).toMatchObject({ sources: 4, independentSources: 3, agreement: 'CONFLICT' });
      // A fact's own factuality stays the reading of the source it was first recorded from.
      expect(res.data.setReport.fact.factuality).toEqual({ certainty: 'CERTAIN', polarity: 'POSITIVE' });
      const disputes = await server.gql('{ disputes(first: 5) { fact { id } reason reports { source { id } factuality { polarity } } } }');
      expect(disputes.errors).toBeUndefined();
      expect(disputes.data.disputes).toHaveLength(1);
      expect(disputes.data.disputes[0].fact).toEqual({ id: FACT });
      expect(disputes.data.disputes[0].reason).toContain(DENIAL);
      expect(disputes.data.disputes[0].reports).toHaveLength(4);
      expect((await server.gql('query($after: String) { disputes(after: $after) { fact { id } } }', { after: FACT })).data.disputes).toEqual([]);
      expect((await server.gql('{ disputes(first: 0) { reason } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('replaces a source’s report only at the version read', async () => {
      const current = await fact();
      const replacing = await mutate('setReport', { fact: FACT, source: WIRE, evidence: [wireQuote], certainty: 'PROBABLE', cues: [{ source: WIRE, exact: 'officials in Tehran said' }] }, keys.EDITOR);
      expect(replacing.data.setReport.userErrors).toMatchObject([{ code: 'INVALID_VALUE', field: ['input', 'expectedVersion'] }]);
      const res = await mutate('setReport', { fact: FACT, source: WIRE, evidence: [wireQuote], certainty: 'PROBABLE', cues: [{ source: WIRE, exact: 'officials in Tehran said' }], expectedVersion: current.version }, keys.EDITOR);
      expect(res.data.setReport.userErrors).toEqual([]);
      expect(res.data.setReport.fact.version).toBe(current.version + 1);
      expect(res.data.setReport.report.factuality.certainty).toBe('PROBABLE');
    });

    it('keeps other sources’ reports when the fact’s own reading changes, and its own source’s report follows', async () => {
      const current = await fact();
      const res = await mutate('updateStatement', { id: FACT, expectedVersion: current.version, factuality: { certainty: 'PROBABLE', cues: [{ source: SEED, exact: 'should a military conflict arise' }] } }, keys.EDITOR, 'statement { id } userErrors { code message }');
      expect(res.data.updateStatement.userErrors).toEqual([]);
      const after = await fact();
      const bySource = Object.fromEntries(after.reports.map((r: { source: { id: string }; factuality: unknown }) => [r.source.id, r.factuality]));
      expect(bySource[SEED]).toMatchObject({ certainty: 'PROBABLE', cues: [{ exact: 'should a military conflict arise' }] });
      expect(bySource[WIRE]).toMatchObject({ certainty: 'PROBABLE', cues: [{ exact: 'officials in Tehran said' }] });
      expect(bySource[DENIAL]).toMatchObject({ polarity: 'NEGATIVE' });
      expect(after.reports).toHaveLength(4);
    });

    it('removes one source’s report as one revision; the dispute ends with it', async () => {
      const current = await fact();
      const res = await mutate('removeReport', { fact: FACT, source: DENIAL, expectedVersion: current.version }, keys.EDITOR);
      expect(res.data.removeReport.userErrors).toEqual([]);
      expect(res.data.removeReport.report).toBeNull();
      expect(res.data.removeReport.revision.changes).toEqual([{ nodeId: FACT, op: 'UPDATE' }]);
      expect(res.data.removeReport.fact.corroboration).toMatchObject({ sources: 3, independentSources: 2, agreement: 'CONCUR' });
      expect((await server.gql('{ disputes { reason } }')).data.disputes).toEqual([]);
      const missing = await mutate('removeReport', { fact: FACT, source: DENIAL, expectedVersion: current.version + 1 }, keys.EDITOR);
      expect(missing.data.removeReport.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'source'] }]);
    });

    it('reads reports as they were with asOf, and records them in the fact’s change', async () => {
      const then = await fact(firstRevision - 1);
      expect(then.reports.map((r: { source: { id: string } }) => r.source.id)).toEqual([SEED]);
      expect(then.corroboration.agreement).toBe('SINGLE_SOURCE');
      const at = await fact(firstRevision);
      expect(at.reports.map((r: { source: { id: string } }) => r.source.id)).toEqual([WIRE, SEED]);
      const change = await server.gql('{ revisions(first: 50) { edges { node { number summary changes { nodeId after } } } } }');
      const revision = change.data.revisions.edges.map((e: { node: any }) => e.node).find((r: { number: number }) => r.number === firstRevision);
      expect(revision.summary).toBe('The wire reports the threat');
      expect(revision.changes[0].after.reports.map((r: { sourceId: string }) => r.sourceId)).toEqual([WIRE, SEED].sort());
    });
  });

  describe('Reports: bundles', () => {
    it('exports reports that differ from a fact’s own reading, and imports them back as they were', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kb-reports-bundle-'));
      const other = await openTestKb(engine, { label: 'reports_bundle' });
      try {
        await exportBundle(kb.engine, dir);
        const statements = readFileSync(join(dir, 'data', 'statements.yaml'), 'utf8');
        // Only the fact given other sources' reports carries them; the rest keep their entries as before.
        expect(statements.match(/^ {2}reports:/gm)).toHaveLength(1);
        await importBundle(other, dir, 'test');
        const read = async (engine: TestKb) => JSON.stringify((await readDoc(engine.engine, 'Statement', FACT))!.reports);
        expect(await read(other)).toBe(await read(kb));
        expect(JSON.parse(await read(other)).map((r: { sourceId: string }) => r.sourceId)).toEqual([REPRINT, WIRE, SEED].sort());
        expect((await importBundle(other, dir, 'test')).revision).toBeNull();
      } finally {
        await other.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
