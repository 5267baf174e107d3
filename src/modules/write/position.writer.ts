/** `setPosition`: where an actor stands on an issue, one position per actor and issue (created or replaced). */
import type { Stance } from '../../shared/enums.js';
import { conditionsProblem } from '../../shared/fact-rules.js';
import type { Docs } from '../../store/documents.js';
import { factualityOf } from './write.build.js';
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
  const f = await factualityOf(w, input.factuality, null);
  const id = existing ?? `position:${input.actor.slice('actor:'.length)}-${input.issue.slice('issue:'.length)}`;
  const doc: Docs['Position'] = {
    row: { id, actorId: input.actor, issueId: input.issue, stance: input.stance, firmness: input.firmness, isPrecondition: input.isPrecondition, summary: input.summary.trim(), ...f.columns, version: 1 },
    statementIds: [...new Set(input.statements)].sort(),
    conditionIds: [...new Set(input.conditions)].sort(),
    evidence: await w.spans(input.evidence, ['input', 'evidence']),
    cues: f.cues,
  };
  if (existing) await w.update('Position', await w.current('Position', id, input.expectedVersion), doc);
  else await w.create('Position', doc, ['input', 'actor']);
  return { type: 'Position', id };
}
