import type { Context } from '../../context.js';
import { typeOfId } from '../../shared/ids.js';

/** Loads any entity by id through the loader its id prefix names; null when there is none. */
export async function loadNode(ctx: Context, id: string): Promise<{ id: string } | null> {
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
