/** `addRelation`, `removeRelation`: a relation between two actors, two events or two statements. */
import { ACTOR_RELATION_INVERSE, EVENT_RELATION_INVERSE, STATEMENT_RELATION_INVERSE } from '../../shared/enums.js';
import { typeOfId } from '../../shared/ids.js';
import { relationId } from '../../shared/relation-ids.js';
import type * as I from './write.inputs.js';
import { refuse, type StoredResult, type Write } from './write.runner.js';
import { UserErrorCode } from './write.types.js';

export const RELATION_FAMILIES = [
  { type: 'ActorRelation', node: 'Actor', kinds: ACTOR_RELATION_INVERSE },
  { type: 'EventRelation', node: 'Event', kinds: EVENT_RELATION_INVERSE },
  { type: 'StatementRelation', node: 'Statement', kinds: STATEMENT_RELATION_INVERSE },
] as const;

/** The family of the relation stored under this id, if any. */
export async function relationFamily(w: Write, id: string): Promise<(typeof RELATION_FAMILIES)[number] | undefined> {
  for (const family of RELATION_FAMILIES) if (await w.read(family.type, id)) return family;
  return undefined;
}

export async function addRelation(w: Write, input: I.AddRelationInput): Promise<StoredResult> {
  const family = RELATION_FAMILIES.find((f) => typeOfId(input.subject) === f.node);
  if (!family) return refuse(UserErrorCode.INVALID_VALUE, ['input', 'subject'], `input.subject: relations join two actors, two events or two statements, not "${input.subject}"`);
  if (!(input.kind in family.kinds)) refuse(UserErrorCode.INVALID_VALUE, ['input', 'kind'], `input.kind: ${input.kind} does not relate ${family.node}s (use ${Object.keys(family.kinds).join(', ')})`);
  if (typeOfId(input.object) !== family.node) refuse(UserErrorCode.INVALID_REFERENCE, ['input', 'object'], `input.object: a ${input.kind} relation joins two ${family.node}s`);
  if (input.subject === input.object) refuse(UserErrorCode.INVALID_VALUE, ['input', 'object'], 'input.object: a node cannot be related to itself');
  await w.requireIds(family.node, [input.subject], ['input', 'subject']);
  await w.requireIds(family.node, [input.object], ['input', 'object']);
  if (input.note && family.type === 'StatementRelation') refuse(UserErrorCode.INVALID_VALUE, ['input', 'note'], 'input.note: statement relations take no note');
  const id = relationId(input.subject, input.kind, input.object);
  const row = { id, subjectId: input.subject, objectId: input.object, kind: input.kind as never, certainty: input.certainty, ...(family.type === 'StatementRelation' ? {} : { note: input.note?.trim() || null }) };
  await w.create(family.type, { row, evidence: await w.spans(input.evidence, ['input', 'evidence']) } as never, ['input', 'kind']);
  return { type: family.type, id };
}

export async function removeRelation(w: Write, input: I.RemoveRelationInput): Promise<StoredResult> {
  const family = await relationFamily(w, input.id);
  if (!family) return refuse(UserErrorCode.NOT_FOUND, ['input', 'id'], `input.id: no relation with id "${input.id}"`);
  const before = (await w.read(family.type, input.id))!;
  await w.remove(family.type, before);
  const subject = (await w.read(family.node, before.row.subjectId))!;
  return { type: family.node, id: subject.row.id };
}
