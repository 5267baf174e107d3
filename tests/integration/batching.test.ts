/**
 * N+1 is a test, not a hope: a nested query (actors → statements → issues → positions) runs
 * the same number of SQL statements whatever the number of rows, and so does every example
 * operation of the playground, and `nodes(ids, asOf)` whatever the number of ids. On SQLite
 * and on PostgreSQL. Statements are counted where the driver runs them (`onStatement`:
 * better-sqlite3's `verbose` on SQLite; on PostgreSQL every query the engine sends through
 * node-postgres, BEGIN and COMMIT included), so hand-prepared ones count as much as any.
 *
 * On PostgreSQL the counted knowledge bases have a pool of one connection, as SQLite has one:
 * with several, two loaders' batches race, and whether a later load finds its row already
 * cached (and joins an earlier batch of the next loader) or not depends on which answer came
 * first; the count would then vary with the scheduling, not with the data (seen: commonGround's
 * affiliations read in one batch or two). One connection answers in the order asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../../src/bulk/import.js';
import { synthesize } from '../../src/bulk/synth.js';
import { loadExamples } from '../../src/http/examples.loader.js';
import { projectRoot } from '../../src/shared/paths.js';
import { writeSeed } from '../../src/bulk/import.js';
import { CodePointText } from '../../src/shared/text-span.js';
import { testEngines } from '../helpers/engines.js';
import { startTestServer } from '../helpers/http.js';
import { openTestKb } from '../helpers/kb.js';
import { syntheticPlan } from '../helpers/synthetic.js';
import type { EngineName } from '../helpers/engines.js';

const NESTED = `{
  actors(first: 100) {
    totalCount
    edges { node { id name aliases evidence { exact }
      statements(first: 10) { totalCount edges { node { id summary
        issues { id name positions { stance actor { name } } }
      } } }
    } }
  }
}`;

/** Every fact of a page with its reports (their sources, spans, factuality) and corroboration. */
const REPORTED = `{
  statements(first: 100) { edges { node { id
    reports { source { id publisher reprintOf { id } } evidence { exact } factuality { certainty polarity holder { id } cues { exact } } }
    corroboration { sources independentSources publishers agreement } } } }
  positions(first: 100) { edges { node { id reports { source { id } } corroboration { agreement } } } }
  events(first: 100) { edges { node { id reports { evidence { exact } } corroboration { sources } } } }
}`;

/** Runs the nested query (or `query`) on a KB of the given size and returns the SQL it ran and the rows. */
async function measure(engine: EngineName, actors: number, statementsPerActor: number, query = NESTED) {
  const statements: string[] = [];
  let recording = false;
  const kb = await openTestKb(engine, { label: 'batching', poolSize: 1, onStatement: (sql) => recording && statements.push(sql) });
  const plan = syntheticPlan(actors, statementsPerActor);
  if (query !== NESTED) {
    // Each statement cites its own sentence, so each gets its report when written.
    const text = new CodePointText(plan.sources[0]!.text);
    for (const s of plan.statements) {
      const [, a, n] = /^statement:a(\d+)-s(\d+)$/.exec(s.id)!;
      plan.evidence.push({ sourceId: 'source:synthetic', ...text.locate(`Actor number ${a} made claim number ${n}.`), statementId: s.id });
    }
  }
  await writeSeed(kb, plan);
  const server = await startTestServer(kb.engine);
  try {
    recording = true;
    const res = await server.gql(query);
    recording = false;
    expect(res.errors).toBeUndefined();
    if (query !== NESTED) return { statements, actors: 0, rows: res.data.statements.edges.length, sample: res.data.statements.edges[0].node };
    const edges = res.data.actors.edges;
    const rows = edges.reduce((n: number, e: any) => n + e.node.statements.edges.length, 0);
    return { statements, actors: edges.length, rows, sample: edges[0].node };
  } finally {
    await server.close();
    await kb.dispose();
  }
}

describe.each(testEngines())('Batching on $engine', ({ engine }) => {
  describe('Batching: nested queries run a constant number of SQL statements', () => {
    it('runs as many statements for 1,000 statements under 100 actors as for 10 under 5', async () => {
      const small = await measure(engine, 5, 2);
      const large = await measure(engine, 100, 10);
      expect(small.rows).toBe(10);
      expect(large.rows).toBe(1000);
      expect(large.actors).toBe(100);
      // The nested data is really there: issues and their positions for every statement.
      expect(large.sample.statements.edges[0].node.issues[0].positions).toHaveLength(100);
      console.log(`nested query: ${small.statements.length} SQL statements for ${small.rows} rows, ${large.statements.length} for ${large.rows}`);
      expect(large.statements.length).toBe(small.statements.length);
      expect(small.statements.length).toBeLessThan(20);
    });
  });

  describe('Batching: reports and corroboration of a page of facts are batched', () => {
    it('runs as many statements for a page of 100 reported facts as for 10', async () => {
      const small = await measure(engine, 5, 2, REPORTED);
      const large = await measure(engine, 10, 10, REPORTED);
      expect(small.rows).toBe(10);
      expect(large.rows).toBe(100);
      expect(large.sample.reports).toHaveLength(1);
      expect(large.sample.corroboration).toMatchObject({ sources: 1, independentSources: 1, agreement: 'SINGLE_SOURCE' });
      console.log(`reports and corroboration: ${small.statements.length} SQL statements for ${small.rows} statements, ${large.statements.length} for ${large.rows}`);
      expect(large.statements.length).toBe(small.statements.length);
      expect(small.statements.length).toBeLessThan(25);
    });
  });

  describe('Batching: every example operation runs as many SQL statements on a larger base', () => {
    it('counts the same statements for each example on the seed and on the seed plus 2,000 synthetic statements', async () => {
      const work = mkdtempSync(join(tmpdir(), 'kb-sql-count-'));
      const counted = async (grow: boolean) => {
        const statements: string[] = [];
        const box = { recording: false };
        const kb = await openTestKb(engine, { seed: true, label: 'batching_examples', poolSize: 1, onStatement: (sql) => box.recording && statements.push(sql) });
        if (grow) {
          synthesize(2000, join(work, 'synth'));
          await importBundle(kb, join(work, 'synth'), 'test');
        }
        return { kb, statements, box };
      };
      const small = await counted(false);
      const large = await counted(true);
      const servers = await Promise.all([startTestServer(small.kb.engine), startTestServer(large.kb.engine)]);
      try {
        const examples = loadExamples(join(projectRoot(), 'schema', 'examples'));
        expect(examples.length).toBeGreaterThan(10);
        const report: string[] = [];
        for (const example of examples) {
          const variables = example.variables ? JSON.parse(example.variables) : undefined;
          const counts = [];
          for (const [i, run] of [small, large].entries()) {
            run.statements.length = 0;
            run.box.recording = true;
            const res = await servers[i]!.gql(example.query, variables);
            run.box.recording = false;
            expect(res.errors, example.name).toBeUndefined();
            counts.push(run.statements.length);
          }
          report.push(`${example.name} ${counts[0]}`);
          expect(counts[1], `${example.name}: SQL statements on the larger base`).toBe(counts[0]);
          expect(counts[0], example.name).toBeGreaterThan(0);
        }
        console.log(`SQL statements per example operation: ${report.join(', ')}`);
      } finally {
        await Promise.all(servers.map((s) => s.close()));
        await small.kb.dispose();
        await large.kb.dispose();
        rmSync(work, { recursive: true, force: true });
      }
    });
  });

  describe('Batching: a question asked under several aliases is computed once per request', () => {
    it('runs the SQL of blockingIssues once for three aliases with the same arguments', async () => {
      const statements: string[] = [];
      const box = { recording: false };
      // Each question reads in a snapshot; the snapshots open at once share one BEGIN and COMMIT on SQLite (each has its own on PostgreSQL), so those are left out.
      const kb = await openTestKb(engine, { seed: true, label: 'batching_aliases', poolSize: 1, onStatement: (sql) => box.recording && !/^(BEGIN|COMMIT)\b/.test(sql) && statements.push(sql) });
      const server = await startTestServer(kb.engine);
      try {
        const one = '{ a: blockingIssues(parties: ["actor:united-states", "actor:iran"]) { rule severity certainty } }';
        const three = '{ a: blockingIssues(parties: ["actor:united-states", "actor:iran"]) { rule severity certainty } b: blockingIssues(parties: ["actor:united-states", "actor:iran"]) { rule severity certainty } c: blockingIssues(parties: ["actor:iran", "actor:united-states"], minCertainty: CERTAIN) { rule severity certainty } }';
        const count = async (query: string) => {
          statements.length = 0;
          box.recording = true;
          const res = await server.gql(query);
          box.recording = false;
          expect(res.errors).toBeUndefined();
          return { n: statements.length, data: res.data };
        };
        const other = '{ c: blockingIssues(parties: ["actor:iran", "actor:united-states"], minCertainty: CERTAIN) { rule severity certainty } }';
        const single = await count(one);
        const alone = await count(other);
        const aliased = await count(three);
        expect(aliased.data.b).toEqual(aliased.data.a);
        expect(aliased.data.a).toEqual(single.data.a);
        expect(aliased.data.c).toEqual(alone.data.c);
        // a and b share one computation; c asks something else (another floor) and computes its own.
        expect(single.n).toBeGreaterThan(0);
        expect(aliased.n).toBe(single.n + alone.n);
      } finally {
        await server.close();
        await kb.dispose();
      }
    });
  });

  describe('Batching: nodes(ids, asOf) reads any number of nodes in the same statements', () => {
    it('runs as many statements at the driver for 50 ids as for 2, every node read as it was', async () => {
      const statements: string[] = [];
      let recording = false;
      const kb = await openTestKb(engine, { label: 'batching_asof', poolSize: 1, onStatement: (sql) => recording && statements.push(sql) });
      // 20 actors, 40 statements, 60 positions and 3 issues, all created by revision 1.
      await writeSeed(kb, syntheticPlan(20, 2));
      const server = await startTestServer(kb.engine);
      try {
        const ids = [...Array.from({ length: 20 }, (_, a) => `actor:a${a}`), ...Array.from({ length: 30 }, (_, i) => `statement:a${i % 20}-s${Math.floor(i / 20)}`)];
        expect(new Set(ids).size).toBe(50);
        const count = async (asked: string[]) => {
          statements.length = 0;
          recording = true;
          const res = await server.gql('query($ids: [ID!]!) { nodes(ids: $ids, asOf: 1) { id ... on Actor { name } ... on Statement { summary } } }', { ids: asked });
          recording = false;
          expect(res.errors).toBeUndefined();
          expect(res.data.nodes.map((n: any) => n.id)).toEqual(asked);
          expect(res.data.nodes.every((n: any) => (n.name ?? n.summary).length > 0)).toBe(true);
          return statements.length;
        };
        const two = await count(ids.slice(0, 2));
        const fifty = await count(ids);
        console.log(`nodes(ids, asOf) on ${engine}: ${two} SQL statements for 2 ids, ${fifty} for 50`);
        expect(two).toBeGreaterThan(0);
        expect(fifty).toBe(two);
      } finally {
        await server.close();
        await kb.dispose();
      }
    });
  });
});
