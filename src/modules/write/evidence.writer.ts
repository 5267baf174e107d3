/** `addEvidence`, `removeEvidence`: the quotes a fact (an entity or a relation) cites. */
import { typeOfId } from '../../shared/ids.js';
import type { AnyDoc, DocType, SpanDoc } from '../../store/documents.js';
import { relationFamily } from './relation.writer.js';
import type * as I from './write.inputs.js';
import { refuse, type StoredResult, type Write } from './write.runner.js';
import { UserErrorCode } from './write.types.js';

/** A fact named by an entity id or a relation id, with its evidence, at the version expected. */
async function citedFact(w: Write, id: string, expectedVersion: number | null | undefined): Promise<{ type: DocType; before: AnyDoc & { evidence: SpanDoc[] } }> {
  const entity = typeOfId(id);
  const family = entity ? null : await relationFamily(w, id);
  const type: DocType = entity && entity !== 'Place' && entity !== 'Source' ? entity : family ? family.type : refuse(UserErrorCode.NOT_FOUND, ['input', 'node'], `input.node: no fact with id "${id}"`);
  return { type, before: (await w.current(type, id, expectedVersion, ['input', 'node'])) as AnyDoc & { evidence: SpanDoc[] } };
}

export async function addEvidence(w: Write, input: I.AddEvidenceInput): Promise<StoredResult> {
  const { type, before } = await citedFact(w, input.node, input.expectedVersion);
  const added = await w.spans(input.evidence, ['input', 'evidence']);
  const key = (s: SpanDoc) => `${s.sourceId}:${s.start}:${s.end}`;
  const have = new Set(before.evidence.map(key));
  const dup = added.find((s) => have.has(key(s)));
  if (dup) refuse(UserErrorCode.DUPLICATE_ID, ['input', 'evidence'], `input.evidence: ${input.node} already cites "${dup.exact}" at ${dup.start}–${dup.end}`);
  await w.update(type, before as never, { ...before, evidence: [...before.evidence, ...added] } as never);
  return { type, id: input.node };
}

export async function removeEvidence(w: Write, input: I.RemoveEvidenceInput): Promise<StoredResult> {
  const { type, before } = await citedFact(w, input.node, input.expectedVersion);
  const kept = before.evidence.filter((s) => !(s.sourceId === input.source && s.start === input.start && s.end === input.end));
  if (kept.length === before.evidence.length) refuse(UserErrorCode.NOT_FOUND, ['input', 'start'], `input: ${input.node} cites no span ${input.source} ${input.start}–${input.end}`);
  if (kept.length === 0) refuse(UserErrorCode.INVALID_VALUE, ['input', 'node'], `input.node: ${input.node} would cite nothing; every fact cites at least one quote (add another first)`);
  await w.update(type, before as never, { ...before, evidence: kept } as never);
  return { type, id: input.node };
}
