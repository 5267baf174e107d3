/**
 * The questions run statements prepared once (question.store.ts), never compiled per request,
 * and each question reads in one snapshot: counted at the driver (better-sqlite3's verbose and
 * its prepare), on the seed and on a synthetic base.
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
import { openTestDb, type TestDb } from '../helpers/db.js';

const TRANSACTION_CONTROL = /^(BEGIN|COMMIT|ROLLBACK)\b/;

let kb: TestDb;
let dir: string;
const ran: string[] = [];
const compiled: string[] = [];
let recording = false;

beforeAll(async () => {
  kb = await openTestDb({ onStatement: (text) => recording && ran.push(text) });
  dir = mkdtempSync(join(tmpdir(), 'kb-question-statements-'));
  synthesize(1000, join(dir, 'bundle'));
  importBundle(kb, join(dir, 'bundle'), 'test');
  const prepare = kb.sqlite.prepare.bind(kb.sqlite);
  kb.sqlite.prepare = ((text: string) => {
    if (recording) compiled.push(text);
    return prepare(text);
  }) as typeof kb.sqlite.prepare;
});
afterAll(() => {
  kb.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The statements one call runs and the ones it compiles (transaction control aside: the engine's). */
async function record(ask: () => Promise<unknown>): Promise<{ ran: string[]; compiled: string[] }> {
  ran.length = 0;
  compiled.length = 0;
  recording = true;
  try {
    await ask();
  } finally {
    recording = false;
  }
  return { ran: [...ran], compiled: compiled.filter((text) => !TRANSACTION_CONTROL.test(text)) };
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

describe('Questions run statements prepared once, each question in one snapshot', () => {
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
    await record(whole);
    expect((await record(whole)).ran.filter((text) => !TRANSACTION_CONTROL.test(text))).toEqual([expect.stringContaining('FROM revisions')]);
  });

  it.each(QUESTIONS)('%s reads between one BEGIN and its COMMIT', async (_, ask) => {
    const { ran } = await record(ask);
    expect(ran[0]).toBe('BEGIN');
    expect(ran.at(-1)).toBe('COMMIT');
    expect(ran.filter((text) => TRANSACTION_CONTROL.test(text))).toEqual(['BEGIN', 'COMMIT']);
  });
});
