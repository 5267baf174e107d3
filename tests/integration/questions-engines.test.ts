/**
 * The questions answer on PostgreSQL exactly as on SQLite: the seed and a synthetic base, built
 * on SQLite and copied row for row into a PostgreSQL database made by the real migrations, asked
 * every question about pairs of parties, every actor and every issue, at two certainties; and the
 * timeline's scope, read through the indexes (the walk back through relations, whose text differs
 * per engine) and through the whole base, is one scope. Runs when the run has a PostgreSQL
 * (tests/setup/postgres.global.ts); the history (`asOf`) is not on PostgreSQL yet.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '../../src/bulk/import.js';
import { synthesize } from '../../src/bulk/synth.js';
import { statement, type Engine, type Param } from '../../src/db/engine.js';
import { factsFor } from '../../src/modules/question/facts.service.js';
import { answerBlockingIssues, answerCommonGround, answerContradictions, answerTimeline } from '../../src/modules/question/question.service.js';
import { Certainty } from '../../src/shared/enums.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { postgresAvailable } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';

/** What the questions read, parents before children. */
const TABLES = [
  'sources', 'places', 'actors', 'actor_aliases', 'affiliations', 'actor_relations', 'events', 'event_participants', 'event_relations', 'issues', 'issue_obstacles',
  'issue_obstacle_parties', 'event_issues', 'statements', 'statement_relations', 'statement_issues', 'positions', 'position_conditions', 'position_statements', 'revisions',
];

/** Copies the tables' rows (first mentions included) from SQLite into PostgreSQL, in one transaction. */
async function copyRows(from: TestDb, to: Engine): Promise<void> {
  await to.transaction(async (tx) => {
    for (const table of TABLES) {
      const rows = from.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      if (rows.length === 0) continue;
      const booleans = new Set((from.sqlite.prepare(`SELECT name FROM pragma_table_info(?) WHERE type = 'integer' AND name LIKE 'is_%'`).pluck().all(table) as string[]));
      const columns = Object.keys(rows[0]!);
      for (let start = 0; start < rows.length; start += 500) {
        const chunk = rows.slice(start, start + 500);
        const values = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
        const params = chunk.flatMap((row) => columns.map((c) => (booleans.has(c) ? row[c] === 1 : row[c]) as Param));
        await tx.run(statement(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`), params);
      }
    }
  });
}

const CERTAINTIES = [Certainty.POSSIBLE, Certainty.CERTAIN];

describe.runIf(postgresAvailable())('Questions on PostgreSQL answer as on SQLite', () => {
  let sqlite: TestDb;
  let pg: TestKb;
  let dir: string;
  let actors: string[];
  let issues: string[];

  beforeAll(async () => {
    sqlite = await openTestDb();
    dir = mkdtempSync(join(tmpdir(), 'kb-questions-engines-'));
    synthesize(1500, join(dir, 'bundle'));
    importBundle(sqlite, join(dir, 'bundle'), 'test');
    pg = await openTestKb('postgres', { label: 'questions' });
    await copyRows(sqlite, pg.engine);
    actors = sqlite.sqlite.prepare(`SELECT id FROM actors WHERE id NOT LIKE 'actor:official-%' OR id < 'actor:official-2' ORDER BY id`).pluck().all() as string[];
    issues = sqlite.sqlite.prepare('SELECT id FROM issues ORDER BY id').pluck().all() as string[];
  }, 120_000);
  afterAll(async () => {
    await pg?.dispose();
    sqlite?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('blockingIssues and commonGround, for pairs of parties and for everyone', async () => {
    let named = 0;
    for (const minCertainty of CERTAINTIES) {
      for (const parties of [null, ...actors.flatMap((a, i) => (i % 3 === 0 && actors[i + 1] ? [[a, actors[i + 1]!]] : []))]) {
        const args = { parties, minCertainty, asOf: null };
        const blocking = await answerBlockingIssues(sqlite, args);
        expect(await answerBlockingIssues(pg, args), JSON.stringify(args)).toEqual(blocking);
        const ground = await answerCommonGround(sqlite, { ...args, includeSilent: true });
        expect(await answerCommonGround(pg, { ...args, includeSilent: true }), JSON.stringify(args)).toEqual(ground);
        named += blocking.length + ground.length;
      }
    }
    expect(named).toBeGreaterThan(50);
  });

  it('contradictions and the timeline, for every actor, every issue and everything', async () => {
    let entries = 0;
    for (const minCertainty of CERTAINTIES) {
      // The whole timeline last: once it is kept, the others are read from it, not through their scopes.
      for (const asked of [...actors.map((actor) => ({ actor, issue: null })), ...issues.map((issue) => ({ actor: null, issue })), { actor: null, issue: null }]) {
        const args = { ...asked, minCertainty, asOf: null };
        expect(await answerContradictions(pg, args), JSON.stringify(args)).toEqual(await answerContradictions(sqlite, args));
        const timeline = await answerTimeline(sqlite, args);
        expect(await answerTimeline(pg, args), JSON.stringify(args)).toEqual(timeline);
        entries += timeline.length;
      }
    }
    expect(entries).toBeGreaterThan(1000);
  });

  it('reads one timeline scope through the indexes and through the whole base', async () => {
    const [onSqlite, onPg] = [await factsFor(sqlite, null), await factsFor(pg, null)];
    let read = 0;
    for (const asked of [...actors.map((actor) => ({ actor, issue: null })), ...issues.map((issue) => ({ actor: null, issue }))]) {
      const answer = await onPg.timelineAnswer(asked);
      expect(answer).toEqual(await onSqlite.timelineAnswer(asked));
      for (const budget of [Infinity, 0, 40]) {
        const { whole, ...scope } = await onPg.timelineFactsFor(answer, Certainty.POSSIBLE, budget);
        const { whole: wholeOnSqlite, ...scopeOnSqlite } = await onSqlite.timelineFactsFor(answer, Certainty.POSSIBLE, budget);
        expect(scope).toEqual(scopeOnSqlite);
        expect(whole === undefined).toBe(wholeOnSqlite === undefined);
        read += scope.events.length;
      }
    }
    expect(read).toBeGreaterThan(10_000);
  });
});
