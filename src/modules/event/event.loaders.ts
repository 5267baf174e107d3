import type { Executor } from '../../db/engine.js';
import { bothEndsLoader, byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { EVENT_RELATION_INVERSE } from '../../shared/enums.js';
import { eventStore } from './event.store.js';

export function createEventLoaders(q: Executor) {
  return {
    byId: byIdLoader((ids) => eventStore.byIds(q, ids)),
    placeById: byIdLoader((ids) => eventStore.placesByIds(q, ids)),
    participants: groupLoader((ids: string[]) => eventStore.participants(q, ids), (r) => r.eventId),
    issueIds: groupLoader((ids: string[]) => eventStore.issueLinks(q, ids), (r) => r.eventId),
    /** Relations from both ends: AFTER on the later event reads BEFORE on the earlier one. */
    relations: bothEndsLoader((ids) => eventStore.relations(q, ids), EVENT_RELATION_INVERSE, (r) => ({ note: r.note, certainty: r.certainty })),
  };
}
