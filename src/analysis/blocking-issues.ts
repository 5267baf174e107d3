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
 * Rules (an issue is returned when at least one fires)
 * - INCOMPATIBLE_POSITIONS: two different parties hold conflicting positions on the issue
 *   (`positionsConflict`). Disagreement inside one party does not block an agreement
 *   between parties.
 * - EXPLICIT_OBSTACLE: an obstacle on the issue names actors that resolve to at least two
 *   different requested parties, or names no parties at all (the source says the issue is
 *   an obstacle without saying between whom, so it holds for any set of parties).
 *
 * Output
 * - `positionIds`: every position in at least one conflicting pair; `obstacleIds`: the
 *   obstacles that fired; both sorted by id. `rules` in declaration order. `reasons`: one
 *   sentence per conflicting pair (the pro side first, pairs ordered by their ids), then
 *   one per obstacle that fired, ordered by obstacle id.
 * - Severity = 3 per rule fired
 *            + the firmness weights of the strongest conflicting pair
 *              (RED_LINE 3, FIRM 2, UNKNOWN 1, FLEXIBLE 0; a pair scores the sum of its two)
 *            + 2 when any conflicting position is a precondition.
 *   Only the strongest pair counts so that an issue is not made more severe by the number
 *   of officials repeating one stance. An obstacle alone scores 3; the maximum is 14.
 * - Ordered by severity descending, then issue id ascending.
 */
import { Firmness } from '../shared/enums.js';
import { compareIds, listing, sortedUnique, type AffiliationFact, type Names, type ObstacleFact, type PositionFact } from './facts.js';
import { AffiliationGraph, positionsConflict, qualifiers, resolveParties, stanceDirection, stanceVerb, voice } from './stance.js';

export enum BlockingRule {
  INCOMPATIBLE_POSITIONS = 'INCOMPATIBLE_POSITIONS',
  EXPLICIT_OBSTACLE = 'EXPLICIT_OBSTACLE',
}

export const FIRMNESS_WEIGHT: Readonly<Record<Firmness, number>> = {
  [Firmness.RED_LINE]: 3,
  [Firmness.FIRM]: 2,
  [Firmness.UNKNOWN]: 1,
  [Firmness.FLEXIBLE]: 0,
};

export const SEVERITY_PER_RULE = 3;
export const SEVERITY_PRECONDITION = 2;

export interface BlockingIssuesInput {
  parties?: readonly string[] | null;
  positions: readonly PositionFact[];
  affiliations: readonly AffiliationFact[];
  obstacles: readonly ObstacleFact[];
  names: Names;
}

export interface BlockingIssue {
  issueId: string;
  rules: BlockingRule[];
  reasons: string[];
  positionIds: string[];
  obstacleIds: string[];
  severity: number;
}

interface PartyPosition {
  position: PositionFact;
  party: string;
}

interface ConflictPair {
  pro: PartyPosition;
  contra: PartyPosition;
}

export function blockingIssues(input: BlockingIssuesInput): BlockingIssue[] {
  const { positions, obstacles, names } = input;
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
    const pairs = conflictingPairs(positionsByIssue.get(issueId) ?? []);
    const fired = (obstaclesByIssue.get(issueId) ?? [])
      .map((obstacle) => ({ obstacle, parties: sortedUnique(obstacle.partyIds.map(resolve).filter((p): p is string => p !== null)) }))
      .filter(({ obstacle, parties }) => obstacle.partyIds.length === 0 || parties.length >= 2);
    if (pairs.length === 0 && fired.length === 0) continue;

    const rules: BlockingRule[] = [];
    if (pairs.length > 0) rules.push(BlockingRule.INCOMPATIBLE_POSITIONS);
    if (fired.length > 0) rules.push(BlockingRule.EXPLICIT_OBSTACLE);

    const reasons = [
      ...pairs.map(({ pro, contra }) => conflictReason(pro, contra, issue, names)),
      ...fired.map(({ obstacle, parties }) =>
        obstacle.partyIds.length === 0
          ? `Obstacle on "${issue}" (parties not named): ${obstacle.description}`
          : `Obstacle on "${issue}" between ${listing(parties.map((p) => names.actor(p)))}: ${obstacle.description}`,
      ),
    ];
    const conflicting = pairs.flatMap(({ pro, contra }) => [pro.position, contra.position]);
    const strongestPair = Math.max(0, ...pairs.map(({ pro, contra }) => FIRMNESS_WEIGHT[pro.position.firmness] + FIRMNESS_WEIGHT[contra.position.firmness]));
    const precondition = conflicting.some((p) => p.isPrecondition) ? SEVERITY_PRECONDITION : 0;

    result.push({
      issueId,
      rules,
      reasons,
      positionIds: sortedUnique(conflicting.map((p) => p.id)),
      obstacleIds: fired.map(({ obstacle }) => obstacle.id),
      severity: SEVERITY_PER_RULE * rules.length + strongestPair + precondition,
    });
  }
  return result.sort((a, b) => b.severity - a.severity || compareIds(a.issueId, b.issueId));
}

/** Pairs of positions held by different parties that conflict; input sorted by position id. */
function conflictingPairs(held: readonly PartyPosition[]): ConflictPair[] {
  const pairs: ConflictPair[] = [];
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      const a = held[i];
      const b = held[j];
      if (a.party === b.party || !positionsConflict(a.position, b.position)) continue;
      pairs.push(stanceDirection(a.position.stance) === 'PRO' ? { pro: a, contra: b } : { pro: b, contra: a });
    }
  }
  return pairs.sort((x, y) => compareIds(x.pro.position.id, y.pro.position.id) || compareIds(x.contra.position.id, y.contra.position.id));
}

function conflictReason(pro: PartyPosition, contra: PartyPosition, issue: string, names: Names): string {
  const first = `${voice(pro.party, pro.position.actorId, names)} ${stanceVerb(pro.position.stance)} "${issue}"${qualifiers(pro.position)}`;
  const second = `${voice(contra.party, contra.position.actorId, names)} ${stanceVerb(contra.position.stance)} it${qualifiers(contra.position)}`;
  return `${first}, while ${second}`;
}
