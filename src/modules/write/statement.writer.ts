/** `createStatement`, `updateStatement`: a statement with its issues, evidence and factuality. */
import { dateColumns } from '../../shared/partial-date.js';
import type { Docs } from '../../store/documents.js';
import { factualityOf, slugId } from './write.build.js';
import type * as I from './write.inputs.js';
import type { StoredResult, Write } from './write.runner.js';

export async function createStatement(w: Write, input: I.CreateStatementInput): Promise<StoredResult> {
  const id = input.id ?? slugId('statement', input.summary, ['input', 'summary']);
  await w.requireIds('Actor', [input.speaker, input.target], ['input']);
  if (input.event) await w.requireIds('Event', [input.event], ['input', 'event']);
  await w.requireIds('Issue', input.issues, ['input', 'issues']);
  const f = await factualityOf(w, input.factuality, input.speaker ?? null);
  const doc: Docs['Statement'] = {
    row: {
      id, kind: input.kind, summary: input.summary.trim(), speakerId: input.speaker ?? null, attributionKind: input.attribution.kind,
      attributionDetail: input.attribution.detail ?? null, targetId: input.target ?? null, ...dateColumns('date', input.date), eventId: input.event ?? null,
      ...f.columns, version: 1,
    },
    issueIds: [...new Set(input.issues)].sort(),
    evidence: await w.spans(input.evidence, ['input', 'evidence']),
    cues: f.cues,
  };
  await w.create('Statement', doc);
  return { type: 'Statement', id };
}

export async function updateStatement(w: Write, input: I.UpdateStatementInput): Promise<StoredResult> {
  const before = await w.current('Statement', input.id, input.expectedVersion);
  await w.requireIds('Actor', [input.speaker, input.target], ['input']);
  if (input.issues) await w.requireIds('Issue', input.issues, ['input', 'issues']);
  if (input.event) await w.requireIds('Event', [input.event], ['input', 'event']);
  const row = { ...before.row };
  if (input.date) Object.assign(row, dateColumns('date', input.date));
  if (input.event != null) row.eventId = input.event;
  if (input.kind != null) row.kind = input.kind;
  if (input.summary != null) row.summary = input.summary.trim();
  if (input.speaker != null) row.speakerId = input.speaker;
  if (input.target != null) row.targetId = input.target;
  if (input.attribution) Object.assign(row, { attributionKind: input.attribution.kind, attributionDetail: input.attribution.detail ?? null });
  const f = input.factuality ? await factualityOf(w, input.factuality, row.speakerId) : null;
  await w.update('Statement', before, {
    row: f ? { ...row, ...f.columns } : row,
    issueIds: input.issues ? [...new Set(input.issues)].sort() : before.issueIds,
    evidence: before.evidence,
    cues: f ? f.cues : before.cues,
  });
  return { type: 'Statement', id: input.id };
}
