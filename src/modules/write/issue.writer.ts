/** `createIssue`, `updateIssue`: a negotiation issue and its evidence (its obstacles come from the seed and imports). */
import type * as t from '../../db/tables.js';
import { columnsOf } from '../../store/entities.js';
import { slugId } from './write.build.js';
import type * as I from './write.inputs.js';
import type { StoredResult, Write } from './write.runner.js';

export async function createIssue(w: Write, input: I.CreateIssueInput): Promise<StoredResult> {
  const id = input.id ?? slugId('issue', input.name, ['input', 'name']);
  await w.create('Issue', { row: { id, ...columnsOf('Issue', input, 'create'), version: 1 } as t.IssueRow, obstacles: [], evidence: await w.spans(input.evidence, ['input', 'evidence']) });
  return { type: 'Issue', id };
}

export async function updateIssue(w: Write, input: I.UpdateIssueInput): Promise<StoredResult> {
  const before = await w.current('Issue', input.id, input.expectedVersion);
  await w.update('Issue', before, { ...before, row: { ...before.row, ...columnsOf('Issue', input, 'update') } });
  return { type: 'Issue', id: input.id };
}
