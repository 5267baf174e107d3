/** `createEvent`, `updateEvent`: an event with its participants, issues, evidence and factuality. */
import type { Docs } from '../../store/documents.js';
import { changedFact, sortedSet, newFact, slugId } from './write.build.js';
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

const participantsOf = (list: readonly I.ParticipantInput[]) => list.map((p) => ({ actorId: p.actor, role: p.role }));

export async function createEvent(w: Write, input: I.CreateEventInput): Promise<StoredResult> {
  const id = input.id ?? slugId('event', input.title, ['input', 'title']);
  await eventLinks(w, input);
  const doc: Docs['Event'] = { ...(await newFact(w, 'Event', id, input, null)), participants: participantsOf(input.participants), issueIds: sortedSet(input.issues) };
  await w.create('Event', doc);
  return { type: 'Event', id };
}

export async function updateEvent(w: Write, input: I.UpdateEventInput): Promise<StoredResult> {
  const before = await w.current('Event', input.id, input.expectedVersion);
  await eventLinks(w, input);
  const after = await changedFact(w, 'Event', before, input, () => null);
  await w.update('Event', before, { ...after, participants: input.participants ? participantsOf(input.participants) : before.participants });
  return { type: 'Event', id: input.id };
}
