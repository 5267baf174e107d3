/** The SQL of event lists: filters and orders turned into a ListSpec for `fetchPages`. */
import { inArray, ne, eq, sql, type SQL } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { atLeastCertain, containsText, dateKey, direction, firstMention } from '../../db/sql-helpers.js';
import { eventIssues, eventParticipants, events } from '../../db/tables.js';
import { DatePrecision } from '../../shared/enums.js';
import { expectId } from '../../shared/ids.js';
import { dateBound } from '../common/date-range.js';
import { EventOrderField, type EventFilter, type EventOrder } from './event.args.js';

const startKey = dateKey(events.startPrecision, events.startYear, events.startMonth, events.startDay);

export function eventConditions(filter: EventFilter | null | undefined): (SQL | undefined)[] {
  if (!filter) return [];
  const c: (SQL | undefined)[] = [];
  if (filter.minCertainty) c.push(atLeastCertain(events.certainty, filter.minCertainty));
  if (filter.text) c.push(sql`(${containsText(events.title, filter.text)} OR ${containsText(events.summary, filter.text)})`);
  if (filter.kinds) c.push(inArray(events.kind, filter.kinds));
  if (filter.statuses) c.push(inArray(events.status, filter.statuses));
  if (filter.participant) {
    const actor = expectId('filter.participant', filter.participant, 'actor');
    c.push(sql`EXISTS (SELECT 1 FROM ${eventParticipants} WHERE ${eventParticipants.eventId} = ${events.id} AND ${eventParticipants.actorId} = ${actor})`);
  }
  if (filter.issue) {
    const issue = expectId('filter.issue', filter.issue, 'issue');
    c.push(sql`EXISTS (SELECT 1 FROM ${eventIssues} WHERE ${eventIssues.eventId} = ${events.id} AND ${eventIssues.issueId} = ${issue})`);
  }
  // A partial date is compared by the first day it covers.
  if (filter.startFrom != null) c.push(sql`${startKey} >= ${dateBound('filter.startFrom', filter.startFrom, 'from')}`);
  if (filter.startTo != null) c.push(sql`${startKey} <= ${dateBound('filter.startTo', filter.startTo, 'to')}`);
  if (filter.dateKnown === true) c.push(ne(events.startPrecision, DatePrecision.UNKNOWN));
  if (filter.dateKnown === false) c.push(eq(events.startPrecision, DatePrecision.UNKNOWN));
  return c;
}

export function eventOrder(order: EventOrder | null | undefined): SQL[] {
  const dir = direction(order?.direction);
  const mention = firstMention(events);
  switch (order?.field ?? EventOrderField.MENTION) {
    case EventOrderField.MENTION:
      return [sql`${mention} ${dir}`];
    case EventOrderField.START:
      return [sql`(${startKey} IS NULL) ASC`, sql`${startKey} ${dir}`, sql`${mention} ASC`];
    case EventOrderField.TITLE:
      return [sql`${events.title} COLLATE NOCASE ${dir}`];
    case EventOrderField.ID:
      return [sql`${events.id} ${dir}`];
  }
}

/** Who an event list hangs from: the root, a participant (`Actor.events`) or an issue. */
export type EventParent = 'root' | 'participant' | 'issue';

export function eventList(parent: EventParent, filter?: EventFilter | null, order?: EventOrder | null): ListSpec {
  const base = { id: sql`${events.id}`, where: eventConditions(filter), orderBy: eventOrder(order) };
  switch (parent) {
    case 'root':
      return { ...base, from: sql`${events}`, parent: sql`'*'` };
    case 'participant':
      // An actor may take part in one event in several roles: one row per (event, actor).
      return {
        ...base,
        from: sql`${events} JOIN (SELECT DISTINCT ${eventParticipants.eventId} AS event_id, ${eventParticipants.actorId} AS actor_id FROM ${eventParticipants}) AS p ON p.event_id = ${events.id}`,
        parent: sql`p.actor_id`,
      };
    case 'issue':
      return { ...base, from: sql`${events} JOIN ${eventIssues} ON ${eventIssues.eventId} = ${events.id}`, parent: sql`${eventIssues.issueId}` };
  }
}
