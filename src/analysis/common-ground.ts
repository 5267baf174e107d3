/**
 * Common ground: the issues on which the given parties do not stand in each other's way.
 *
 * - Parties and their voices are resolved exactly as for blocking issues (stance.ts): a
 *   party speaks through its affiliated actors; positions of actors that speak for no
 *   requested party are ignored; default parties (no list, or an empty one) are the
 *   top-level organizations of every position holder.
 * - An issue is common ground when every party holds at least one position on it and no
 *   two different parties hold conflicting positions (`positionsConflict`). Shared
 *   opposition is common ground too, and OPEN_TO never conflicts. Disagreement inside one
 *   party does not count, mirroring blocking issues, so an issue is never both.
 * - With `includeSilent`, issues with no conflict on which some parties hold no position
 *   are returned as well, naming those parties in `silentPartyIds` (sorted by id).
 * - An issue on which no party holds a position is never returned: silence is not
 *   agreement. With a single party, an issue is common ground when that party holds a
 *   position on it.
 * - `positionIds`: every position of the parties on the issue, sorted by id.
 * - Ordered: full common ground first, then (with `includeSilent`) the partial ones;
 *   within each group by issue id.
 * - `names` is accepted so every issue question takes the same context; nothing here
 *   needs prose.
 */
import { compareIds, sortedUnique, type AffiliationFact, type Names, type PositionFact } from './facts.js';
import { AffiliationGraph, positionsConflict, resolveParties } from './stance.js';

export interface CommonGroundInput {
  parties?: readonly string[] | null;
  positions: readonly PositionFact[];
  affiliations: readonly AffiliationFact[];
  names?: Names;
  includeSilent?: boolean;
}

export interface CommonGroundIssue {
  issueId: string;
  positionIds: string[];
  silentPartyIds: string[];
}

export function commonGround(input: CommonGroundInput): CommonGroundIssue[] {
  const graph = new AffiliationGraph(input.affiliations);
  const { parties, resolve } = resolveParties(input.parties, input.positions.map((p) => p.actorId), graph);

  const byIssue = new Map<string, { position: PositionFact; party: string }[]>();
  for (const position of input.positions) {
    const party = resolve(position.actorId);
    if (party === null) continue;
    const list = byIssue.get(position.issueId) ?? [];
    list.push({ position, party });
    byIssue.set(position.issueId, list);
  }

  const full: CommonGroundIssue[] = [];
  const partial: CommonGroundIssue[] = [];
  for (const issueId of [...byIssue.keys()].sort(compareIds)) {
    const held = byIssue.get(issueId)!;
    const conflict = held.some((a, i) => held.slice(i + 1).some((b) => a.party !== b.party && positionsConflict(a.position, b.position)));
    if (conflict) continue;
    const speaking = new Set(held.map((h) => h.party));
    const entry = {
      issueId,
      positionIds: sortedUnique(held.map((h) => h.position.id)),
      silentPartyIds: parties.filter((p) => !speaking.has(p)),
    };
    if (entry.silentPartyIds.length === 0) full.push(entry);
    else if (input.includeSilent) partial.push(entry);
  }
  return [...full, ...partial];
}
