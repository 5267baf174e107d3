/**
 * Stance compatibility and party resolution: the two judgements every issue question
 * (blocking issues, common ground, contradictions) shares, kept here so they cannot drift.
 *
 * Compatibility
 * - Pro stances: DEMANDS, SUPPORTS. Contra stances: OPPOSES, REJECTS. OPEN_TO is neither:
 *   it is compatible with every stance and never part of a conflict. CONDITIONAL is
 *   acceptance only in exchange for something: it conflicts with nothing by itself, but
 *   leaves a precondition unmet (blocking-issues.ts). UNSPECIFIED (the source says a
 *   position is held, not what it is) conflicts with nothing and agrees with nothing.
 * - Two positions conflict when one is pro and the other contra. The API contract also
 *   names "a precondition (with a pro stance) against a contra stance"; a precondition is a
 *   pro stance held as a condition for any deal, so that case is already a pro/contra pair.
 *   The flag therefore does not widen the conflict; it raises severity and shows in reasons.
 * - Conflict is a property of the two stances only; whether the two holders are different
 *   parties is for the caller to decide.
 *
 * Party resolution
 * - An actor speaks for the organizations it is affiliated with, transitively
 *   (official → ministry → state). `partyOf` returns the requested party the actor speaks
 *   for: the actor itself when it is a party, else the party nearest along affiliation
 *   chains (fewest hops; among equally near parties the smallest id), else null.
 * - `topLevelOf` returns the organization at the top of an actor's affiliation chains: the
 *   nearest actor that speaks for nobody further up (the actor itself when unaffiliated).
 *   When the chain ends in an affiliation cycle, which the data should not contain but may,
 *   the members of that cycle speak for one another and the smallest id stands for all.
 * - Traversals keep a visited set, so affiliation cycles never loop.
 */
import { Certainty, Firmness, Stance } from '../shared/enums.js';
import { certaintyOf, compareIds, sortedUnique, type AffiliationFact, type FactualityFact, type Names, type PositionFact } from './facts.js';

export type { AffiliationFact, Names, ObstacleFact, PositionFact } from './facts.js';

export type StanceDirection = 'PRO' | 'CONTRA' | 'OPEN' | 'CONDITIONAL' | 'UNKNOWN';

export function stanceDirection(stance: Stance): StanceDirection {
  switch (stance) {
    case Stance.DEMANDS:
    case Stance.SUPPORTS:
      return 'PRO';
    case Stance.OPPOSES:
    case Stance.REJECTS:
      return 'CONTRA';
    case Stance.OPEN_TO:
      return 'OPEN';
    case Stance.CONDITIONAL:
      return 'CONDITIONAL';
    case Stance.UNSPECIFIED:
      return 'UNKNOWN';
  }
}

type StanceOf = Pick<PositionFact, 'stance' | 'isPrecondition'>;

export function positionsConflict(a: StanceOf, b: StanceOf): boolean {
  const da = stanceDirection(a.stance);
  const db = stanceDirection(b.stance);
  return (da === 'PRO' && db === 'CONTRA') || (da === 'CONTRA' && db === 'PRO');
}

/**
 * Affiliations indexed once per question; reachability is memoized because every position
 * holder of a question is resolved against the same graph.
 */
export class AffiliationGraph {
  private readonly organizations = new Map<string, string[]>();
  private readonly reach = new Map<string, ReadonlySet<string>>();

  constructor(affiliations: readonly AffiliationFact[]) {
    const grouped = new Map<string, string[]>();
    for (const { actorId, organizationId } of affiliations) {
      if (actorId === organizationId) continue;
      const list = grouped.get(actorId) ?? [];
      list.push(organizationId);
      grouped.set(actorId, list);
    }
    for (const [actorId, list] of grouped) this.organizations.set(actorId, sortedUnique(list));
  }

  organizationsOf(actorId: string): readonly string[] {
    return this.organizations.get(actorId) ?? [];
  }

  /** Every actor the given one speaks for, itself included. */
  reachable(actorId: string): ReadonlySet<string> {
    const known = this.reach.get(actorId);
    if (known) return known;
    const seen = new Set<string>([actorId]);
    const stack = [actorId];
    while (stack.length > 0) {
      for (const next of this.organizationsOf(stack.pop()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    this.reach.set(actorId, seen);
    return seen;
  }

  /**
   * The first actor satisfying `accept`, searching level by level from the actor itself
   * (level 0) so the nearest wins; within a level the smallest id wins.
   */
  nearest(actorId: string, accept: (id: string) => boolean): string | null {
    const seen = new Set<string>([actorId]);
    let level = [actorId];
    while (level.length > 0) {
      const hits = level.filter(accept);
      if (hits.length > 0) return hits.sort(compareIds)[0];
      const next: string[] = [];
      for (const id of level) {
        for (const org of this.organizationsOf(id)) {
          if (!seen.has(org)) {
            seen.add(org);
            next.push(org);
          }
        }
      }
      level = next;
    }
    return null;
  }

  /** True when everything the actor speaks for also speaks for it: nobody further up. */
  private isTop(actorId: string): boolean {
    for (const other of this.reachable(actorId)) {
      if (!this.reachable(other).has(actorId)) return false;
    }
    return true;
  }

  topLevelOf(actorId: string): string {
    const top = this.nearest(actorId, (id) => this.isTop(id)) ?? actorId;
    return sortedUnique(this.reachable(top))[0];
  }
}

function asGraph(affiliations: readonly AffiliationFact[] | AffiliationGraph): AffiliationGraph {
  return affiliations instanceof AffiliationGraph ? affiliations : new AffiliationGraph(affiliations);
}

export function partyOf(
  actorId: string,
  parties: Iterable<string>,
  affiliations: readonly AffiliationFact[] | AffiliationGraph,
): string | null {
  const set = parties instanceof Set ? (parties as ReadonlySet<string>) : new Set(parties);
  return asGraph(affiliations).nearest(actorId, (id) => set.has(id));
}

export function topLevelOf(actorId: string, affiliations: readonly AffiliationFact[] | AffiliationGraph): string {
  return asGraph(affiliations).topLevelOf(actorId);
}

/** The parties a question is asked about, and which of them each actor speaks for. */
export interface PartyResolution {
  /** Sorted by id. */
  parties: string[];
  resolve(actorId: string): string | null;
}

/**
 * Requested parties (deduplicated) when given; an empty or missing list means "everyone":
 * the top-level organizations of the involved actors, each actor resolving to its own
 * top level.
 */
export function resolveParties(
  requested: readonly string[] | null | undefined,
  involvedActorIds: Iterable<string>,
  graph: AffiliationGraph,
): PartyResolution {
  const memo = new Map<string, string | null>();
  const memoized = (fn: (actorId: string) => string | null) => (actorId: string) => {
    if (!memo.has(actorId)) memo.set(actorId, fn(actorId));
    return memo.get(actorId)!;
  };
  if (requested && requested.length > 0) {
    const set = new Set(requested);
    return { parties: sortedUnique(set), resolve: memoized((id) => graph.nearest(id, (p) => set.has(p))) };
  }
  const resolve = memoized((id) => graph.topLevelOf(id));
  return { parties: sortedUnique([...involvedActorIds].map((id) => resolve(id)!)), resolve };
}

const VERBS: Record<Stance, string> = {
  [Stance.DEMANDS]: 'demands',
  [Stance.SUPPORTS]: 'supports',
  [Stance.OPEN_TO]: 'is open to',
  [Stance.CONDITIONAL]: 'accepts only on conditions',
  [Stance.OPPOSES]: 'opposes',
  [Stance.REJECTS]: 'rejects',
  [Stance.UNSPECIFIED]: 'holds an unstated position on',
};

export function stanceVerb(stance: Stance): string {
  return VERBS[stance];
}

/** "Iran (through Abbas Araghchi)": the party, and whose words they were when someone else's. */
export function voice(partyId: string, actorId: string, names: Names): string {
  const party = names.actor(partyId);
  return partyId === actorId ? party : `${party} (through ${names.actor(actorId)})`;
}

const FIRMNESS_NOTES: Record<Firmness, string> = {
  [Firmness.RED_LINE]: ' (red line)',
  [Firmness.FIRM]: ' (firm)',
  [Firmness.FLEXIBLE]: ' (flexible)',
  [Firmness.UNKNOWN]: '',
};

/** " as a precondition (red line)": what the reader needs to weigh a stance; empty when nothing is known. */
export function qualifiers(position: Pick<PositionFact, 'firmness' | 'isPrecondition'>): string {
  return `${position.isPrecondition ? ' as a precondition' : ''}${FIRMNESS_NOTES[position.firmness]}`;
}

const CERTAINTY_WORDS: Record<Certainty, string> = {
  [Certainty.CERTAIN]: 'certain',
  [Certainty.PROBABLE]: 'probable',
  [Certainty.POSSIBLE]: 'possible',
  [Certainty.UNDERSPECIFIED]: 'not committed either way',
};

/**
 * Whose view a clause reports and how sure it is, put before the clause: nothing for a fact
 * the source states plainly in its own voice; "by the source's own reading (probable), " for
 * the source's hedged view; "according to U.S. officials (anonymous), " or
 * "according to Turkey (possible), " for a view the source relays.
 */
export function hedge(fact: FactualityFact, names: Names): string {
  const certainty = certaintyOf(fact);
  const sure = certainty === Certainty.CERTAIN ? '' : ` (${CERTAINTY_WORDS[certainty]})`;
  if (fact.holderId) return `according to ${names.actor(fact.holderId)}${sure}, `;
  return sure === '' ? '' : `by the source's own reading${sure}, `;
}

/** The sentence with its first letter upper-cased. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
