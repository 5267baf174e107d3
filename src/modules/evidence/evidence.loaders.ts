import type { Executor } from '../../db/engine.js';
import { groupLoader } from '../../db/loader-kit.js';
import type { EvidenceRow } from '../../db/tables.js';
import { EVIDENCE_SUBJECTS, sourceStore, type EvidenceSubject } from '../source/source.store.js';

/** One loader per kind of fact: the spans citing it, in the order they occur in the source. */
export function createEvidenceLoaders(q: Executor) {
  const loaderFor = (subject: EvidenceSubject) => groupLoader((ids: string[]) => sourceStore.evidenceOf(q, subject, ids), (r: EvidenceRow) => r[`${subject}Id`]!);
  return Object.fromEntries(Object.keys(EVIDENCE_SUBJECTS).map((s) => [s, loaderFor(s as EvidenceSubject)])) as Record<EvidenceSubject, ReturnType<typeof loaderFor>>;
}
