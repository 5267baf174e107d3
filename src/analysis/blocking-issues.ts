/**
 * Blocking issues: which issues stand in the way of an agreement among the given parties.
 *
 * Parties
 * - A party speaks through the actors affiliated with it (see `partyOf` in stance.ts): an
 *   official's position counts as the position of the requested party it speaks for, and
 *   the reason says whose words they were ("Iran (through Abbas Araghchi) demands …").
 *   Positions of actors that speak for no requested party are ignored.
 * - Default parties (no list, or an empty one): everyone the input shows taking part, i.e.
 *   the top-level organizations (`topLevelOf`) of every position holder and of every actor
 *   an obstacle names; each actor then speaks for its own top level. Officials of one state
 *   therefore never block each other, and a state named only in an obstacle still counts.
 *
 * Certainty
 * - Only facts at least `minCertainty` sure (default POSSIBLE) are used, and only positions
 *   the source asserts (`admissible` in facts.ts): with `minCertainty: CERTAIN` only what the
 *   source states plainly remains.
 * - Each reason is as sure as the least certain fact it rests on, and an issue as sure as
 *   the least certain fact of all its reasons (the API contract's rule). To see what is
 *   blocked on surer ground only, raise `minCertainty`: less sure facts then drop out.
 *
 * Rules (an issue is returned when at least one fires)
 * - INCOMPATIBLE_POSITIONS: two different parties hold conflicting positions on the issue
 *   (`positionsConflict`: one demands or supports what another opposes or rejects).
 *   Disagreement inside one party does not block an agreement between parties.
 * - UNMET_PRECONDITION: one party demands or supports the issue as a precondition, and
 *   another accepts it only on conditions (CONDITIONAL) or opposes or rejects it. A
 *   precondition against opposition fires this rule and the first; its reason is given, and
 *   scored, once (as a conflict).
 * - EXPLICIT_OBSTACLE: an obstacle on the issue names actors that resolve to at least two
 *   different requested parties, or names no parties at all (the source says the issue is
 *   an obstacle without saying between whom, so it holds for any set of parties).
 *
 * Output
 * - `positionIds`: every position in a conflicting or precondition pair; `obstacleIds`: the
 *   obstacles that fired; both sorted by id. `rules` in declaration order. `reasons`: one
 *   sentence per conflicting pair (the pro side first), then one per unmet precondition not
 *   already told as a conflict, then one per obstacle, each group ordered by ids. A reason
 *   says whose view each side is and how sure when the source hedges or relays it ("Iran
 *   demands … as a precondition; by the source's own reading (probable), United States
 *   accepts it only in return for …").
 * - Severity: every point is weighted by the certainty of the reason it comes from (CERTAIN 1,
 *   PROBABLE 0.75, POSSIBLE 0.5, UNDERSPECIFIED 0.25), so a block the source only forecasts
 *   weighs less than the same block stated as fact, and a hedged reason beside a stated one
 *   adds only its weighted share:
 *     round( Σ over rules fired: 3 × weight of that rule's surest reason
 *          + max over pairs: weight of the pair × (firmness of its two sides (RED_LINE 3,
 *            FIRM 2, UNKNOWN 1, FLEXIBLE 0, each) + 2 when one side is a precondition) ).
 *   A pair told once counts once: a precondition against opposition scores as a conflict.
 *   Only the strongest pair counts, so repeating one stance through several officials does
 *   not raise severity. A certain obstacle alone scores 3; the maximum is 3 × 3 + 8 = 17.
 * - Ordered by severity descending, then issue id ascending.
 */
import { Certainty, Firmness, leastCertain, mostCertain } from '../shared/enums.js';
import {
  admissible, certaintyOf, compareIds, DEFAULT_MIN_CERTAINTY, listing, sortedUnique,
  type AffiliationFact, type Names, type ObstacleFact, type PositionFact,
} from './facts.js';
import { AffiliationGraph, capitalized, hedge, positionsConflict, qualifiers, resolveParties, stanceDirection, stanceVerb, voice } from './stance.js';

export enum BlockingRule {
  INCOMPATIBLE_POSITIONS = 'INCOMPATIBLE_POSITIONS',
  UNMET_PRECONDITION = 'UNMET_PRECONDITION',
  EXPLICIT_OBSTACLE = 'EXPLICIT_OBSTACLE',
}

export const FIRMNESS_WEIGHT: Readonly<Record<Firmness, number>> = {
  [Firmness.RED_LINE]: 3,
  [Firmness.FIRM]: 2,
  [Firmness.UNKNOWN]: 1,
  [Firmness.FLEXIBLE]: 0,
};

export const CERTAINTY_WEIGHT: Readonly<Record<Certainty, number>> = {
  [Certainty.CERTAIN]: 1,
  [Certainty.PROBABLE]: 0.75,
  [Certainty.POSSIBLE]: 0.5,
  [Certainty.UNDERSPECIFIED]: 0.25,
};

export const SEVERITY_PER_RULE = 3;
export const SEVERITY_PRECONDITION = 2;

export interface BlockingIssuesInput {
  parties?: readonly string[] | null;
  positions: readonly PositionFact[];
  affiliations: readonly AffiliationFact[];
  obstacles: readonly ObstacleFact[];
  names: Names;
  /** The least certainty a fact needs to be used; default POSSIBLE. */
  minCertainty?: Certainty;
}

export interface BlockingIssue {
  issueId: string;
  rules: BlockingRule[];
  reasons: string[];
  positionIds: string[];
  obstacleIds: string[];
  severity: number;
  /** The least certain fact it rests on. */
  certainty: Certainty;
}

interface PartyPosition {
  position: PositionFact;
  party: string;
}

/** Two positions of different parties that stand against each other: `first` is the pro side or the precondition. */
interface Pair {
  first: PartyPosition;
  second: PartyPosition;
}

export function blockingIssues(input: BlockingIssuesInput): BlockingIssue[] {
  const { names } = input;
  const minCertainty = input.minCertainty ?? DEFAULT_MIN_CERTAINTY;
  const positions = input.positions.filter((p) => admissible(p, minCertainty));
  const obstacles = input.obstacles.filter((o) => admissible(o, minCertainty));
  const graph = new AffiliationGraph(input.affiliations);
  const involved = [...positions.map((p) => p.actorId), ...obstacles.flatMap((o) => o.partyIds)];
  const { resolve } = resolveParties(input.parties, involved, graph);

  const positionsByIssue = new Map<string, PartyPosition[]>();
  for (const position of [...positions].sort((a, b) => compareIds(a.id, b.id))) {
    const party = resolve(position.actorId);
    if (party === null) continue;
    const list = positionsByIssue.get(position.issueId) ?? [];
    list.push({ position, party });
    positionsByIssue.set(position.issueId, list);
  }
  const obstaclesByIssue = new Map<string, ObstacleFact[]>();
  for (const obstacle of [...obstacles].sort((a, b) => compareIds(a.id, b.id))) {
    const list = obstaclesByIssue.get(obstacle.issueId) ?? [];
    list.push(obstacle);
    obstaclesByIssue.set(obstacle.issueId, list);
  }

  const result: BlockingIssue[] = [];
  for (const issueId of sortedUnique([...positionsByIssue.keys(), ...obstaclesByIssue.keys()])) {
    const issue = names.issue(issueId);
    const held = positionsByIssue.get(issueId) ?? [];
    const conflicts = pairsOf(held, (a, b) => positionsConflict(a, b) && stanceDirection(a.stance) === 'PRO');
    const preconditions = pairsOf(held, isUnmetPrecondition);
    const fired = (obstaclesByIssue.get(issueId) ?? [])
      .map((obstacle) => ({ obstacle, parties: sortedUnique(obstacle.partyIds.map(resolve).filter((p): p is string => p !== null)) }))
      .filter(({ obstacle, parties }) => obstacle.partyIds.length === 0 || parties.length >= 2);
    if (conflicts.length === 0 && preconditions.length === 0 && fired.length === 0) continue;

    const rules: BlockingRule[] = [];
    if (conflicts.length > 0) rules.push(BlockingRule.INCOMPATIBLE_POSITIONS);
    if (preconditions.length > 0) rules.push(BlockingRule.UNMET_PRECONDITION);
    if (fired.length > 0) rules.push(BlockingRule.EXPLICIT_OBSTACLE);

    const told = new Set(conflicts.map(pairKey));
    const unmet = preconditions.filter((p) => !told.has(pairKey(p)));
    const pairs = [...conflicts, ...unmet];
    const pairCertainty = (pair: Pair) => leastCertain([certaintyOf(pair.first.position), certaintyOf(pair.second.position)]);
    const obstacleCertainties = fired.map(({ obstacle }) => certaintyOf(obstacle));
    // Each reason group scores once, at the weight of its surest reason.
    const ruleWeights = [conflicts.map(pairCertainty), unmet.map(pairCertainty), obstacleCertainties]
      .filter((group) => group.length > 0)
      .map((group) => CERTAINTY_WEIGHT[mostCertain(group)]);
    const pairScore = Math.max(
      0,
      ...pairs.map((pair) => {
        const precondition = pair.first.position.isPrecondition || pair.second.position.isPrecondition ? SEVERITY_PRECONDITION : 0;
        return CERTAINTY_WEIGHT[pairCertainty(pair)] * (FIRMNESS_WEIGHT[pair.first.position.firmness] + FIRMNESS_WEIGHT[pair.second.position.firmness] + precondition);
      }),
    );
    const reasons = [
      ...conflicts.map((pair) => conflictReason(pair, issue, names)),
      ...unmet.map((pair) => preconditionReason(pair, issue, names)),
      ...fired.map(({ obstacle, parties }) =>
        obstacle.partyIds.length === 0
          ? `Obstacle on "${issue}" (parties not named): ${obstacle.description}`
          : `Obstacle on "${issue}" between ${listing(parties.map((p) => names.actor(p)))}: ${obstacle.description}`,
      ),
    ];
    const involvedPositions = pairs.flatMap(({ first, second }) => [first.position, second.position]);

    result.push({
      issueId,
      rules,
      reasons,
      positionIds: sortedUnique(involvedPositions.map((p) => p.id)),
      obstacleIds: fired.map(({ obstacle }) => obstacle.id),
      severity: Math.round(SEVERITY_PER_RULE * ruleWeights.reduce((sum, w) => sum + w, 0) + pairScore),
      certainty: leastCertain([...pairs.map(pairCertainty), ...obstacleCertainties]),
    });
  }
  return result.sort((a, b) => b.severity - a.severity || compareIds(a.issueId, b.issueId));
}

/** A precondition (demanded or supported) of one party that another accepts only on conditions or opposes. */
function isUnmetPrecondition(precondition: PositionFact, answer: PositionFact): boolean {
  if (!precondition.isPrecondition || stanceDirection(precondition.stance) !== 'PRO') return false;
  const direction = stanceDirection(answer.stance);
  return direction === 'CONDITIONAL' || direction === 'CONTRA';
}

/**
 * Ordered pairs (first, second) of positions held by different parties for which `holds`
 * is true; input sorted by position id, output ordered by the two ids.
 */
function pairsOf(held: readonly PartyPosition[], holds: (first: PositionFact, second: PositionFact) => boolean): Pair[] {
  const pairs: Pair[] = [];
  for (const first of held) {
    for (const second of held) {
      if (first.party !== second.party && holds(first.position, second.position)) pairs.push({ first, second });
    }
  }
  return pairs.sort((x, y) => compareIds(x.first.position.id, y.first.position.id) || compareIds(x.second.position.id, y.second.position.id));
}

const pairKey = ({ first, second }: Pair) => `${first.position.id}\u0000${second.position.id}`;

function side({ position, party }: PartyPosition, names: Names): string {
  return `${hedge(position, names)}${voice(party, position.actorId, names)}`;
}

function conflictReason({ first: pro, second: contra }: Pair, issue: string, names: Names): string {
  const first = `${side(pro, names)} ${stanceVerb(pro.position.stance)} "${issue}"${qualifiers(pro.position)}`;
  const second = `${side(contra, names)} ${stanceVerb(contra.position.stance)} it${qualifiers(contra.position)}`;
  return capitalized(`${first}, while ${second}`);
}

function preconditionReason({ first: precondition, second: answer }: Pair, issue: string, names: Names): string {
  const first = `${side(precondition, names)} ${stanceVerb(precondition.position.stance)} "${issue}"${qualifiers(precondition.position)}`;
  const conditions = answer.position.conditionIds ?? [];
  const reply =
    stanceDirection(answer.position.stance) === 'CONDITIONAL' && conditions.length > 0
      ? `accepts it only in return for concessions including ${listing(sortedUnique(conditions).map((id) => `"${names.issue(id)}"`))}`
      : `${stanceVerb(answer.position.stance)} it`;
  return capitalized(`${first}; ${side(answer, names)} ${reply}${qualifiers({ ...answer.position, isPrecondition: false })}`);
}
