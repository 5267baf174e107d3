import type { Context } from '../../context.js';
import { typeOfId } from '../../shared/ids.js';
import { checkAsOf, docAt, docsAt } from '../../store/history.js';
import { mergedInto, mergedIntoMany } from '../../store/merged.js';
import { asOfRow } from '../common/as-of.js';

/** Loads any entity by id through the loader its id prefix names; null when there is none. */
export async function loadNode(ctx: Context, id: string): Promise<{ id: string } | null> {
  return (await loadLiveNode(ctx, id)) ?? (await loadMergedInto(ctx, id));
}

/** A merged actor, event or issue answers as the node it was merged into (`mergeNodes`). */
async function loadMergedInto(ctx: Context, id: string): Promise<{ id: string } | null> {
  const type = typeOfId(id);
  if (type !== 'Actor' && type !== 'Event' && type !== 'Issue') return null;
  const into = await mergedInto(ctx.engine, id);
  return into === null ? null : loadLiveNode(ctx, into);
}

async function loadLiveNode(ctx: Context, id: string): Promise<{ id: string } | null> {
  const l = ctx.loaders;
  switch (typeOfId(id)) {
    case 'Actor':
      return l.actor.byId.load(id);
    case 'Event':
      return l.event.byId.load(id);
    case 'Statement':
      return l.statement.byId.load(id);
    case 'Issue':
      return l.issue.byId.load(id);
    case 'Position':
      return l.position.byId.load(id);
    case 'Source':
      return l.source.byId.load(id);
    case 'Place':
      return l.event.placeById.load(id);
    case null:
      return null;
  }
}

/** Any entity as it was at a revision (a since-deleted one included); null when it did not exist then. */
export async function loadNodeAsOf(ctx: Context, id: string, asOf: number): Promise<{ id: string } | null> {
  const engine = ctx.engine;
  await checkAsOf(engine, asOf);
  const type = typeOfId(id);
  if (type === null) return null;
  // Places are not edited through the API and have no history: they are as they are.
  if (type === 'Place') return loadNode(ctx, id);
  const into = type === 'Actor' || type === 'Event' || type === 'Issue' ? await mergedInto(engine, id, asOf) : null;
  const doc = await docAt(engine, type, into ?? id, asOf);
  return doc ? asOfRow(doc) : null;
}

/** `loadNodeAsOf` for a list of ids, in three statements whatever their number (more only for merged ids); in the order asked. */
export async function loadNodesAsOf(ctx: Context, ids: readonly string[], asOf: number): Promise<({ id: string } | null)[]> {
  const engine = ctx.engine;
  await checkAsOf(engine, asOf);
  const docs = await docsAt(engine, ids.filter((id) => typeOfId(id) !== null && typeOfId(id) !== 'Place'), asOf);
  const merged = await mergedIntoMany(engine, ids.filter((id) => ['Actor', 'Event', 'Issue'].includes(typeOfId(id) ?? '')), asOf);
  return Promise.all(
    ids.map(async (id) => {
      const type = typeOfId(id);
      if (type === null) return null;
      if (type === 'Place') return loadNode(ctx, id);
      // A merged id reads as the node it was merged into, when the merge is at or before asOf.
      const into = merged.get(id);
      if (into !== undefined) return loadNodeAsOf(ctx, into, asOf);
      const found = docs.get(id);
      return found && found.type === type ? asOfRow(found.doc) : null;
    }),
  );
}
