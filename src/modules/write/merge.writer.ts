/**
 * `mergeNodes`: two actors, events or issues found to be one thing become the kept one, in one
 * revision.
 *
 * - Both versions are checked first (VERSION_CONFLICT naming keepVersion or mergeVersion); the
 *   two must differ and be of one mergeable type (INVALID_VALUE).
 * - The kept node absorbs the merged one's own parts: its evidence (each span once), for an
 *   actor its name and aliases as aliases and its affiliations, for an event its participants
 *   and issues, for an issue its obstacles. Where the kept row leaves a code or place empty,
 *   the merged one's fills it. The kept node's own fields, factuality and cues stay: the
 *   merged node's cues set the merged node's factuality, and stay in its history.
 * - Everything that referred to the merged node refers to the kept one: every column of
 *   `store/references.ts` (one list), each owner rewritten through its document, one version
 *   up. A relation whose ends change is re-keyed (its id is built from its ends): written
 *   under its new id, or folded into the relation that has that id already (evidence joined),
 *   or dropped when it would relate the kept node to itself. Two positions of one actor on one
 *   issue are refused (INVALID_VALUE naming both): which stance stands is an editor's choice.
 * - The merged node is then deleted (its tombstone is its last state) and its id recorded as
 *   merged into the kept one from this revision on (`store/merged.ts`): `node(id)` follows it,
 *   and `asOf` an earlier revision reads both nodes as they were.
 */
import { typeOfId } from '../../shared/ids.js';
import { relationId } from '../../shared/relation-ids.js';
import type { AnyDoc, DocType, Docs } from '../../store/documents.js';
import { currentRevisionNumber, recordMerge, releaseObstacles } from '../../store/merged.js';
import { MERGEABLE_TYPES, mergedAffiliations, REFERENCES, unionSpans, type MergeableType } from '../../store/references.js';
import { reportsOfDoc } from '../../store/reports.js';
import type { MergeNodesInput } from './merge.inputs.js';
import { refuse, type StoredResult, type Write } from './write.runner.js';
import { positionOf } from './write.store.js';
import { UserErrorCode } from './write.types.js';

type RelationDoc = { row: { id: string; subjectId: string; objectId: string; kind: string }; evidence: Docs['ActorRelation']['evidence'] };

export async function mergeNodes(w: Write, input: MergeNodesInput): Promise<StoredResult> {
  const type = typeOfId(input.keep) as MergeableType | null;
  if (!type || !MERGEABLE_TYPES.includes(type)) return refuse(UserErrorCode.INVALID_VALUE, ['input', 'keep'], `input.keep: "${input.keep}" is not an actor, event or issue id`);
  if (typeOfId(input.merge) !== type) refuse(UserErrorCode.INVALID_VALUE, ['input', 'merge'], `input.merge: "${input.merge}" is not a ${type} id: only nodes of one type merge`);
  if (input.keep === input.merge) refuse(UserErrorCode.INVALID_VALUE, ['input', 'merge'], 'input.merge: a node cannot be merged into itself');
  const keep = await versioned(w, type, input.keep, input.keepVersion, 'keep');
  const merge = await versioned(w, type, input.merge, input.mergeVersion, 'merge');
  const [from, to] = [merge.row.id, keep.row.id];

  // The kept node with the merged one's parts, and its own references to the merged one moved.
  let kept = absorb(type, keep, merge);
  for (const ref of REFERENCES[type]) if (ref.owner === type) kept = ref.repoint(kept, from, to) as typeof kept;

  // Every other node that refers to the merged one, each read once and re-pointed by every column.
  const owners = new Map<string, { type: DocType; before: AnyDoc; after: AnyDoc }>();
  for (const ref of REFERENCES[type]) {
    for (const { id, type: named } of await w.tx.all<{ id: string; type?: DocType }>(ref.owners, [from])) {
      const ownerType = named ?? ref.owner;
      if (ownerType === type && (id === from || id === to)) continue;
      const key = `${ownerType} ${id}`;
      let owner = owners.get(key);
      if (!owner) {
        const before = await w.read(ownerType, id);
        if (!before) continue;
        owner = { type: ownerType, before, after: before };
        owners.set(key, owner);
      }
      owner.after = ref.repoint(owner.after, from, to);
    }
  }
  await refuseTwoPositions(w, [...owners.values()].filter((o) => o.type === 'Position').map((o) => o.after as Docs['Position']));

  // The merged issue's obstacles move under their own ids: they leave it before the kept one takes them.
  if (type === 'Issue') await releaseObstacles(w.tx, from);
  await w.update(type, keep, kept);
  for (const owner of owners.values()) {
    if (owner.type.endsWith('Relation')) await rekey(w, owner.type, owner.before as unknown as RelationDoc, owner.after as unknown as RelationDoc);
    else await w.update(owner.type, owner.before, owner.after);
  }
  await w.remove(type, merge);
  await recordMerge(w.tx, from, to, type, await currentRevisionNumber(w.tx));
  return { type, id: to };
}

/** The node's document at the version given, or the refusal naming the input field. */
async function versioned<T extends MergeableType>(w: Write, type: T, id: string, expected: number, field: 'keep' | 'merge'): Promise<Docs[T]> {
  const doc = await w.read(type, id);
  if (!doc) return refuse(UserErrorCode.NOT_FOUND, ['input', field], `input.${field}: no ${type} with id "${id}"`);
  if (doc.row.version !== expected) {
    refuse(UserErrorCode.VERSION_CONFLICT, ['input', `${field}Version`], `${id} is at version ${doc.row.version}, not ${expected}: read it again and reapply your change`);
  }
  return doc;
}

/** The kept document with the merged one's own parts; see the header. */
function absorb<T extends MergeableType>(type: T, keep: Docs[T], merge: Docs[T]): Docs[T] {
  if (type === 'Actor') {
    const [k, m] = [keep as Docs['Actor'], merge as Docs['Actor']];
    const aliases = [...new Set([...k.aliases, m.row.name, ...m.aliases])].filter((a) => a !== k.row.name);
    return {
      row: { ...k.row, countryCode: k.row.countryCode ?? m.row.countryCode, cameoCode: k.row.cameoCode ?? m.row.cameoCode },
      aliases,
      affiliations: mergedAffiliations(k.row.id, [...k.affiliations, ...m.affiliations]),
      evidence: unionSpans(k.evidence, m.evidence),
    } as Docs[T];
  }
  if (type === 'Event') {
    const [k, m] = [keep as Docs['Event'], merge as Docs['Event']];
    const keptReports = reportsOfDoc(k);
    const reportedBy = new Set(keptReports.map((r) => r.sourceId));
    const seen = new Set<string>();
    const participants = [...k.participants, ...m.participants].filter((p) => !seen.has(`${p.actorId} ${p.role}`) && seen.add(`${p.actorId} ${p.role}`));
    return {
      ...k,
      row: { ...k.row, cameoCode: k.row.cameoCode ?? m.row.cameoCode, locationId: k.row.locationId ?? m.row.locationId },
      participants,
      issueIds: [...new Set([...k.issueIds, ...m.issueIds])],
      evidence: unionSpans(k.evidence, m.evidence),
      // One report per source: the kept event's own where both have one, the merged one's otherwise.
      reports: [...keptReports, ...reportsOfDoc(m).filter((r) => !reportedBy.has(r.sourceId))],
    } as Docs[T];
  }
  const [k, m] = [keep as Docs['Issue'], merge as Docs['Issue']];
  return { ...k, obstacles: [...k.obstacles, ...m.obstacles], evidence: unionSpans(k.evidence, m.evidence) } as Docs[T];
}

/** One position per actor and issue: refuses a merge that would give an actor two. */
async function refuseTwoPositions(w: Write, moved: readonly Docs['Position'][]): Promise<void> {
  const taken = new Map<string, string>();
  for (const p of moved) {
    const key = `${p.row.actorId} ${p.row.issueId}`;
    const other = taken.get(key) ?? (await positionOf(w.tx, p.row.actorId, p.row.issueId));
    if (other && other !== p.row.id) {
      refuse(
        UserErrorCode.INVALID_VALUE,
        ['input', 'merge'],
        `input.merge: ${p.row.actorId} would hold two positions on ${p.row.issueId} (${other} and ${p.row.id}); one position per actor and issue: delete or change one of them first`,
      );
    }
    taken.set(key, p.row.id);
  }
}

/** A relation whose ends moved: under its new id, folded into the one there, or dropped if it now relates a node to itself. */
async function rekey(w: Write, type: DocType, before: RelationDoc, after: RelationDoc): Promise<void> {
  const rel = type as 'ActorRelation';
  const { subjectId, objectId, kind } = after.row;
  if (subjectId !== objectId) {
    const id = relationId(subjectId, kind, objectId);
    const there = (await w.read(rel, id)) as unknown as RelationDoc | null;
    if (there) await w.update(rel, there as unknown as Docs['ActorRelation'], { ...there, evidence: unionSpans(there.evidence, after.evidence) } as unknown as Docs['ActorRelation']);
    else await w.create(rel, { ...after, row: { ...after.row, id } } as unknown as Docs['ActorRelation']);
  }
  await w.remove(rel, before as unknown as Docs['ActorRelation']);
}
