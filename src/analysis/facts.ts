/**
 * The plain facts the analysis questions reason over, shaped independently of storage so
 * every question is a pure function the resolvers feed from their loaders and the tests
 * feed from hand-built graphs.
 *
 * Ids are compared as raw strings (`compareIds`), never with `localeCompare`, so output
 * order does not depend on the locale of the machine answering the question.
 */
import { atLeast, Certainty, Polarity, type Firmness, type Stance } from '../shared/enums.js';

/**
 * How sure the source is of a fact and in whose view. Absent fields take the values of a
 * fact the source states plainly in its own voice: CERTAIN, POSITIVE, no holder.
 */
export interface FactualityFact {
  certainty?: Certainty;
  polarity?: Polarity;
  /** Whose view it is; null or absent: the source's own. */
  holderId?: string | null;
}

/** Where one actor stands on one issue. */
export interface PositionFact extends FactualityFact {
  id: string;
  actorId: string;
  issueId: string;
  stance: Stance;
  firmness: Firmness;
  isPrecondition: boolean;
  /** What a CONDITIONAL position asks in return (issue ids); absent: nothing. */
  conditionIds?: readonly string[];
}

/** The default floor of every question: all but the underspecified. */
export const DEFAULT_MIN_CERTAINTY = Certainty.POSSIBLE;

export function certaintyOf(fact: { certainty?: Certainty }): Certainty {
  return fact.certainty ?? Certainty.CERTAIN;
}

/**
 * Whether a question may rest on the fact: it is at least `minCertainty`, and asserted to
 * hold (a position the source says an actor does not hold, or leaves open, is no stance).
 */
export function admissible(fact: FactualityFact, minCertainty: Certainty = DEFAULT_MIN_CERTAINTY): boolean {
  return atLeast(certaintyOf(fact), minCertainty) && (fact.polarity ?? Polarity.POSITIVE) === Polarity.POSITIVE;
}

/** The actor speaks for the organization; chains are followed transitively (official → ministry → state). */
export interface AffiliationFact {
  actorId: string;
  organizationId: string;
}

/**
 * The source says in so many words that the issue stands between these parties.
 * An empty `partyIds` means the source names no parties.
 */
export interface ObstacleFact {
  id: string;
  issueId: string;
  partyIds: string[];
  description: string;
  /** How sure the source is that it stands between them; absent: CERTAIN. */
  certainty?: Certainty;
}

/** Display names, used only to write human-readable reasons. */
export interface Names {
  actor(id: string): string;
  issue(id: string): string;
}

export function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export function sortedUnique(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareIds);
}

/** "A", "A and B", "A, B and C". */
export function listing(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
