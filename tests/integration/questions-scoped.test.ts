/**
 * The questions about named parties, one actor or one issue read only the facts their answer
 * rests on (`forParties`, the timeline's scope, the contradictions' seeds); the answers must be
 * exactly those computed from the whole knowledge base as before: for every pair of parties,
 * every actor and every issue of the seed and of synthetic bases with affiliated officials,
 * obstacles, dates, relations of every kind and certainty, and cycles.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { seededRandom } from '../../src/bulk/synth.js';
import { describe, expect, it } from 'vitest';
import { blockingIssues } from '../../src/analysis/blocking-issues.js';
import { commonGround } from '../../src/analysis/common-ground.js';
import { contradictions, type Contradiction } from '../../src/analysis/contradictions.js';
import { AffiliationGraph } from '../../src/analysis/stance.js';
import { timeline, TimelineCycleError, type EventRelationFact, type TimelineEventFact } from '../../src/analysis/timeline.js';
import { importBundle } from '../../src/bulk/import.js';
import { synthesize } from '../../src/bulk/synth.js';
import { factsFor } from '../../src/modules/question/facts.service.js';
import { answerBlockingIssues, answerCommonGround, answerContradictions, answerTimeline } from '../../src/modules/question/question.service.js';
import { Certainty } from '../../src/shared/enums.js';
import { latestRevision } from '../../src/store/history.js';
import type { Param } from '../../src/db/engine.js';
import { testEngines, type EngineName } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { sqlRows, sqlRun } from '../helpers/sql.js';

/** Compares scoped and whole answers; returns how many issues the answers named, so a test can see they were not all empty. */
async function expectSameAnswers(kb: TestKb, parties: string[][]): Promise<number> {
  let named = 0;
  const whole = await factsFor(kb, null);
  const input = { positions: await whole.positions(), affiliations: await whole.affiliations(), obstacles: await whole.obstacles(), names: await whole.names() };
  for (const pair of parties) {
    for (const minCertainty of [Certainty.POSSIBLE, Certainty.CERTAIN]) {
      const expected = blockingIssues({ ...input, parties: pair, minCertainty }).map((b) => ({ ...b, rule: b.rules[0] }));
      expect(await answerBlockingIssues(kb, { parties: pair, minCertainty, asOf: null }), pair.join(' / ')).toEqual(expected);
      const ground = commonGround({ ...input, parties: pair, includeSilent: true, minCertainty }).map((c) => ({ ...c, complete: c.silentPartyIds.length === 0 }));
      expect(await answerCommonGround(kb, { parties: pair, includeSilent: true, minCertainty, asOf: null }), pair.join(' / ')).toEqual(ground);
      named += expected.length + ground.length;
    }
  }
  return named;
}

const pairsOf = (ids: string[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b]));

describe.each(testEngines())('Questions about named parties on $engine read only their facts, and answer as from the whole base', ({ engine }) => {
  it('on the seed, for every pair of actors holding a position or named by an obstacle', async () => {
    const kb = await openTestKb(engine, { seed: true, label: 'scoped_seed' });
    try {
      const whole = await factsFor(kb, null);
      const actors = [...new Set([...(await whole.positions()).map((p) => p.actorId), ...(await whole.obstacles()).flatMap((o) => o.partyIds), ...(await whole.affiliations()).map((a) => a.organizationId)])].sort();
      expect(actors.length).toBeGreaterThanOrEqual(5);
      expect(await expectSameAnswers(kb, pairsOf(actors))).toBeGreaterThan(0);
    } finally {
      await kb.dispose();
    }
  });

  it('on a synthetic base of 1,000 statements, for pairs of states (each speaking through its officials)', async () => {
    const kb = await openTestKb(engine, { label: 'scoped_synthetic' });
    const dir = mkdtempSync(join(tmpdir(), 'kb-scoped-'));
    try {
      synthesize(1000, join(dir, 'bundle'));
      await importBundle(kb, join(dir, 'bundle'), 'test');
      const states = Array.from({ length: 12 }, (_, i) => `actor:state-${i}`);
      expect(await expectSameAnswers(kb, pairsOf(states))).toBeGreaterThan(0);
    } finally {
      await kb.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const CERTAINTIES = Object.values(Certainty);

/** The first column of every row (ids), in the statement's order. */
const ids = async (kb: TestKb, text: string): Promise<string[]> => (await sqlRows<Record<string, string>>(kb.engine, text)).map((row) => Object.values(row)[0]!);


/** A synthetic base (`kb synth` + `kb import`) in a test database; `build` changes it with SQL before the questions run. */
async function syntheticBase(engine: EngineName, statements: number, build: (kb: TestKb) => Promise<void>, test: (kb: TestKb) => Promise<void>): Promise<void> {
  const kb = await openTestKb(engine, { label: 'scoped_synthetic' });
  const dir = mkdtempSync(join(tmpdir(), 'kb-scoped-'));
  try {
    synthesize(statements, join(dir, 'bundle'));
    await importBundle(kb, join(dir, 'bundle'), 'test');
    await build(kb);
    await test(kb);
  } finally {
    await kb.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes the synthetic chain of events (each after the one before) a harder base for the
 * timeline: the chain cut into pieces, dates on two events in three (never against the chain,
 * so the base stays free of cycles), relations of every kind, certainty and note between
 * events further apart, several relations between one pair, and events less than sure or
 * said not to have happened.
 */
async function varyEvents(kb: TestKb, seed: number): Promise<void> {
  const next = seededRandom(seed);
  const events = (await ids(kb, 'SELECT id FROM events')).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  const k = (id: string) => Number(id.slice(7));
  await sqlRun(kb.engine, `DELETE FROM event_relations WHERE CAST(substr(subject_id, 8) AS INTEGER) % 7 IN (0, 3)`);
  const date = (...values: Param[]) => sqlRun(kb.engine, 'UPDATE events SET start_precision = ?, start_year = ?, start_month = ?, start_day = ? WHERE id = ?', values);
  for (const id of events) {
    if (k(id) % 3 === 0) continue;
    const r = k(id) % 100;
    const precision = ['YEAR', 'MONTH', 'MONTH', 'DAY', 'DAY'][k(id) % 5];
    // Months and days grow with the event's number within its year: dates never contradict the chain.
    await date(precision, 2020 + Math.floor(k(id) / 100), precision === 'YEAR' ? null : 1 + Math.floor(r / 9), precision === 'DAY' ? 1 + (r % 9) : null, id);
  }
  const factuality = (...values: Param[]) => sqlRun(kb.engine, 'UPDATE events SET certainty = ?, polarity = ? WHERE id = ?', values);
  for (const id of events) {
    if (next() < 0.25) await factuality(CERTAINTIES[Math.floor(next() * 4)], next() < 0.8 ? 'POSITIVE' : next() < 0.5 ? 'NEGATIVE' : 'UNDERSPECIFIED', id);
  }
  const relate = (...values: Param[]) => sqlRun(kb.engine, 'INSERT INTO event_relations (id, subject_id, object_id, kind, note, certainty) VALUES (?, ?, ?, ?, ?, ?)', values);
  for (let n = 0; n < events.length / 2; n++) {
    const a = Math.floor(next() * (events.length - 1));
    const b = Math.min(events.length - 1, a + 1 + Math.floor(next() * 30));
    const [earlier, later] = [events[a], events[b]];
    const kind = ['BEFORE', 'AFTER', 'CAUSES', 'FOLLOWS', 'PART_OF', 'CONTEXT_OF', 'SAME_AS'][Math.floor(next() * 7)];
    // Ordering kinds point from the earlier event of the chain to the later one, as dates do.
    const [subject, object] = kind === 'AFTER' || kind === 'FOLLOWS' ? [later, earlier] : [earlier, later];
    const note = next() < 0.3 ? `note ${n % 4}` : null;
    const certainty = CERTAINTIES[Math.floor(next() * 4)];
    await relate(`${subject}|${kind}|${object}#${n}`, subject, object, kind, note, certainty);
    if (next() < 0.1) await relate(`${subject}|${kind}|${object}#${n}b`, subject, object, kind, `another note ${n}`, certainty);
  }
}

/**
 * The timeline as it was computed before it was scoped: the whole base ordered (once per
 * certainty), then the events of the actor (with its affiliates) and of the issue kept.
 */
async function wholeTimeline(kb: TestKb, facts: { events: TimelineEventFact[]; relations: EventRelationFact[] }) {
  const whole = await factsFor(kb, null);
  const graph = new AffiliationGraph(await whole.affiliations());
  const participants = await whole.participants();
  const eventIssues = await whole.eventIssues();
  const ordered = new Map<Certainty, ReturnType<typeof timeline>>();
  return (args: { actor: string | null; issue: string | null; minCertainty: Certainty }) => {
    if (!ordered.has(args.minCertainty)) ordered.set(args.minCertainty, timeline({ ...facts, minCertainty: args.minCertainty }));
    const byActor = args.actor ? new Set(participants.filter((p) => graph.reachable(p.actorId).has(args.actor!)).map((p) => p.eventId)) : null;
    const byIssue = args.issue ? new Set(eventIssues.filter((l) => l.issueId === args.issue).map((l) => l.eventId)) : null;
    return ordered
      .get(args.minCertainty)!
      .filter((e) => (!byActor || byActor.has(e.eventId)) && (!byIssue || byIssue.has(e.eventId)))
      .map((e, i) => ({ ...e, position: i + 1 }));
  };
}

type Asked = { actor: string | null; issue: string | null };

/** Every actor alone, every issue alone, and some of each together. */
async function questionsOf(kb: TestKb, officials: number): Promise<Asked[]> {
  const states = await ids(kb, `SELECT id FROM actors WHERE id LIKE 'actor:state-%' OR id NOT LIKE 'actor:official-%' ORDER BY id`);
  const others = (await ids(kb, `SELECT id FROM actors WHERE id LIKE 'actor:official-%' ORDER BY id`)).slice(0, officials);
  const issues = await ids(kb, 'SELECT id FROM issues ORDER BY id');
  return [
    ...[...states, ...others].map((actor) => ({ actor, issue: null })),
    ...issues.map((issue) => ({ actor: null, issue })),
    ...states.slice(0, 10).map((actor, i) => ({ actor, issue: issues[(i * 7) % issues.length] })),
  ];
}

describe.each(testEngines())('The timeline of an actor or issue on $engine reads the events that order it, and answers as the whole timeline filtered', ({ engine }) => {
  it('on the seed, for every actor and issue, at every certainty, also as of the latest revision', async () => {
    const kb = await openTestKb(engine, { seed: true, label: 'scoped_seed' });
    try {
      const asked = await questionsOf(kb, 100);
      expect(asked.length).toBeGreaterThan(20);
      let entries = 0;
      const wholeThenFiltered = await wholeTimeline(kb, await (await factsFor(kb, null)).timelineFacts());
      for (const minCertainty of CERTAINTIES) {
        for (const q of asked) {
          const expected = wholeThenFiltered({ ...q, minCertainty });
          expect(await answerTimeline(kb, { ...q, minCertainty, asOf: null }), JSON.stringify(q)).toEqual(expected);
          expect(await answerTimeline(kb, { ...q, minCertainty, asOf: await latestRevision(kb.engine) }), JSON.stringify(q)).toEqual(expected);
          entries += expected.length;
        }
      }
      expect(entries).toBeGreaterThan(100);
    } finally {
      await kb.dispose();
    }
  });

  it('on a synthetic base of 2,000 statements with dates, relations of every kind and certainty, for every actor and issue', async () => {
    await syntheticBase(engine, 2000, (kb) => varyEvents(kb, 7), async (kb) => {
      const asked = await questionsOf(kb, 30);
      let compared = 0;
      let related = 0;
      let wide = 0;
      const known = await factsFor(kb, null);
      const wholeThenFiltered = await wholeTimeline(kb, await known.timelineFacts());
      for (const minCertainty of CERTAINTIES) {
        for (const q of asked) {
          const expected = wholeThenFiltered({ ...q, minCertainty });
          expect(await answerTimeline(kb, { ...q, minCertainty, asOf: null }), JSON.stringify({ ...q, minCertainty })).toEqual(expected);
          compared++;
          related += expected.filter((e) => e.basis.includes('before') || e.basis.includes('after')).length;
          if (minCertainty !== Certainty.POSSIBLE) continue;
          // The scope read through the indexes, and walked in the whole base read at once, is one scope.
          const answer = await known.timelineAnswer(q);
          const viaIndexes = await known.timelineFactsFor(answer, minCertainty, Infinity);
          // The whole-base read also hands back the whole base it read (to order it once and keep it).
          const { whole, ...viaWholeBase } = await known.timelineFactsFor(answer, minCertainty, 0);
          expect(viaWholeBase).toEqual(viaIndexes);
          if (viaIndexes.events.length > 0) expect(whole!.events.length).toBeGreaterThanOrEqual(viaIndexes.events.length);
          expect(viaIndexes.whole).toBeUndefined();
          if (viaIndexes.events.length > 100) wide++;
        }
      }
      expect(compared).toBeGreaterThan(400);
      // Some scopes are a fraction of the 400 events, some most of them (whatever is dated before a late event).
      expect(wide).toBeGreaterThan(10);
      expect(wide).toBeLessThan(asked.length - 10);
      expect(related).toBeGreaterThan(1000);
      // The base is varied enough: dated and undated entries, and bases quoting notes.
      const all = await answerTimeline(kb, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: null });
      expect(new Set(all.map((e) => e.placement)).size).toBe(3);
      expect(all.some((e) => e.basis.includes('"note'))).toBe(true);
    });
  });

  it('with a cycle: the questions it orders fail naming it, as the whole timeline does; the others answer as the base without it', async () => {
    await syntheticBase(engine, 2000, (kb) => varyEvents(kb, 11), async (kb) => {
      // Two events, made loose and undated, then put each after the other, and before events of the chain.
      const [x, y] = ['event:e150', 'event:e151'];
      await sqlRun(kb.engine, `DELETE FROM event_relations WHERE subject_id IN (?, ?) OR object_id IN (?, ?)`, [x, y, x, y]);
      await sqlRun(kb.engine, `UPDATE events SET start_precision = 'UNKNOWN', start_year = NULL, start_month = NULL, start_day = NULL, certainty = 'CERTAIN', polarity = 'POSITIVE' WHERE id IN (?, ?)`, [x, y]);
      const relate = (...values: Param[]) => sqlRun(kb.engine, `INSERT INTO event_relations (id, subject_id, object_id, kind, note, certainty) VALUES (?, ?, ?, ?, NULL, 'CERTAIN')`, values);
      for (const later of ['event:e260', 'event:e330']) await relate(`${x}|BEFORE|${later}`, x, later, 'BEFORE');
      const withoutCycle = await wholeTimeline(kb, await (await factsFor(kb, null)).timelineFacts());
      await relate(`${x}|AFTER|${y}`, x, y, 'AFTER');
      await relate(`${y}|AFTER|${x}`, y, x, 'AFTER');

      let cycle: TimelineCycleError | null = null;
      try {
        timeline(await (await factsFor(kb, null)).timelineFacts());
      } catch (e) {
        cycle = e as TimelineCycleError;
      }
      expect(cycle).toBeInstanceOf(TimelineCycleError);
      expect([...cycle!.cycle].sort()).toEqual([x, y]);
      let failed = 0;
      let answered = 0;
      for (const q of await questionsOf(kb, 30)) {
        let answer;
        try {
          answer = await answerTimeline(kb, { ...q, minCertainty: Certainty.POSSIBLE, asOf: null });
        } catch (e) {
          expect(e).toBeInstanceOf(GraphQLError);
          expect((e as GraphQLError).message).toBe(cycle!.message);
          expect((e as GraphQLError).extensions).toEqual({ code: 'TIMELINE_CYCLE', cycle: cycle!.cycle });
          failed++;
          continue;
        }
        expect(answer, JSON.stringify(q)).toEqual(withoutCycle({ ...q, minCertainty: Certainty.POSSIBLE }));
        answered++;
      }
      expect(failed).toBeGreaterThan(10);
      expect(answered).toBeGreaterThan(10);
    });
  });
});

/** Contradictions as computed before they were scoped: every pair from the whole base (once per certainty), then those involving the actor and issue. */
async function wholeContradictions(kb: TestKb) {
  const whole = await factsFor(kb, null);
  const { statements, relations } = await whole.statementFacts();
  const positions = await whole.positions();
  const affiliations = await whole.affiliations();
  const names = await whole.names();
  const graph = new AffiliationGraph(affiliations);
  const found = new Map<Certainty, Contradiction[]>();
  return (args: Asked & { minCertainty: Certainty }): Contradiction[] => {
    if (!found.has(args.minCertainty)) found.set(args.minCertainty, contradictions({ statements, relations, positions, affiliations, names, minCertainty: args.minCertainty }));
    const byActor = args.actor ? new Set(statements.filter((s) => s.speakerId !== null && graph.reachable(s.speakerId).has(args.actor!)).map((s) => s.id)) : null;
    const about = args.issue
      ? new Set([...statements.filter((s) => s.issueIds.includes(args.issue!)).map((s) => s.id), ...positions.filter((p) => p.issueId === args.issue).flatMap((p) => p.statementIds)])
      : null;
    const involves = (set: Set<string> | null, c: Contradiction) => !set || set.has(c.firstId) || set.has(c.secondId);
    return found.get(args.minCertainty)!.filter((c) => involves(byActor, c) && involves(about, c));
  };
}

/**
 * Adds to a synthetic base what it lacks for contradictions: stated contradictions, responses
 * (some from denials), hedged relations, and statements backing more than one position, so
 * one pair can disagree on several issues.
 */
async function varyStatements(kb: TestKb, seed: number): Promise<void> {
  const next = seededRandom(seed);
  const statements = await ids(kb, 'SELECT id FROM statements ORDER BY id');
  // Ordered, so the seeded picks below choose the same rows on both engines.
  const denials = await ids(kb, `SELECT subject_id AS id FROM statement_relations WHERE kind = 'DENIES' ORDER BY id`);
  const pick = (list: string[]) => list[Math.floor(next() * list.length)];
  const relate = (...values: Param[]) => sqlRun(kb.engine, 'INSERT INTO statement_relations (id, subject_id, object_id, kind, certainty) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', values);
  for (let n = 0; n < statements.length / 10; n++) {
    const kind = ['CONTRADICTS', 'RESPONDS_TO', 'SUPPORTS', 'DENIES'][Math.floor(next() * 4)];
    const subject = kind === 'RESPONDS_TO' && next() < 0.6 ? pick(denials) : pick(statements);
    const object = pick(statements);
    await relate(`${subject}|${kind}|${object}`, subject, object, kind, CERTAINTIES[Math.floor(next() * 4)]);
  }
  const positions = await ids(kb, 'SELECT id FROM positions ORDER BY id');
  const back = (...values: Param[]) => sqlRun(kb.engine, 'INSERT INTO position_statements (position_id, statement_id) VALUES (?, ?) ON CONFLICT DO NOTHING', values);
  for (let n = 0; n < positions.length; n++) await back(pick(positions), pick(statements));
  // Two positions backed by one statement each, on two issues: one pair of statements disagreeing twice.
  const rows = await sqlRows<{ id: string; issue: string; statement: string }>(kb.engine, `SELECT p.id, p.issue_id AS issue, ps.statement_id AS statement FROM positions AS p JOIN position_statements AS ps ON ps.position_id = p.id ORDER BY p.id, ps.statement_id`);
  for (let n = 0; n + 3 < rows.length; n += 4) {
    if (rows[n].issue !== rows[n + 2].issue) await back(rows[n + 2].id, rows[n].statement);
  }
}

describe.each(testEngines())('Contradictions about an actor or issue on $engine read the pairs they can find, and answer as the whole filtered', ({ engine }) => {
  it('on the seed, for every actor and issue, at every certainty, also as of the latest revision', async () => {
    const kb = await openTestKb(engine, { seed: true, label: 'scoped_seed' });
    try {
      let found = 0;
      const contradictionsFiltered = await wholeContradictions(kb);
      for (const minCertainty of CERTAINTIES) {
        for (const q of await questionsOf(kb, 100)) {
          const expected = contradictionsFiltered({ ...q, minCertainty });
          expect(await answerContradictions(kb, { ...q, minCertainty, asOf: null }), JSON.stringify(q)).toEqual(expected);
          expect(await answerContradictions(kb, { ...q, minCertainty, asOf: await latestRevision(kb.engine) }), JSON.stringify(q)).toEqual(expected);
          found += expected.length;
        }
      }
      expect(found).toBeGreaterThan(0);
      expect(await answerContradictions(kb, { actor: null, issue: null, minCertainty: Certainty.POSSIBLE, asOf: null })).toEqual(contradictionsFiltered({ actor: null, issue: null, minCertainty: Certainty.POSSIBLE }));
    } finally {
      await kb.dispose();
    }
  });

  it('on a synthetic base of 2,000 statements with denials, stated contradictions, responses and shared backing, for every actor and issue', async () => {
    await syntheticBase(engine, 2000, (kb) => varyStatements(kb, 5), async (kb) => {
      const bases = new Set<string>();
      let found = 0;
      let responses = 0;
      const contradictionsFiltered = await wholeContradictions(kb);
      for (const minCertainty of [Certainty.UNDERSPECIFIED, Certainty.POSSIBLE, Certainty.CERTAIN]) {
        for (const q of await questionsOf(kb, 30)) {
          const expected = contradictionsFiltered({ ...q, minCertainty });
          expect(await answerContradictions(kb, { ...q, minCertainty, asOf: null }), JSON.stringify({ ...q, minCertainty })).toEqual(expected);
          for (const c of expected) bases.add(c.basis);
          found += expected.length;
          responses += expected.filter((c) => c.reason.includes('in response to')).length;
        }
        expect(await answerContradictions(kb, { actor: null, issue: null, minCertainty, asOf: null })).toEqual(contradictionsFiltered({ actor: null, issue: null, minCertainty }));
      }
      expect([...bases].sort()).toEqual(['DENIAL', 'OPPOSITE_POSITIONS', 'STATED_CONTRADICTION']);
      expect(found).toBeGreaterThan(300);
      expect(responses).toBeGreaterThan(0);
    });
  });
});
