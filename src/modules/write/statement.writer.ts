/** `createStatement`, `updateStatement`: a statement with its issues, evidence and factuality. */
import type { Docs } from '../../store/documents.js';
import { changedFact, sortedSet, newFact, slugId } from './write.build.js';
import type * as I from './write.inputs.js';
import type { StoredResult, Write } from './write.runner.js';

export async function createStatement(w: Write, input: I.CreateStatementInput): Promise<StoredResult> {
  const id = input.id ?? slugId('statement', input.summary, ['input', 'summary']);
  await w.requireIds('Actor', [input.speaker, input.target], ['input']);
  if (input.event) await w.requireIds('Event', [input.event], ['input', 'event']);
  await w.requireIds('Issue', input.issues, ['input', 'issues']);
  // A statement relays its speaker's view unless its factuality names another holder.
  const doc: Docs['Statement'] = { ...(await newFact(w, 'Statement', id, input, input.speaker ?? null)), issueIds: sortedSet(input.issues) };
  await w.create('Statement', doc);
  return { type: 'Statement', id };
}

export async function updateStatement(w: Write, input: I.UpdateStatementInput): Promise<StoredResult> {
  const before = await w.current('Statement', input.id, input.expectedVersion);
  await w.requireIds('Actor', [input.speaker, input.target], ['input']);
  if (input.issues) await w.requireIds('Issue', input.issues, ['input', 'issues']);
  if (input.event) await w.requireIds('Event', [input.event], ['input', 'event']);
  await w.update('Statement', before, await changedFact(w, 'Statement', before, input, (row) => row.speakerId));
  return { type: 'Statement', id: input.id };
}
