/** `createEvent`, `updateEvent`: an event with its participants, issues, evidence and factuality. */
import { dateColumns } from '../../shared/partial-date.js';
import type { Docs } from '../../store/documents.js';
import { factualityOf, slugId } from './write.build.js';
import type * as I from './write.inputs.js';
import { refuse, refuseRepeats, type StoredResult, type Write } from './write.runner.js';
import { placeExists } from './write.store.js';
import { UserErrorCode } from './write.types.js';

async function eventLinks(w: Write, input: { participants?: I.ParticipantInput[] | null; issues?: string[] | null; location?: string | null }): Promise<void> {
  if (input.participants) {
    refuseRepeats(input.participants.map((p) => `${p.actor} as ${p.role}`), ['input', 'participants'], 'the participant');
    await w.requireIds('Actor', input.participants.map((p) => p.actor), ['input', 'participants']);
  }
  if (input.issues) await w.requireIds('Issue', input.issues, ['input', 'issues']);
  if (input.location && !(await placeExists(w.tx, input.location))) refuse(UserErrorCode.INVALID_REFERENCE, ['input', 'location'], `input.location: no place with id "${input.location}"`);
}

export async function createEvent(w: Write, input: I.CreateEventInput): Promise<StoredResult> {
  const id = input.id ?? slugId('event', input.title, ['input', 'title']);
  await eventLinks(w, input);
  const f = await factualityOf(w, input.factuality, null);
  const doc: Docs['Event'] = {
    row: {
      id, title: input.title.trim(), summary: input.summary.trim(), kind: input.kind, status: input.status,
      ...dateColumns('start', input.start), ...dateColumns('end', input.end),
      durationDays: input.durationDays ?? null, durationNote: input.durationNote ?? null, locationId: input.location ?? null, cameoCode: input.cameoCode ?? null,
      ...f.columns, version: 1,
    },
    participants: input.participants.map((p) => ({ actorId: p.actor, role: p.role })),
    issueIds: [...new Set(input.issues)].sort(),
    evidence: await w.spans(input.evidence, ['input', 'evidence']),
    cues: f.cues,
  };
  await w.create('Event', doc);
  return { type: 'Event', id };
}

export async function updateEvent(w: Write, input: I.UpdateEventInput): Promise<StoredResult> {
  const before = await w.current('Event', input.id, input.expectedVersion);
  await eventLinks(w, input);
  const row = { ...before.row };
  if (input.title != null) row.title = input.title.trim();
  if (input.summary != null) row.summary = input.summary.trim();
  if (input.kind != null) row.kind = input.kind;
  if (input.status != null) row.status = input.status;
  if (input.start) Object.assign(row, dateColumns('start', input.start));
  if (input.end) Object.assign(row, dateColumns('end', input.end));
  if (input.durationDays != null) row.durationDays = input.durationDays;
  if (input.durationNote != null) row.durationNote = input.durationNote;
  if (input.location != null) row.locationId = input.location;
  if (input.cameoCode != null) row.cameoCode = input.cameoCode;
  const f = input.factuality ? await factualityOf(w, input.factuality, null) : null;
  await w.update('Event', before, {
    row: f ? { ...row, ...f.columns } : row,
    participants: input.participants ? input.participants.map((p) => ({ actorId: p.actor, role: p.role })) : before.participants,
    issueIds: input.issues ? [...new Set(input.issues)].sort() : before.issueIds,
    evidence: before.evidence,
    cues: f ? f.cues : before.cues,
  });
  return { type: 'Event', id: input.id };
}
