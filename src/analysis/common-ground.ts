/**
 * Common ground: the issues on which the given parties do not stand in each other's way.
 *
 * - Parties and their voices are resolved exactly as for blocking issues (stance.ts): a
 *   party speaks through its affiliated actors; positions of actors that speak for no
 *   requested party are ignored; default parties (no list, or an empty one) are the
 *   top-level organizations of every position holder.
 * - An issue is common ground when every party holds at least one position on it and it
 *   does not block agreement among the parties (`blockingIssues`, given the same parties,
 *   positions and obstacles): no two different parties hold conflicting positions, no
 *   party's precondition is met with a conditional acceptance or opposition, and no source
 *   calls it an obstacle between them. Shared opposition is common ground too, and
 *   OPEN_TO never conflicts. Deciding through `blockingIssues` keeps one definition of
 *   "blocks", so an issue is never both blocking and common ground.
 * - A position with stance UNSPECIFIED (the source says a position is held, not what it
 *   is) agrees with nothing: its holder counts as silent on the issue, and the position is
 *   not listed. CONDITIONAL counts as acceptance, its conditions in view, unless it answers
 *   another party's precondition (then the issue blocks).
 * - Certainty: only admissible facts at least `minCertainty` sure are used (as for blocking
 *   issues). An alignment is as sure as the least certain position it lists.
 * - With `includeSilent`, issues with no conflict on which some parties hold no position
 *   are returned as well, naming those parties in `silentPartyIds` (sorted by id).
 * - An issue on which no party holds a position is never returned: silence is not
 *   agreement. With a single party, an issue is common ground when that party holds a
 *   position on it.
 * - `positionIds`: every position of the parties on the issue, sorted by id.
 * - Ordered: full common ground first, then (with `includeSilent`) the partial ones;
 *   within each group by issue id.
 * - `names` is accepted so every issue question takes the same context; nothing here
 *   needs prose. `obstacles` defaults to none.
 */
import { Certainty, leastCertain, Stance } from '../shared/enums.js';
import { blockingIssues } from './blocking-issues.js';
import {
  admissible, certaintyOf, compareIds, DEFAULT_MIN_CERTAINTY, sortedUnique,
  type AffiliationFact, type Names, type ObstacleFact, type PositionFact,
} from './facts.js';
import { AffiliationGraph, resolveParties } from './stance.js';

/** Reasons are not read here, so ids stand in for names when none are given. */
const ID_NAMES: Names = { actor: (id) => id, issue: (id) => id };

export interface CommonGroundInput {
  parties?: readonly string[] | null;
  positions: readonly PositionFact[];
  affiliations: readonly AffiliationFact[];
  obstacles?: readonly ObstacleFact[];
  names?: Names;
  includeSilent?: boolean;
  /** The least certainty a fact needs to be used; default POSSIBLE. */
  minCertainty?: Certainty;
}

export interface CommonGroundIssue {
  issueId: string;
  positionIds: string[];
  silentPartyIds: string[];
  certainty: Certainty;
}

export function commonGround(input: CommonGroundInput): CommonGroundIssue[] {
  const minCertainty = input.minCertainty ?? DEFAULT_MIN_CERTAINTY;
  const positions = input.positions.filter((p) => admissible(p, minCertainty));
  const graph = new AffiliationGraph(input.affiliations);
  const { parties, resolve } = resolveParties(input.parties, positions.map((p) => p.actorId), graph);

  const byIssue = new Map<string, { position: PositionFact; party: string }[]>();
  for (const position of positions) {
    if (position.stance === Stance.UNSPECIFIED) continue;
    const party = resolve(position.actorId);
    if (party === null) continue;
    const list = byIssue.get(position.issueId) ?? [];
    list.push({ position, party });
    byIssue.set(position.issueId, list);
  }

  const blocked = new Set(
    blockingIssues({ parties: input.parties, positions: input.positions, affiliations: input.affiliations, obstacles: input.obstacles ?? [], names: input.names ?? ID_NAMES, minCertainty }).map((b) => b.issueId),
  );
  const full: CommonGroundIssue[] = [];
  const partial: CommonGroundIssue[] = [];
  for (const issueId of [...byIssue.keys()].sort(compareIds)) {
    if (blocked.has(issueId)) continue;
    const held = byIssue.get(issueId)!;
    const speaking = new Set(held.map((h) => h.party));
    const entry = {
      issueId,
      positionIds: sortedUnique(held.map((h) => h.position.id)),
      silentPartyIds: parties.filter((p) => !speaking.has(p)),
      certainty: leastCertain(held.map((h) => certaintyOf(h.position))),
    };
    if (entry.silentPartyIds.length === 0) full.push(entry);
    else if (input.includeSilent) partial.push(entry);
  }
  return [...full, ...partial];
}
