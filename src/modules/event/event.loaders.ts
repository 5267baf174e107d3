import { asc, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bothEndsLoader, byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { eventIssues, eventParticipants, eventRelations, events, places, type EventRow, type PlaceRow } from '../../db/tables.js';
import { EVENT_RELATION_INVERSE } from '../../shared/enums.js';

export function createEventLoaders(db: Db) {
  return {
    byId: byIdLoader<EventRow>(db, events),
    placeById: byIdLoader<PlaceRow>(db, places),
    participants: groupLoader(
      (ids: string[]) =>
        db.select().from(eventParticipants).where(inArray(eventParticipants.eventId, ids)).orderBy(asc(eventParticipants.role), asc(eventParticipants.actorId)).all(),
      (r) => r.eventId,
    ),
    issueIds: groupLoader(
      (ids: string[]) => db.select().from(eventIssues).where(inArray(eventIssues.eventId, ids)).orderBy(asc(eventIssues.issueId)).all(),
      (r) => r.eventId,
    ),
    /** Relations from both ends: AFTER on the later event reads BEFORE on the earlier one. */
    relations: bothEndsLoader(
      (ids: string[]) => db.select().from(eventRelations).where(or(inArray(eventRelations.subjectId, ids), inArray(eventRelations.objectId, ids))).orderBy(asc(eventRelations.id)).all(),
      EVENT_RELATION_INVERSE,
      (r) => ({ note: r.note, certainty: r.certainty }),
    ),
  };
}
