/** `createActor`, `updateActor`: an actor with its aliases, affiliations and evidence. */
import type { Docs } from '../../store/documents.js';
import { columnsOf } from '../../store/entities.js';
import { slugId, sortedSet } from './write.build.js';
import type * as I from './write.inputs.js';
import { refuse, refuseRepeats, type StoredResult, type Write } from './write.runner.js';
import { UserErrorCode } from './write.types.js';

async function affiliationsOf(w: Write, list: readonly I.AffiliationInput[], ownerId: string): Promise<Docs['Actor']['affiliations']> {
  refuseRepeats(list.map((a) => a.organization), ['input', 'affiliations'], 'the organization');
  await w.requireIds('Actor', list.map((a) => a.organization), ['input', 'affiliations']);
  if (list.some((a) => a.organization === ownerId)) refuse(UserErrorCode.INVALID_VALUE, ['input', 'affiliations'], 'input.affiliations: an actor cannot be affiliated with itself');
  // An empty role or note is no role or note: the bundle format (and a reader) takes absent, not "".
  const out: Docs['Actor']['affiliations'] = [];
  for (const [i, a] of list.entries()) out.push({ organizationId: a.organization, role: a.role?.trim() || null, evidence: await w.spans(a.evidence, ['input', 'affiliations', String(i), 'evidence']) });
  return out;
}

export async function createActor(w: Write, input: I.CreateActorInput): Promise<StoredResult> {
  const id = input.id ?? slugId('actor', input.name, ['input', 'name']);
  const doc: Docs['Actor'] = {
    row: { id, ...columnsOf('Actor', input, 'create'), version: 1 } as Docs['Actor']['row'],
    aliases: sortedSet(input.aliases),
    affiliations: await affiliationsOf(w, input.affiliations, id),
    evidence: await w.spans(input.evidence, ['input', 'evidence']),
  };
  await w.create('Actor', doc);
  return { type: 'Actor', id };
}

export async function updateActor(w: Write, input: I.UpdateActorInput): Promise<StoredResult> {
  const before = await w.current('Actor', input.id, input.expectedVersion);
  await w.update('Actor', before, {
    ...before,
    row: { ...before.row, ...columnsOf('Actor', input, 'update') },
    aliases: input.aliases ? sortedSet(input.aliases) : before.aliases,
    affiliations: input.affiliations ? await affiliationsOf(w, input.affiliations, input.id) : before.affiliations,
  });
  return { type: 'Actor', id: input.id };
}
