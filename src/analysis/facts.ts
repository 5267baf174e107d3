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

/** Whether the fact is at least `minCertainty` sure. */
export function sureEnough(fact: { certainty?: Certainty }, minCertainty: Certainty = DEFAULT_MIN_CERTAINTY): boolean {
  return atLeast(certaintyOf(fact), minCertainty);
}

/**
 * Whether a question may rest on the fact as holding: at least `minCertainty` sure, never
 * NEGATIVE (a position the source says an actor does not hold, an event it says did not
 * happen), and UNDERSPECIFIED in polarity (the source does not say whether it holds) only
 * when the caller asks for the uncommitted too (`minCertainty: UNDERSPECIFIED`). A
 * statement's polarity is what it says (a denial is NEGATIVE), so statements are filtered
 * by `sureEnough` alone.
 */
export function admissible(fact: FactualityFact, minCertainty: Certainty = DEFAULT_MIN_CERTAINTY): boolean {
  const polarity = fact.polarity ?? Polarity.POSITIVE;
  if (polarity === Polarity.NEGATIVE) return false;
  if (polarity === Polarity.UNDERSPECIFIED && minCertainty !== Certainty.UNDERSPECIFIED) return false;
  return sureEnough(fact, minCertainty);
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
