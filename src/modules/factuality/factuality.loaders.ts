import type { Executor } from '../../db/engine.js';
import { groupLoader } from '../../db/loader-kit.js';
import type { FactualityCueRow } from '../../db/tables.js';
import { sourceStore } from '../source/source.store.js';
import type { FactualSubject } from './factuality.type.js';

/** One loader per kind of fact: the cues setting its factuality, in the order they occur in the source. */
export function createCueLoaders(q: Executor) {
  const loaderFor = (subject: FactualSubject) => groupLoader((ids: string[]) => sourceStore.cuesOf(q, subject, ids), (r: FactualityCueRow) => r[`${subject}Id`]!);
  return { event: loaderFor('event'), statement: loaderFor('statement'), position: loaderFor('position') };
}
