/** `restore`: a node brought back as it was at a revision (a deleted one included), as a new revision. */
import { typeOfId } from '../../shared/ids.js';
import { missingIds, type AnyDoc, type DocType, type Docs, type SpanDoc } from '../../store/documents.js';
import { changeAt, docAt, latestRevision } from '../../store/history.js';
import type * as I from './write.inputs.js';
import { refuse, type StoredResult, type Write } from './write.runner.js';
import { positionOf } from './write.store.js';
import { UserErrorCode } from './write.types.js';

export async function restore(w: Write, input: I.RestoreInput): Promise<StoredResult> {
  const type = typeOfId(input.id) as DocType | null;
  if (!type || type === 'Source' || (type as string) === 'Place') return refuse(UserErrorCode.INVALID_VALUE, ['input', 'id'], `input.id: "${input.id}" is not a node that can be restored`);
  const latestNumber = await latestRevision(w.tx);
  if (input.revision > latestNumber) refuse(UserErrorCode.INVALID_VALUE, ['input', 'revision'], `input.revision: there is no revision ${input.revision} yet`);
  const then = await docAt(w.tx, type, input.id, input.revision);
  if (!then) return refuse(UserErrorCode.NOT_FOUND, ['input', 'revision'], `input.revision: ${input.id} did not exist at revision ${input.revision}`);
  const latest = (await changeAt(w.tx, input.id, latestNumber))!;
  if (latest.version !== input.expectedVersion) {
    refuse(UserErrorCode.VERSION_CONFLICT, ['input', 'expectedVersion'], `${input.id} is at version ${latest.version}, not ${input.expectedVersion}`);
  }
  const missing: string[] = [];
  for (const [refType, ids] of referencesOf(then)) missing.push(...(await missingIds(w.tx, refType, ids)));
  if (missing.length > 0) refuse(UserErrorCode.INVALID_REFERENCE, ['input', 'revision'], `input.revision: ${input.id} as it was then refers to ${missing.join(', ')}, which no longer exist: restore those first`);
  if (type === 'Position') {
    const { actorId, issueId } = (then as Docs['Position']).row;
    const other = await positionOf(w.tx, actorId, issueId);
    if (other && other !== input.id) refuse(UserErrorCode.DUPLICATE_ID, ['input', 'id'], `${other} now holds ${actorId}'s position on ${issueId}: one position per actor and issue (delete it, or setPosition instead)`);
  }
  await w.restore(type, await w.read(type, input.id), then, latest.version + 1);
  return { type, id: input.id };
}

/** The nodes a document refers to, by type, so a restore can refuse dangling references. */
function referencesOf(doc: AnyDoc): [DocType, string[]][] {
  const row = doc.row as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? [v] : []);
  const spans = doc as { evidence?: SpanDoc[]; cues?: SpanDoc[] };
  const sources = [...(spans.evidence ?? []), ...(spans.cues ?? [])].map((s) => s.sourceId);
  const out: [DocType, string[]][] = [['Source', sources], ['Actor', [...str(row.actorId), ...str(row.holderId), ...str(row.speakerId), ...str(row.targetId)]], ['Issue', str(row.issueId)]];
  if ('affiliations' in doc) out.push(['Actor', doc.affiliations.map((a) => a.organizationId)], ['Source', doc.affiliations.flatMap((a) => a.evidence.map((e) => e.sourceId))]);
  if ('participants' in doc) out.push(['Actor', doc.participants.map((p) => p.actorId)]);
  if ('obstacles' in doc) out.push(['Actor', doc.obstacles.flatMap((o) => o.partyIds)], ['Source', doc.obstacles.flatMap((o) => o.evidence.map((e) => e.sourceId))]);
  if ('issueIds' in doc) out.push(['Issue', doc.issueIds]);
  if ('conditionIds' in doc) out.push(['Issue', doc.conditionIds], ['Statement', doc.statementIds]);
  if (typeof row.eventId === 'string') out.push(['Event', [row.eventId]]);
  return out;
}
