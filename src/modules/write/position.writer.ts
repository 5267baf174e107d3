/** `setPosition`: where an actor stands on an issue, one position per actor and issue (created or replaced). */
import type { Stance } from '../../shared/enums.js';
import { conditionsProblem } from '../../shared/fact-rules.js';
import type { Docs } from '../../store/documents.js';
import { newFact, sortedSet } from './write.build.js';
import type * as I from './write.inputs.js';
import { refuse, type StoredResult, type Write } from './write.runner.js';
import { positionOf } from './write.store.js';
import { UserErrorCode } from './write.types.js';

export async function setPosition(w: Write, input: I.SetPositionInput): Promise<StoredResult> {
  await w.requireIds('Actor', [input.actor], ['input', 'actor']);
  await w.requireIds('Issue', [input.issue, ...input.conditions], ['input', 'issue']);
  await w.requireIds('Statement', input.statements, ['input', 'statements']);
  const problem = conditionsProblem(input.stance as Stance, input.conditions, input.issue);
  if (problem) refuse(UserErrorCode.INVALID_VALUE, ['input', 'conditions'], `input.conditions: ${problem}`);
  const existing = await positionOf(w.tx, input.actor, input.issue);
  const id = existing ?? `position:${input.actor.slice('actor:'.length)}-${input.issue.slice('issue:'.length)}`;
  const doc: Docs['Position'] = { ...(await newFact(w, 'Position', id, input, null)), statementIds: sortedSet(input.statements), conditionIds: sortedSet(input.conditions) };
  if (existing) {
    // A replaced position keeps the other sources' reports; its own source's follows the new reading.
    const before = await w.current('Position', id, input.expectedVersion);
    await w.update('Position', before, { ...doc, reports: before.reports });
  }
  else await w.create('Position', doc, ['input', 'actor']);
  return { type: 'Position', id };
}
