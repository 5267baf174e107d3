/**
 * The questions about named parties read only those parties' facts (`forParties`); the
 * answers must be exactly those computed from the whole knowledge base, for every pair of
 * parties of the seed and of a synthetic base with affiliated officials and obstacles.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockingIssues } from '../../src/analysis/blocking-issues.js';
import { commonGround } from '../../src/analysis/common-ground.js';
import { importBundle } from '../../src/bulk/import.js';
import { synthesize } from '../../src/bulk/synth.js';
import { answerBlockingIssues, answerCommonGround, factsFor } from '../../src/modules/question/question.service.js';
import { Certainty } from '../../src/shared/enums.js';
import { openTestDb, type TestDb } from '../helpers/db.js';

/** Compares scoped and whole answers; returns how many issues the answers named, so a test can see they were not all empty. */
function expectSameAnswers(kb: TestDb, parties: string[][]): number {
  let named = 0;
  const whole = factsFor(kb.db, null);
  const input = { positions: whole.positions(), affiliations: whole.affiliations(), obstacles: whole.obstacles(), names: whole.names() };
  for (const pair of parties) {
    for (const minCertainty of [Certainty.POSSIBLE, Certainty.CERTAIN]) {
      const expected = blockingIssues({ ...input, parties: pair, minCertainty }).map((b) => ({ ...b, rule: b.rules[0] }));
      expect(answerBlockingIssues(kb.db, { parties: pair, minCertainty, asOf: null }), pair.join(' / ')).toEqual(expected);
      const ground = commonGround({ ...input, parties: pair, includeSilent: true, minCertainty }).map((c) => ({ ...c, complete: c.silentPartyIds.length === 0 }));
      expect(answerCommonGround(kb.db, { parties: pair, includeSilent: true, minCertainty, asOf: null }), pair.join(' / ')).toEqual(ground);
      named += expected.length + ground.length;
    }
  }
  return named;
}

const pairsOf = (ids: string[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b]));

describe('Questions about named parties read only their facts, and answer as from the whole base', () => {
  it('on the seed, for every pair of actors holding a position or named by an obstacle', () => {
    const kb = openTestDb();
    try {
      const whole = factsFor(kb.db, null);
      const actors = [...new Set([...whole.positions().map((p) => p.actorId), ...whole.obstacles().flatMap((o) => o.partyIds), ...whole.affiliations().map((a) => a.organizationId)])].sort();
      expect(actors.length).toBeGreaterThanOrEqual(5);
      expect(expectSameAnswers(kb, pairsOf(actors))).toBeGreaterThan(0);
    } finally {
      kb.dispose();
    }
  });

  it('on a synthetic base of 1,000 statements, for pairs of states (each speaking through its officials)', () => {
    const kb = openTestDb({ seed: false });
    const dir = mkdtempSync(join(tmpdir(), 'kb-scoped-'));
    try {
      synthesize(1000, join(dir, 'bundle'));
      importBundle(kb.db, join(dir, 'bundle'), 'test');
      const states = Array.from({ length: 12 }, (_, i) => `actor:state-${i}`);
      expect(expectSameAnswers(kb, pairsOf(states))).toBeGreaterThan(0);
    } finally {
      kb.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
