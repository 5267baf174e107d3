/**
 * The plain facts the analysis questions reason over, shaped independently of storage so
 * every question is a pure function the resolvers feed from their loaders and the tests
 * feed from hand-built graphs.
 *
 * Ids are compared as raw strings (`compareIds`), never with `localeCompare`, so output
 * order does not depend on the locale of the machine answering the question.
 */
import type { Firmness, Stance } from '../shared/enums.js';

/** Where one actor stands on one issue. */
export interface PositionFact {
  id: string;
  actorId: string;
  issueId: string;
  stance: Stance;
  firmness: Firmness;
  isPrecondition: boolean;
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
