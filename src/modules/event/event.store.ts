/** The SQL of events: their rows, places, participants, issues and relations, and the event lists. */
import { columns, decodeOf, rowsWhereIn } from '../../db/columns.js';
import { list, statement, type Executor } from '../../db/engine.js';
import { defineList } from '../../db/keyset.js';
import { sourceFilters } from '../common/source-scope.js';
import { contains, dateKey } from '../../db/sql-helpers.js';
import { eventIssues, eventParticipants, eventRelations, events, places, type EventIssueRow, type EventParticipantRow, type EventRelationRow, type EventRow, type PlaceRow } from '../../db/tables.js';

const byIds = rowsWhereIn(events, 'id');
const placesByIds = rowsWhereIn(places, 'id');
const participantsOf = rowsWhereIn(eventParticipants, 'event_id', ['role', 'actor_id']);
const issuesOf = rowsWhereIn(eventIssues, 'event_id', ['issue_id']);
const relationsOf = statement(
  `SELECT ${columns(eventRelations, 'r')} FROM event_relations AS r WHERE r.subject_id IN ?list OR r.object_id IN ?list ORDER BY r.id`,
  { decode: decodeOf(eventRelations) },
);

export const eventStore = {
  byIds: (q: Executor, ids: readonly string[]) => q.all<EventRow>(byIds, [list(ids)]),
  placesByIds: (q: Executor, ids: readonly string[]) => q.all<PlaceRow>(placesByIds, [list(ids)]),
  participants: (q: Executor, eventIds: readonly string[]) => q.all<EventParticipantRow>(participantsOf, [list(eventIds)]),
  issueLinks: (q: Executor, eventIds: readonly string[]) => q.all<EventIssueRow>(issuesOf, [list(eventIds)]),
  relations: (q: Executor, eventIds: readonly string[]) => q.all<EventRelationRow>(relationsOf, [list(eventIds), list(eventIds)]),
};

/** When an event started, as a sortable integer (NULL when unknown). */
export const START_KEY = dateKey('e.start');

/** The event lists: all events, an actor's (as a participant, in any role) and an issue's. */
export const eventList = defineList<EventRow>({
  name: 'events',
  select: columns(events, 'e'),
  decode: decodeOf(events),
  from: 'events AS e',
  id: 'e.id',
  parents: {
    // An actor may take part in one event in several roles: one row per (event, actor).
    participant: { join: 'JOIN (SELECT DISTINCT event_id, actor_id FROM event_participants) AS p ON p.event_id = e.id', column: 'p.actor_id' },
    issue: { join: 'JOIN event_issues AS ei ON ei.event_id = e.id', column: 'ei.issue_id' },
  },
  filters: {
    minCertainty: 'e.certainty IN ?list',
    ...sourceFilters('e', 'event_id'),
    text: `(${contains('e.title')} OR ${contains('e.summary')})`,
    kinds: 'e.kind IN ?list',
    statuses: 'e.status IN ?list',
    participant: 'EXISTS (SELECT 1 FROM event_participants AS ep WHERE ep.event_id = e.id AND ep.actor_id = ?)',
    issue: 'EXISTS (SELECT 1 FROM event_issues AS eil WHERE eil.event_id = e.id AND eil.issue_id = ?)',
    // A partial date is compared by the first day it covers.
    startFrom: `${START_KEY} >= ?`,
    startTo: `${START_KEY} <= ?`,
    dateKnown: `e.start_precision <> 'UNKNOWN'`,
    dateUnknown: `e.start_precision = 'UNKNOWN'`,
  },
  orders: {
    MENTION: { parts: [{ expr: 'e.first_mention', dir: 'given', nullable: true }], idDir: 'ASC' },
    // Events with an unknown date come last whatever the direction, in order of mention.
    START: {
      parts: [
        { expr: `CASE WHEN ${START_KEY} IS NULL THEN 1 ELSE 0 END`, dir: 'ASC' },
        { expr: START_KEY, dir: 'given', nullable: true },
        { expr: 'e.first_mention', dir: 'ASC', nullable: true },
      ],
      idDir: 'ASC',
    },
    TITLE: { parts: [{ expr: 'NOCASE(e.title)', dir: 'given' }], idDir: 'ASC' },
    ID: { parts: [], idDir: 'given' },
  },
  dimensions: {
    KIND: { key: 'e.kind' },
    STATUS: { key: 'e.status' },
    PARTICIPANT: { key: 'ed.actor_id', join: 'LEFT JOIN event_participants AS ed ON ed.event_id = e.id' },
    ISSUE: { key: 'eid.issue_id', join: 'LEFT JOIN event_issues AS eid ON eid.event_id = e.id' },
  },
});
