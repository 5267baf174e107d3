/**
 * N+1 is a test, not a hope: a nested query (actors → statements → issues → positions) runs
 * the same number of SQL statements whatever the number of rows, and so does every example
 * operation of the playground. Statements are counted at the driver (better-sqlite3's
 * `verbose`), so hand-prepared ones count as much as drizzle's.
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
import { openTestDb } from '../helpers/db.js';
import { startTestServer } from '../helpers/http.js';
import { syntheticPlan } from '../helpers/synthetic.js';

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

/** Runs the nested query on a KB of the given size and returns the SQL it ran and the rows. */
async function measure(actors: number, statementsPerActor: number) {
  const statements: string[] = [];
  let recording = false;
  const kb = await openTestDb({ seed: false, onStatement: (sql) => recording && statements.push(sql) });
  await writeSeed(kb, syntheticPlan(actors, statementsPerActor));
  const server = await startTestServer(kb.engine);
  try {
    recording = true;
    const res = await server.gql(NESTED);
    recording = false;
    expect(res.errors).toBeUndefined();
    const edges = res.data.actors.edges;
    const rows = edges.reduce((n: number, e: any) => n + e.node.statements.edges.length, 0);
    return { statements, actors: edges.length, rows, sample: edges[0].node };
  } finally {
    await server.close();
    kb.dispose();
  }
}

describe('Batching: nested queries run a constant number of SQL statements', () => {
  it('runs as many statements for 1,000 statements under 100 actors as for 10 under 5', async () => {
    const small = await measure(5, 2);
    const large = await measure(100, 10);
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

describe('Batching: every example operation runs as many SQL statements on a larger base', () => {
  it('counts the same statements for each example on the seed and on the seed plus 2,000 synthetic statements', async () => {
    const work = mkdtempSync(join(tmpdir(), 'kb-sql-count-'));
    const counted = async (grow: boolean) => {
      const statements: string[] = [];
      const box = { recording: false };
      const kb = await openTestDb({ onStatement: (sql) => box.recording && statements.push(sql) });
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
      small.kb.dispose();
      large.kb.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('Batching: a question asked under several aliases is computed once per request', () => {
  it('runs the SQL of blockingIssues once for three aliases with the same arguments', async () => {
    const statements: string[] = [];
    const box = { recording: false };
    // Each question reads in a snapshot; the snapshots open at once share one BEGIN and COMMIT on SQLite, so those are left out.
    const kb = await openTestDb({ onStatement: (sql) => box.recording && !/^(BEGIN|COMMIT)\b/.test(sql) && statements.push(sql) });
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
      kb.dispose();
    }
  });
});
