/**
 * Contradictions: pairs of statements that cannot both stand.
 *
 * Bases
 * - DENIAL: a stored DENIES relation; `firstId` is the denial, `secondId` what it denies.
 *   (A DENIED_BY relation, read from the other end, is the same pair the other way round.)
 * - STATED_CONTRADICTION: a stored CONTRADICTS relation. The relation is symmetric, so the
 *   pair is given with the smaller id first.
 * - OPPOSITE_POSITIONS: the statements back positions of different actors on the same
 *   issue whose stances conflict (`positionsConflict`), and their speakers speak for
 *   different top-level parties (`topLevelOf`): two officials of one state stating
 *   different things is internal disagreement, not a contradiction between parties. Only
 *   statements made as fact by an actor qualify: ANALYSIS statements (the source's own
 *   reading) and statements without a speaker are left out. Two positions of one actor
 *   record a change of stance, not a contradiction, and are not paired. Symmetric, smaller
 *   id first.
 * - RESPONDS_TO and SUPPORTS relations contradict nothing on their own. A denial's
 *   RESPONDS_TO relations do say in answer to whom it was made, and its reason says so
 *   ("Iran denies what an unnamed source said, in response to Turkey"). Relations
 *   and position backings that point at statements not in the input (the caller filtered
 *   them out) and a statement related to itself are ignored.
 *
 * Certainty
 * - Only statements, relations and positions at least `minCertainty` sure (default
 *   POSSIBLE) are used. A contradiction is as sure as the least certain fact it rests on:
 *   the two statements, and the relation or the two positions that oppose them.
 *
 * Output
 * - One entry per unordered pair of statements. When a pair has several bases, the first
 *   in the order DENIAL, STATED_CONTRADICTION, OPPOSITE_POSITIONS is kept: what the
 *   source says outright outranks what is inferred from positions. When one pair backs
 *   opposite positions on several issues, the reasons are joined with "; ".
 * - `reason` is a sentence naming the speakers and the issue(s).
 * - Ordered by basis (the order above), then `firstId`, then `secondId`.
 *
 * Filters (`involving`)
 * - A question about one actor or one issue keeps the pairs with a statement of that actor
 *   (or of one affiliated with it) or about that issue, on either side: a denial of the
 *   actor's claim involves it as much as its own denial. With both, a pair needs each. The
 *   pairs kept are entries of the whole answer, unchanged: the reason still names every
 *   issue the pair disagrees on. The caller may compute from only the facts such pairs rest
 *   on (see `contradictionFacts` in the question module's facts.service.ts); the answer is the same.
 */
import { Certainty, leastCertain, StatementKind, StatementRelationKind } from '../shared/enums.js';
import {
  admissible, certaintyOf, compareIds, DEFAULT_MIN_CERTAINTY, listing, sortedUnique, sureEnough,
  type AffiliationFact, type Names, type PositionFact,
} from './facts.js';
import { AffiliationGraph, capitalized, positionsConflict, qualifiers, stanceVerb, voice } from './stance.js';

export enum ContradictionBasis {
  DENIAL = 'DENIAL',
  STATED_CONTRADICTION = 'STATED_CONTRADICTION',
  OPPOSITE_POSITIONS = 'OPPOSITE_POSITIONS',
}

const BASIS_RANK: Record<ContradictionBasis, number> = {
  [ContradictionBasis.DENIAL]: 0,
  [ContradictionBasis.STATED_CONTRADICTION]: 1,
  [ContradictionBasis.OPPOSITE_POSITIONS]: 2,
};

export interface StatementFact {
  id: string;
  kind: StatementKind;
  speakerId: string | null;
  issueIds: string[];
  /** How sure the holder is of what the statement says; absent: CERTAIN. */
  certainty?: Certainty;
}

export interface StatementRelationFact {
  subjectId: string;
  objectId: string;
  kind: StatementRelationKind;
  /** Absent: CERTAIN. */
  certainty?: Certainty;
}

export type BackedPositionFact = PositionFact & { statementIds: string[] };

export interface ContradictionsInput {
  statements: readonly StatementFact[];
  relations: readonly StatementRelationFact[];
  positions: readonly BackedPositionFact[];
  affiliations: readonly AffiliationFact[];
  names: Names;
  /** The least certainty a fact needs to be used; default POSSIBLE. */
  minCertainty?: Certainty;
}

export interface Contradiction {
  firstId: string;
  secondId: string;
  basis: ContradictionBasis;
  reason: string;
  /** The least certain fact it rests on. */
  certainty: Certainty;
}

export function contradictions(input: ContradictionsInput): Contradiction[] {
  const { names } = input;
  const minCertainty = input.minCertainty ?? DEFAULT_MIN_CERTAINTY;
  const sure = (fact: { certainty?: Certainty }) => sureEnough(fact, minCertainty);
  const graph = new AffiliationGraph(input.affiliations);
  const statements = new Map<string, StatementFact>();
  for (const s of input.statements) if (!statements.has(s.id) && sure(s)) statements.set(s.id, s);
  const inputRelations = input.relations.filter(sure);
  const inputPositions = input.positions.filter((p) => admissible(p, minCertainty));

  const found = new Map<string, { pair: Omit<Contradiction, 'reason'>; reasons: string[] }>();
  const add = ({ reason, ...pair }: Contradiction) => {
    const key = [pair.firstId, pair.secondId].sort(compareIds).join('\u0000');
    const kept = found.get(key);
    if (!kept || BASIS_RANK[pair.basis] < BASIS_RANK[kept.pair.basis]) {
      found.set(key, { pair, reasons: [reason] });
    } else if (pair.basis === ContradictionBasis.OPPOSITE_POSITIONS && kept.pair.basis === pair.basis && !kept.reasons.includes(reason)) {
      kept.reasons.push(reason);
      kept.pair.certainty = leastCertain([kept.pair.certainty, pair.certainty]);
    }
  };

  // Whom each statement answers, for the reason of a denial.
  const answers = new Map<string, StatementFact[]>();
  for (const r of inputRelations) {
    const [from, to] = r.kind === StatementRelationKind.RESPONDS_TO ? [r.subjectId, r.objectId] : r.kind === StatementRelationKind.RESPONDED_BY ? [r.objectId, r.subjectId] : [];
    const answered = to === undefined ? undefined : statements.get(to);
    if (from !== undefined && answered && statements.has(from)) answers.set(from, [...(answers.get(from) ?? []), answered]);
  }
  const inResponse = (statement: StatementFact) => {
    const whom = sortedUnique((answers.get(statement.id) ?? []).map((a) => speakerLabel(a, names)));
    return whom.length === 0 ? '' : `, in response to ${listing(whom)}`;
  };

  const relations = [...inputRelations].sort(
    (a, b) => compareIds(a.subjectId, b.subjectId) || compareIds(a.objectId, b.objectId) || compareIds(a.kind, b.kind),
  );
  for (const relation of relations) {
    const subject = statements.get(relation.subjectId);
    const object = statements.get(relation.objectId);
    if (!subject || !object || subject.id === object.id) continue;
    if (relation.kind === StatementRelationKind.DENIES || relation.kind === StatementRelationKind.DENIED_BY) {
      const [denial, denied] = relation.kind === StatementRelationKind.DENIES ? [subject, object] : [object, subject];
      add({
        firstId: denial.id,
        secondId: denied.id,
        basis: ContradictionBasis.DENIAL,
        reason: `${capitalized(speakerLabel(denial, names))} denies what ${speakerLabel(denied, names)} said${about(denial, denied, names)}${inResponse(denial)}`,
        certainty: leastCertain([denial, denied, relation].map(certaintyOf)),
      });
    } else if (relation.kind === StatementRelationKind.CONTRADICTS) {
      const [first, second] = [subject, object].sort((a, b) => compareIds(a.id, b.id));
      const reason =
        first.speakerId !== null && first.speakerId === second.speakerId
          ? `Two statements by ${speakerLabel(first, names)} contradict each other${about(first, second, names)}`
          : `${capitalized(speakerLabel(first, names))} and ${speakerLabel(second, names)} contradict each other${about(first, second, names)}`;
      add({ firstId: first.id, secondId: second.id, basis: ContradictionBasis.STATED_CONTRADICTION, reason, certainty: leastCertain([first, second, relation].map(certaintyOf)) });
    }
  }

  const byIssue = new Map<string, BackedPositionFact[]>();
  for (const position of [...inputPositions].sort((a, b) => compareIds(a.id, b.id))) {
    const list = byIssue.get(position.issueId) ?? [];
    list.push(position);
    byIssue.set(position.issueId, list);
  }
  const statedAsFact = (position: BackedPositionFact) =>
    sortedUnique(position.statementIds)
      .map((id) => statements.get(id))
      .filter((s): s is StatementFact & { speakerId: string } => s !== undefined && s.kind !== StatementKind.ANALYSIS && s.speakerId !== null);

  for (const issueId of [...byIssue.keys()].sort(compareIds)) {
    const held = byIssue.get(issueId)!;
    for (let i = 0; i < held.length; i++) {
      for (let j = i + 1; j < held.length; j++) {
        const [p, q] = [held[i], held[j]];
        if (p.actorId === q.actorId || !positionsConflict(p, q)) continue;
        for (const s of statedAsFact(p)) {
          for (const t of statedAsFact(q)) {
            if (s.id === t.id || graph.topLevelOf(s.speakerId) === graph.topLevelOf(t.speakerId)) continue;
            const [first, second] = s.id < t.id ? [{ s, p }, { s: t, p: q }] : [{ s: t, p: q }, { s, p }];
            add({
              firstId: first.s.id,
              secondId: second.s.id,
              basis: ContradictionBasis.OPPOSITE_POSITIONS,
              reason: `${statedStance(first.s.speakerId, first.p, `"${names.issue(issueId)}"`, graph, names)}, while ${statedStance(second.s.speakerId, second.p, 'it', graph, names)}`,
              certainty: leastCertain([s, t, p, q].map(certaintyOf)),
            });
          }
        }
      }
    }
  }

  return [...found.values()].map(({ pair, reasons }) => ({ ...pair, reason: reasons.join('; ') })).sort(
    (a, b) => BASIS_RANK[a.basis] - BASIS_RANK[b.basis] || compareIds(a.firstId, b.firstId) || compareIds(a.secondId, b.secondId),
  );
}

function speakerLabel(statement: StatementFact, names: Names): string {
  return statement.speakerId === null ? 'an unnamed source' : names.actor(statement.speakerId);
}

/** The issues the pair is about: those both statements name, else those either names. */
function about(a: StatementFact, b: StatementFact, names: Names): string {
  const shared = a.issueIds.filter((id) => b.issueIds.includes(id));
  const issues = sortedUnique(shared.length > 0 ? shared : [...a.issueIds, ...b.issueIds]);
  return issues.length === 0 ? '' : ` on ${listing(issues.map((id) => `"${names.issue(id)}"`))}`;
}

/**
 * "Iran (through Abbas Araghchi) demands …" when the speaker voices its own side's
 * position; "Donald Trump says Iran demands …" when the speaker reports another side's.
 */
function statedStance(speakerId: string, position: PositionFact, object: string, graph: AffiliationGraph, names: Names): string {
  const party = graph.topLevelOf(speakerId);
  const stance = `${stanceVerb(position.stance)} ${object}${qualifiers(position)}`;
  if (graph.topLevelOf(position.actorId) === party) return `${voice(party, speakerId, names)} ${stance}`;
  return `${names.actor(speakerId)} says ${names.actor(position.actorId)} ${stance}`;
}

/**
 * The contradictions that pass every filter: for each set of statement ids, the first or the
 * second statement of the pair is in it. No filters: all of them.
 */
export function involving(found: readonly Contradiction[], filters: readonly ReadonlySet<string>[]): Contradiction[] {
  return found.filter((c) => filters.every((statements) => statements.has(c.firstId) || statements.has(c.secondId)));
}
