/** `duplicateCandidates`: checks the type, reads the facts, ranks the pairs (analysis/duplicates.ts). */
import { rankCandidates, type ScoredPair } from '../../analysis/duplicates.js';
import type { Executor } from '../../db/engine.js';
import { badUserInput } from '../../shared/errors.js';
import { MERGEABLE_TYPES, type MergeableType } from '../../store/references.js';
import { duplicateFacts } from './duplicate.store.js';

export const DEFAULT_CANDIDATES = 20;
export const MAX_CANDIDATES = 100;

export async function duplicateCandidates(q: Executor, type: string, first: number | null): Promise<ScoredPair[]> {
  if (!MERGEABLE_TYPES.includes(type as MergeableType)) throw badUserInput('type', `must be one of ${MERGEABLE_TYPES.join(', ')} (got "${type}")`);
  const n = first ?? DEFAULT_CANDIDATES;
  if (!Number.isInteger(n) || n < 0 || n > MAX_CANDIDATES) throw badUserInput('first', `must be from 0 to ${MAX_CANDIDATES} (got ${n})`);
  return rankCandidates(await duplicateFacts(q, type as MergeableType)).slice(0, n);
}
