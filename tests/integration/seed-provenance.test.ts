/**
 * The seeded knowledge base against its article: every span matches, every fact cites
 * evidence, no date is invented, and the article's sentences are covered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import * as t from '../../src/db/tables.js';
import { SEED_DIR } from '../../src/shared/paths.js';
import { articleSentences } from '../../src/shared/sentences.js';
import { openTestDb, type TestDb } from '../helpers/db.js';

const article = readFileSync(join(SEED_DIR, '000_5a5392c784a70cea.txt'), 'utf8');
let kb: TestDb;

beforeAll(async () => {
  kb = await openTestDb();
});
afterAll(() => kb.dispose());

describe('Seed: every evidence span equals the article at its offsets', () => {
  it('stores the article verbatim as the source text', () => {
    const [source] = kb.db.select().from(t.sources).all();
    expect(source!.text).toBe(article);
  });

  it('has exact, prefix and suffix equal to the article’s code points at start/end, for evidence and factuality cues alike', () => {
    const points = [...article];
    const evidence = kb.db.select().from(t.evidence).all();
    const cues = kb.db.select().from(t.factualityCues).all();
    expect(evidence.length).toBeGreaterThan(100);
    expect(cues.length).toBeGreaterThan(20);
    for (const [what, rows] of [['evidence', evidence], ['cue', cues]] as const) {
      for (const e of rows) {
        expect(points.slice(e.start, e.end).join(''), `${what} #${e.id}`).toBe(e.exact);
        expect(points.slice(Math.max(0, e.start - 32), e.start).join('')).toBe(e.prefix);
        expect(points.slice(e.end, e.end + 32).join('')).toBe(e.suffix);
      }
    }
  });
});

describe('Seed: every hedge cites its cue', () => {
  it('gives every event, statement and position that is not CERTAIN and POSITIVE at least one cue span', () => {
    for (const [what, table, column] of [
      ['event', t.events, t.factualityCues.eventId],
      ['statement', t.statements, t.factualityCues.statementId],
      ['position', t.positions, t.factualityCues.positionId],
    ] as const) {
      const rows = kb.db.all<{ id: string; cues: number }>(
        sql`SELECT ${table.id} AS id, (SELECT count(*) FROM ${t.factualityCues} WHERE ${column} = ${table.id}) AS cues FROM ${table}
            WHERE ${table.certainty} <> 'CERTAIN' OR ${table.polarity} <> 'POSITIVE'`,
      );
      expect(rows.length, what).toBeGreaterThan(0);
      expect(rows.filter((r) => r.cues === 0).map((r) => r.id), what).toEqual([]);
    }
  });

  it('marks CERTAIN no fact whose evidence hedges it, unless the hedge is on something else (each such case justified here)', () => {
    // Fact id → why the hedge word in its evidence does not hedge the fact itself.
    const justified: Record<string, string> = {
      'event:oman-talks-first-round': '"potential" hedges the renewed talks, not the first round',
      'event:us-military-preparations': '"potential" hedges the operations (a POSSIBLE event of their own); the source states the preparations itself',
      'statement:us-officials-military-preparations': '"could last" hedges the operations’ length and "possibility" the meeting; the officials state the preparations',
      'statement:reports-military-planning': 'the source takes the involvement "highlighted by recent reports" as given ("signals a shift")',
      'statement:reports-of-direct-communication': 'that the reports were made is stated (Iran denied them); the communication they allege is an UNDERSPECIFIED event',
      'statement:iran-denies-messages': '"reports" is what is denied',
      'statement:us-seeks-to-curtail-nuclear-weapon': '"could trigger" is the content of the U.S. fear, not a hedge of its aim',
      'statement:analysis-glimmer-of-hope': '"potential" hedges the talks; that their potential offers a glimmer of hope is stated',
      'statement:analysis-success-depends-on-both-sides': '"potential" hedges the agreement; what its success depends on is stated',
      'position:us-second-round': 'weighing and considering a second round is the openness the position records, stated plainly',
      'position:iran-second-round': 'weighing a second round is the openness the position records, stated plainly',
    };
    const hedge = /\b(likely|could|suggests?|potential(ly)?|may|might|reports?|possib\w*|weighing|considered)\b/i;
    const found = new Set<string>();
    for (const [table, column] of [[t.events, t.evidence.eventId], [t.statements, t.evidence.statementId], [t.positions, t.evidence.positionId]] as const) {
      const rows = kb.db.all<{ id: string; exact: string }>(
        sql`SELECT f.id AS id, ${t.evidence.exact} AS exact FROM ${table} AS f JOIN ${t.evidence} ON ${column} = f.id WHERE f.certainty = 'CERTAIN'`,
      );
      for (const row of rows) if (hedge.test(row.exact)) found.add(row.id);
    }
    expect([...found].sort()).toEqual(Object.keys(justified).sort());
  });

  it('rests every forecast “is likely to” on PROBABLE and every “could” in a cue on POSSIBLE', () => {
    const cued = kb.db.all<{ exact: string; certainty: string }>(sql`
      SELECT c.exact AS exact, coalesce(p.certainty, s.certainty, e.certainty) AS certainty FROM ${t.factualityCues} AS c
      LEFT JOIN ${t.positions} AS p ON p.id = c.position_id LEFT JOIN ${t.statements} AS s ON s.id = c.statement_id LEFT JOIN ${t.events} AS e ON e.id = c.event_id`);
    const likely = cued.filter((c) => /likely to/.test(c.exact));
    const could = cued.filter((c) => /^could /.test(c.exact));
    expect(likely.length).toBeGreaterThan(2);
    expect(could.length).toBeGreaterThan(2);
    expect(new Set(likely.map((c) => c.certainty))).toEqual(new Set(['PROBABLE']));
    expect(new Set(could.map((c) => c.certainty))).toEqual(new Set(['POSSIBLE']));
  });
});

describe('Seed: every fact cites evidence', () => {
  const cases = [
    ['actor', t.actors, t.evidence.actorId],
    ['event', t.events, t.evidence.eventId],
    ['statement', t.statements, t.evidence.statementId],
    ['issue', t.issues, t.evidence.issueId],
    ['position', t.positions, t.evidence.positionId],
    ['affiliation', t.affiliations, t.evidence.affiliationId],
    ['actor relation', t.actorRelations, t.evidence.actorRelationId],
    ['event relation', t.eventRelations, t.evidence.eventRelationId],
    ['statement relation', t.statementRelations, t.evidence.statementRelationId],
    ['obstacle', t.issueObstacles, t.evidence.obstacleId],
  ] as const;
  for (const [what, table, column] of cases) {
    it(`cites at least one span for every ${what}`, () => {
      const rows = kb.db.all<{ id: string; spans: number }>(
        sql`SELECT ${table.id} AS id, (SELECT count(*) FROM ${t.evidence} WHERE ${column} = ${table.id}) AS spans FROM ${table}`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.spans === 0).map((r) => r.id)).toEqual([]);
    });
  }
});

describe('Seed: no date is invented', () => {
  const dates = () => [
    ...kb.db.select().from(t.sources).all().map((s) => ({ id: s.id, p: s.publishedPrecision, y: s.publishedYear, m: s.publishedMonth, d: s.publishedDay })),
    ...kb.db.select().from(t.events).all().flatMap((e) => [
      { id: e.id, p: e.startPrecision, y: e.startYear, m: e.startMonth, d: e.startDay },
      { id: e.id, p: e.endPrecision, y: e.endYear, m: e.endMonth, d: e.endDay },
    ]),
    ...kb.db.select().from(t.statements).all().map((s) => ({ id: s.id, p: s.datePrecision, y: s.dateYear, m: s.dateMonth, d: s.dateDay })),
  ];

  it('gives a year only where the article writes that year', () => {
    for (const d of dates()) {
      if (d.y !== null) expect(article, `${d.id} has year ${d.y}`).toContain(String(d.y));
    }
  });

  it('leaves every date UNKNOWN, as the article writes none (its dates are blanks)', () => {
    expect(/\b(19|20)\d\d\b/.test(article)).toBe(false);
    for (const d of dates()) expect({ id: d.id, p: d.p, y: d.y, m: d.m, d: d.d }).toEqual({ id: d.id, p: 'UNKNOWN', y: null, m: null, d: null });
  });

  it('says what the article does say where it leaves a date out', () => {
    const oman = kb.db.select().from(t.events).all().find((e) => e.id === 'event:oman-talks-first-round')!;
    expect(oman.startNote).toMatch(/blank|omit|leaves/i);
  });
});

describe('Seed: the article’s sentences are covered', () => {
  it('cites every sentence of the article with at least one span', () => {
    const spans = kb.db.select({ start: t.evidence.start, end: t.evidence.end }).from(t.evidence).all();
    const sentences = articleSentences(article);
    expect(sentences.length).toBeGreaterThan(30);
    const uncovered = sentences.filter((s) => !spans.some((e) => e.start < s.end && e.end > s.start)).map((s) => s.text);
    expect(uncovered).toEqual([]);
  });
});
