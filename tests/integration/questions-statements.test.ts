/**
 * The questions run statements prepared once, never compiled per request, and each question
 * reads in one snapshot: counted at the driver on both engines, on the seed and on a
 * synthetic base. What "compiled" means is the engine's: on SQLite a call to better-sqlite3's
 * prepare; on PostgreSQL a statement the server had to prepare on the connection (a new row
 * in `pg_prepared_statements`; the pool holds one connection, so every call uses it).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '../../src/bulk/import.js';
import { synthesize } from '../../src/bulk/synth.js';
import { answerBlockingIssues, answerCommonGround, answerContradictions, answerTimeline } from '../../src/modules/question/question.service.js';
import { answerSearch } from '../../src/modules/question/search.service.js';
import { Certainty } from '../../src/shared/enums.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { sqlRows } from '../helpers/sql.js';

const TRANSACTION_CONTROL = /^(BEGIN|COMMIT|ROLLBACK)\b/;

describe.each(testEngines())('Questions on $engine run statements prepared once, each question in one snapshot', ({ engine }) => {
  let kb: TestKb;
  let dir: string;
  const ran: string[] = [];
  let recording = false;
  /** The statements compiled so far (SQLite: prepare calls while recording; PostgreSQL: read from the connection). */
  let compiledSoFar: () => Promise<string[]>;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'question_statements', poolSize: 1, onStatement: (text) => recording && ran.push(text) });
    dir = mkdtempSync(join(tmpdir(), 'kb-question-statements-'));
    synthesize(1000, join(dir, 'bundle'));
    await importBundle(kb, join(dir, 'bundle'), 'test');
    if (kb.db) {
      const sqlite = kb.db.$client;
      const compiled: string[] = [];
      const prepare = sqlite.prepare.bind(sqlite);
      sqlite.prepare = ((text: string) => {
        if (recording) compiled.push(text);
        return prepare(text);
      }) as typeof sqlite.prepare;
      compiledSoFar = async () => compiled.filter((text) => !TRANSACTION_CONTROL.test(text));
    } else {
      // Asked once before any question, so the reading statement itself is already prepared.
      compiledSoFar = async () => (await sqlRows<{ statement: string }>(kb.engine, 'SELECT statement FROM pg_prepared_statements ORDER BY statement')).map((r) => r.statement);
      await compiledSoFar();
    }
  });
  afterAll(async () => {
    await kb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The statements one call runs and the ones it compiles (transaction control aside: the engine's). */
  async function record(ask: () => Promise<unknown>): Promise<{ ran: string[]; compiled: string[] }> {
    const before = await compiledSoFar();
    ran.length = 0;
    recording = true;
    try {
      await ask();
    } finally {
      recording = false;
    }
    const after = await compiledSoFar();
    const seen = new Set(before);
    // SQLite's list only grows while recording; PostgreSQL's is the connection's whole list.
    return { ran: [...ran], compiled: kb.db ? after.slice(before.length) : after.filter((text) => !seen.has(text)) };
  }

  const POSSIBLE = Certainty.POSSIBLE;
  const QUESTIONS: [string, () => Promise<unknown>][] = [
    ['blockingIssues(parties)', () => answerBlockingIssues(kb, { parties: ['actor:iran', 'actor:united-states'], minCertainty: POSSIBLE, asOf: null })],
    ['blockingIssues(states)', () => answerBlockingIssues(kb, { parties: ['actor:state-0', 'actor:state-1'], minCertainty: POSSIBLE, asOf: null })],
    ['blockingIssues()', () => answerBlockingIssues(kb, { parties: null, minCertainty: POSSIBLE, asOf: null })],
    ['commonGround(parties)', () => answerCommonGround(kb, { parties: ['actor:iran', 'actor:united-states'], includeSilent: true, minCertainty: POSSIBLE, asOf: null })],
    ['contradictions(actor)', () => answerContradictions(kb, { actor: 'actor:iran', issue: null, minCertainty: POSSIBLE, asOf: null })],
    ['contradictions(actor, issue)', () => answerContradictions(kb, { actor: 'actor:state-0', issue: 'issue:i0', minCertainty: POSSIBLE, asOf: null })],
    ['contradictions()', () => answerContradictions(kb, { actor: null, issue: null, minCertainty: POSSIBLE, asOf: null })],
    // A scope small enough to be read through the indexes, and one the whole base is read (and kept) for.
    ['timeline(seed actor)', () => answerTimeline(kb, { actor: 'actor:iran', issue: null, minCertainty: Certainty.UNDERSPECIFIED, asOf: null })],
    ['timeline(actor)', () => answerTimeline(kb, { actor: 'actor:state-0', issue: null, minCertainty: Certainty.CERTAIN, asOf: null })],
    ['timeline(issue)', () => answerTimeline(kb, { actor: null, issue: 'issue:i3', minCertainty: Certainty.PROBABLE, asOf: null })],
    ['timeline()', () => answerTimeline(kb, { actor: null, issue: null, minCertainty: POSSIBLE, asOf: null })],
    ['search', () => answerSearch(kb.engine, 'statement', 20)],
  ];

  it('sees a statement compiled the first time it runs (the check can fail)', async () => {
    const text = `SELECT count(*) AS n FROM statements WHERE summary <> 'never ${Date.now()}'`;
    const first = await record(() => sqlRows(kb.engine, text));
    expect(first.compiled).toEqual([expect.stringContaining('never')]);
    expect((await record(() => sqlRows(kb.engine, text))).compiled).toEqual([]);
  });

  it.each(QUESTIONS)('%s compiles no statement when asked again', async (_, ask) => {
    await record(ask);
    const again = await record(ask);
    expect(again.ran.length).toBeGreaterThan(0);
    expect(again.compiled).toEqual([]);
  });

  it('reads a small timeline scope through the indexes each time, the whole base once and then its kept order', async () => {
    const seedActor = QUESTIONS.find(([name]) => name === 'timeline(seed actor)')![1];
    for (let i = 0; i < 2; i++) expect((await record(seedActor)).ran.some((text) => text.includes('WITH RECURSIVE walk'))).toBe(true);
    const whole = QUESTIONS.find(([name]) => name === 'timeline()')![1];
    const first = (await record(whole)).ran.filter((text) => !TRANSACTION_CONTROL.test(text));
    // Asked again, the whole timeline is not ordered again: the kept order (event ids alone, to
    // keep memory small at 1M statements) is found by the state, and the entries are made from
    // one scan of the events and one of their relations, without the walk or the order's work.
    const again = (await record(whole)).ran.filter((text) => !TRANSACTION_CONTROL.test(text));
    expect(again).toEqual([expect.stringContaining('FROM revisions'), expect.stringContaining('FROM events'), expect.stringContaining('FROM event_relations')]);
    expect(again.length).toBeLessThanOrEqual(first.length);
  });

  it.each(QUESTIONS)('%s reads between one BEGIN and its COMMIT', async (_, ask) => {
    const { ran } = await record(ask);
    // PostgreSQL's snapshot begins as BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY.
    expect(ran[0]).toMatch(/^BEGIN\b/);
    expect(ran.at(-1)).toBe('COMMIT');
    expect(ran.filter((text) => TRANSACTION_CONTROL.test(text)).map((text) => text.split(' ')[0])).toEqual(['BEGIN', 'COMMIT']);
  });
});
