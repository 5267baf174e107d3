/**
 * The SQL of the questions: the facts they read (now; the history as of a revision is
 * store/history.ts's) and the kept timeline's key (full-text search is search.store.ts's). Each statement is
 * defined once, here, and reads through an index of `0000_core`, of `0009_event_start_year`
 * (the dated events up to a year) or a primary key; lists of ids go in as one parameter.
 */
import { ORDERING_KINDS } from '../../analysis/timeline.js';
import { columns, decodeOf } from '../../db/columns.js';
import { list, statement, type Executor } from '../../db/engine.js';
import {
  eventIssues, eventParticipants, issueObstacleParties, issueObstacles, positionConditions, positions, positionStatements, statementIssues,
  type EventIssueRow, type EventParticipantRow, type IssueObstaclePartyRow, type IssueObstacleRow, type PositionConditionRow, type PositionRow,
  type PositionStatementRow, type StatementIssueRow,
} from '../../db/tables.js';
import type { Certainty, DatePrecision, EventRelationKind, Polarity, StatementKind, StatementRelationKind } from '../../shared/enums.js';

/** The members of the parties (one `list` parameter): the parties and every actor affiliated with one, at any depth. */
const MEMBERS = `WITH RECURSIVE members(id) AS (
  SELECT a.id FROM actors AS a WHERE a.id IN ?list
  UNION SELECT f.actor_id FROM affiliations AS f JOIN members AS m ON f.organization_id = m.id
)`;

/**
 * Relation kinds as an SQL list, written into the text: they are constants of the code, never
 * input, and a constant list costs the walk nothing per row where a list parameter would not.
 */
const kindList = (kinds: readonly string[]) => `(${kinds.map((k) => `'${k}'`).join(', ')})`;

const EVENT_FACT = `e.id AS "id", e.title AS "title", e.certainty AS "certainty", e.polarity AS "polarity", e.start_precision AS "precision",
  e.start_year AS "year", e.start_month AS "month", e.start_day AS "day", e.first_mention AS "mention"`;
const EVENT_RELATION = (r: string) => `${r}.id AS "id", ${r}.subject_id AS "subjectId", ${r}.object_id AS "objectId", ${r}.kind AS "kind", ${r}.note AS "note", ${r}.certainty AS "certainty"`;
const STATEMENT_RELATION = `r.id AS "id", r.subject_id AS "subjectId", r.object_id AS "objectId", r.kind AS "kind", r.certainty AS "certainty"`;
const STATEMENT_FACT = `s.id AS "id", s.kind AS "kind", s.speaker_id AS "speakerId", s.certainty AS "certainty"`;

/** An event as the timeline reads it, with its first mention (the tie-break of the order). */
export interface EventFactRow {
  id: string;
  title: string;
  certainty: Certainty;
  polarity: Polarity;
  precision: DatePrecision;
  year: number | null;
  month: number | null;
  day: number | null;
  mention: number | null;
}

export interface EventRelationFactRow {
  id: string;
  subjectId: string;
  objectId: string;
  kind: EventRelationKind;
  note: string | null;
  certainty: Certainty;
}

/** A row of the walk back through ordering relations: the event reached, and the relation walked (null for a starting event). */
export type AncestorRow = { event: string } & (EventRelationFactRow | { [K in keyof EventRelationFactRow]: null });

export interface StatementFactRow {
  id: string;
  kind: StatementKind;
  speakerId: string | null;
  certainty: Certainty;
}

export interface StatementRelationFactRow {
  id: string;
  subjectId: string;
  objectId: string;
  kind: StatementRelationKind;
  certainty: Certainty;
}

export interface AffiliationFactRow {
  actorId: string;
  organizationId: string;
}

export interface NameRow {
  id: string;
  name: string;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

const sql = {
  actorsIn: statement(`SELECT a.id AS "id" FROM actors AS a WHERE a.id IN ?list`),
  issue: statement(`SELECT i.id AS "id" FROM issues AS i WHERE i.id = ?`),
  actorNames: statement(`SELECT a.id AS "id", a.name AS "name" FROM actors AS a`),
  actorNamesIn: statement(`SELECT a.id AS "id", a.name AS "name" FROM actors AS a WHERE a.id IN ?list`),
  issueNames: statement(`SELECT i.id AS "id", i.name AS "name" FROM issues AS i`),
  issueNamesIn: statement(`SELECT i.id AS "id", i.name AS "name" FROM issues AS i WHERE i.id IN ?list`),

  affiliations: statement(`SELECT f.actor_id AS "actorId", f.organization_id AS "organizationId" FROM affiliations AS f`),
  memberAffiliations: statement(`${MEMBERS} SELECT f.actor_id AS "actorId", f.organization_id AS "organizationId" FROM affiliations AS f WHERE f.actor_id IN (SELECT id FROM members)`),
  // Upward only: whom the speakers speak for is all that party resolution asks.
  affiliationsAbove: statement(`WITH RECURSIVE up(id) AS (
      SELECT a.id FROM actors AS a WHERE a.id IN ?list
      UNION SELECT f.organization_id FROM affiliations AS f JOIN up ON f.actor_id = up.id
    ) SELECT f.actor_id AS "actorId", f.organization_id AS "organizationId" FROM affiliations AS f WHERE f.actor_id IN (SELECT id FROM up)`),

  positions: statement(`SELECT ${columns(positions, 'p')} FROM positions AS p ORDER BY p.id`, { decode: decodeOf(positions) }),
  positionsIn: statement(`SELECT ${columns(positions, 'p')} FROM positions AS p WHERE p.id IN ?list ORDER BY p.id`, { decode: decodeOf(positions) }),
  positionStatements: statement(`SELECT ${columns(positionStatements, 'ps')} FROM position_statements AS ps`),
  positionStatementsIn: statement(`SELECT ${columns(positionStatements, 'ps')} FROM position_statements AS ps WHERE ps.position_id IN ?list`),
  positionConditions: statement(`SELECT ${columns(positionConditions, 'pc')} FROM position_conditions AS pc`),
  positionConditionsIn: statement(`SELECT ${columns(positionConditions, 'pc')} FROM position_conditions AS pc WHERE pc.position_id IN ?list`),
  memberPositionIds: statement(`${MEMBERS} SELECT p.id AS "id" FROM positions AS p WHERE p.actor_id IN (SELECT id FROM members)`),
  positionsBackedBy: statement(`SELECT DISTINCT ps.position_id AS "id" FROM position_statements AS ps WHERE ps.statement_id IN ?list`),
  positionsOnIssuesOf: statement(`SELECT p.id AS "id" FROM positions AS p WHERE p.issue_id IN (SELECT o.issue_id FROM positions AS o WHERE o.id IN ?list)`),

  obstacles: statement(`SELECT ${columns(issueObstacles, 'o')} FROM issue_obstacles AS o`, { decode: decodeOf(issueObstacles) }),
  obstaclesIn: statement(`SELECT ${columns(issueObstacles, 'o')} FROM issue_obstacles AS o WHERE o.id IN ?list`, { decode: decodeOf(issueObstacles) }),
  obstacleParties: statement(`SELECT ${columns(issueObstacleParties, 'op')} FROM issue_obstacle_parties AS op`),
  obstaclePartiesIn: statement(`SELECT ${columns(issueObstacleParties, 'op')} FROM issue_obstacle_parties AS op WHERE op.obstacle_id IN ?list`),
  // The obstacles naming a member, and those naming no one (they hold between any parties).
  memberObstacleIds: statement(`${MEMBERS} SELECT o.id AS "id" FROM issue_obstacles AS o
    WHERE o.id IN (SELECT op.obstacle_id FROM issue_obstacle_parties AS op WHERE op.actor_id IN (SELECT id FROM members))
       OR NOT EXISTS (SELECT 1 FROM issue_obstacle_parties AS op WHERE op.obstacle_id = o.id)`),

  statements: statement(`SELECT ${STATEMENT_FACT} FROM statements AS s`),
  statementsIn: statement(`SELECT ${STATEMENT_FACT} FROM statements AS s WHERE s.id IN ?list`),
  statementIssues: statement(`SELECT ${columns(statementIssues, 'si')} FROM statement_issues AS si`),
  statementIssuesIn: statement(`SELECT ${columns(statementIssues, 'si')} FROM statement_issues AS si WHERE si.statement_id IN ?list`),
  statementRelations: statement(`SELECT ${STATEMENT_RELATION} FROM statement_relations AS r`),
  statementRelationsOf: statement(
    `SELECT ${STATEMENT_RELATION} FROM statement_relations AS r WHERE r.subject_id IN ?list UNION SELECT ${STATEMENT_RELATION} FROM statement_relations AS r WHERE r.object_id IN ?list`,
  ),
  statementsBy: statement(`${MEMBERS} SELECT s.id AS "id" FROM statements AS s WHERE s.speaker_id IN (SELECT id FROM members)`),
  statementsAbout: statement(`SELECT si.statement_id AS "id" FROM statement_issues AS si WHERE si.issue_id = ?
    UNION SELECT ps.statement_id FROM positions AS p JOIN position_statements AS ps ON ps.position_id = p.id WHERE p.issue_id = ?`),

  // In order of first mention, an event never cited first (as SQLite orders NULL), then by id.
  events: statement(`SELECT ${EVENT_FACT} FROM events AS e ORDER BY e.first_mention ASC NULLS FIRST, e.id ASC`),
  eventsIn: statement(`SELECT ${EVENT_FACT} FROM events AS e WHERE e.id IN ?list`),
  eventRelations: statement(`SELECT ${EVENT_RELATION('r')} FROM event_relations AS r ORDER BY r.id`),
  eventRelationsOf: statement(
    `SELECT ${EVENT_RELATION('r')} FROM event_relations AS r WHERE r.subject_id IN ?list UNION SELECT ${EVENT_RELATION('r')} FROM event_relations AS r WHERE r.object_id IN ?list`,
  ),
  // The walk back through ordering relations: each row is a relation walked and the event it
  // puts first; UNION drops a row met twice, so a loop in the relations ends the walk, and
  // the walk stops after `limit` rows. SQLite takes two recursive terms and a LIMIT inside
  // the recursion; PostgreSQL takes one recursive term, and stops the recursion by reading
  // no more rows of it than the LIMIT of the query reading it.
  ancestors: statement(
    `WITH RECURSIVE walk(relation, earlier) AS (
        SELECT CAST(NULL AS TEXT), e.id FROM events AS e WHERE e.id IN ?list
        UNION SELECT r.id, r.subject_id FROM walk JOIN event_relations AS r ON r.object_id = walk.earlier WHERE r.kind IN ${kindList(ORDERING_KINDS.subjectFirst)}
        UNION SELECT r.id, r.object_id FROM walk JOIN event_relations AS r ON r.subject_id = walk.earlier WHERE r.kind IN ${kindList(ORDERING_KINDS.objectFirst)}
        LIMIT ?
      )
      SELECT walk.earlier AS "event", ${EVENT_RELATION('r')} FROM walk LEFT JOIN event_relations AS r ON r.id = walk.relation`,
    {
      // NULLIF(e.id, e.id): a NULL of the id column's type and collation, as the recursive term's r.id has.
      postgres: `WITH RECURSIVE walk(relation, earlier) AS (
          SELECT NULLIF(e.id, e.id), e.id FROM events AS e WHERE e.id IN ?list
          UNION SELECT r.id, CASE WHEN r.object_id = walk.earlier AND r.kind IN ${kindList(ORDERING_KINDS.subjectFirst)} THEN r.subject_id ELSE r.object_id END
          FROM walk JOIN event_relations AS r
            ON (r.object_id = walk.earlier AND r.kind IN ${kindList(ORDERING_KINDS.subjectFirst)}) OR (r.subject_id = walk.earlier AND r.kind IN ${kindList(ORDERING_KINDS.objectFirst)})
        )
        SELECT w.earlier AS "event", ${EVENT_RELATION('r')} FROM (SELECT relation, earlier FROM walk LIMIT ?) AS w LEFT JOIN event_relations AS r ON r.id = w.relation`,
    },
  ),
  // The partial index of 0009 holds exactly the events with a known date.
  datedThrough: statement(`SELECT ${EVENT_FACT} FROM events AS e WHERE e.start_precision <> 'UNKNOWN' AND e.start_year IS NOT NULL AND e.start_year <= ?`),
  // About how many events there are, for the scope's budget: SQLite's highest rowid (the end of
  // the table's b-tree), PostgreSQL's estimate from its statistics (a count before the first ANALYZE).
  eventEstimate: statement(`SELECT max(rowid) AS "n" FROM events`, {
    postgres: `SELECT CAST(CASE WHEN c.reltuples < 0 THEN (SELECT count(*) FROM events) ELSE c.reltuples END AS BIGINT) AS "n" FROM pg_class AS c WHERE c.oid = CAST('events' AS regclass)`,
  }),
  eventsOfActor: statement(`${MEMBERS} SELECT DISTINCT ep.event_id AS "id" FROM event_participants AS ep WHERE ep.actor_id IN (SELECT id FROM members)`),
  eventsOfIssue: statement(`SELECT ei.event_id AS "id" FROM event_issues AS ei WHERE ei.issue_id = ?`),
  participants: statement(`SELECT ${columns(eventParticipants, 'ep')} FROM event_participants AS ep`),
  eventIssues: statement(`SELECT ${columns(eventIssues, 'ei')} FROM event_issues AS ei`),

  // The state the kept timeline is keyed by: every write adds a revision in its transaction.
  latestRevision: statement(`SELECT r.number AS "number", r.at AS "at" FROM revisions AS r ORDER BY r.number DESC LIMIT 1`),
};

/** The walk's LIMIT when there is none to set: more rows than any base has. */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

export const questionStore = {
  /** Which of the ids name actors. */
  actorsIn: async (q: Executor, actorIds: readonly string[]) => ids(await q.all<{ id: string }>(sql.actorsIn, [list(actorIds)])),
  issueExists: async (q: Executor, id: string) => (await q.get(sql.issue, [id])) !== undefined,
  /** Names of every actor and issue, or of those given. */
  actorNames: (q: Executor, actorIds?: readonly string[]) => (actorIds ? q.all<NameRow>(sql.actorNamesIn, [list(actorIds)]) : q.all<NameRow>(sql.actorNames)),
  issueNames: (q: Executor, issueIds?: readonly string[]) => (issueIds ? q.all<NameRow>(sql.issueNamesIn, [list(issueIds)]) : q.all<NameRow>(sql.issueNames)),

  affiliations: (q: Executor) => q.all<AffiliationFactRow>(sql.affiliations),
  /** The affiliations of the parties and of every actor affiliated with them, at any depth. */
  memberAffiliations: (q: Executor, parties: readonly string[]) => q.all<AffiliationFactRow>(sql.memberAffiliations, [list(parties)]),
  /** The affiliations of these actors and of every organization above them. */
  affiliationsAbove: (q: Executor, actorIds: readonly string[]) => q.all<AffiliationFactRow>(sql.affiliationsAbove, [list(actorIds)]),

  /** Every position, or those of `positionIds`, by id. */
  positions: (q: Executor, positionIds?: readonly string[]) => (positionIds ? q.all<PositionRow>(sql.positionsIn, [list(positionIds)]) : q.all<PositionRow>(sql.positions)),
  positionStatements: (q: Executor, positionIds?: readonly string[]) =>
    positionIds ? q.all<PositionStatementRow>(sql.positionStatementsIn, [list(positionIds)]) : q.all<PositionStatementRow>(sql.positionStatements),
  positionConditions: (q: Executor, positionIds?: readonly string[]) =>
    positionIds ? q.all<PositionConditionRow>(sql.positionConditionsIn, [list(positionIds)]) : q.all<PositionConditionRow>(sql.positionConditions),
  /** The positions of the parties and of every actor affiliated with them. */
  memberPositionIds: async (q: Executor, parties: readonly string[]) => ids(await q.all<{ id: string }>(sql.memberPositionIds, [list(parties)])),
  positionsBackedBy: async (q: Executor, statementIds: readonly string[]) => ids(await q.all<{ id: string }>(sql.positionsBackedBy, [list(statementIds)])),
  /** Every position on an issue one of these positions is on. */
  positionsOnIssuesOf: async (q: Executor, positionIds: readonly string[]) => ids(await q.all<{ id: string }>(sql.positionsOnIssuesOf, [list(positionIds)])),

  obstacles: (q: Executor, obstacleIds?: readonly string[]) => (obstacleIds ? q.all<IssueObstacleRow>(sql.obstaclesIn, [list(obstacleIds)]) : q.all<IssueObstacleRow>(sql.obstacles)),
  obstacleParties: (q: Executor, obstacleIds?: readonly string[]) =>
    obstacleIds ? q.all<IssueObstaclePartyRow>(sql.obstaclePartiesIn, [list(obstacleIds)]) : q.all<IssueObstaclePartyRow>(sql.obstacleParties),
  /** The obstacles naming one of the parties or an actor affiliated with one, and those naming no one. */
  memberObstacleIds: async (q: Executor, parties: readonly string[]) => ids(await q.all<{ id: string }>(sql.memberObstacleIds, [list(parties)])),

  statements: (q: Executor, statementIds?: readonly string[]) => (statementIds ? q.all<StatementFactRow>(sql.statementsIn, [list(statementIds)]) : q.all<StatementFactRow>(sql.statements)),
  statementIssues: (q: Executor, statementIds?: readonly string[]) =>
    statementIds ? q.all<StatementIssueRow>(sql.statementIssuesIn, [list(statementIds)]) : q.all<StatementIssueRow>(sql.statementIssues),
  statementRelations: (q: Executor) => q.all<StatementRelationFactRow>(sql.statementRelations),
  /** Every statement relation with an end among these statements. */
  statementRelationsOf: (q: Executor, statementIds: readonly string[]) => q.all<StatementRelationFactRow>(sql.statementRelationsOf, [list(statementIds), list(statementIds)]),
  /** The statements of an actor and of every actor affiliated with it, at any depth. */
  statementsBy: async (q: Executor, actor: string) => ids(await q.all<{ id: string }>(sql.statementsBy, [list([actor])])),
  /** The statements naming an issue, and those backing a position on it. */
  statementsAbout: async (q: Executor, issue: string) => ids(await q.all<{ id: string }>(sql.statementsAbout, [issue, issue])),

  /** Every event, in order of first mention. */
  events: (q: Executor) => q.all<EventFactRow>(sql.events),
  eventsIn: (q: Executor, eventIds: readonly string[]) => q.all<EventFactRow>(sql.eventsIn, [list(eventIds)]),
  /** Every event relation, by id. */
  eventRelations: (q: Executor) => q.all<EventRelationFactRow>(sql.eventRelations),
  eventRelationsOf: (q: Executor, eventIds: readonly string[]) => q.all<EventRelationFactRow>(sql.eventRelationsOf, [list(eventIds), list(eventIds)]),
  /** The walk back from these events through ordering relations, at most `limit` rows (`NO_LIMIT`: all). */
  ancestors: (q: Executor, eventIds: readonly string[], limit: number) => q.all<AncestorRow>(sql.ancestors, [list(eventIds), limit]),
  /** The events with a known date in `year` or before. */
  datedThrough: (q: Executor, year: number) => q.all<EventFactRow>(sql.datedThrough, [year]),
  /** About how many events there are (cheap: no count). */
  eventEstimate: async (q: Executor) => (await q.get<{ n: number | null }>(sql.eventEstimate))?.n ?? 0,
  /** The events an actor, or an actor affiliated with it, takes part in. */
  eventsOfActor: async (q: Executor, actor: string) => ids(await q.all<{ id: string }>(sql.eventsOfActor, [list([actor])])),
  eventsOfIssue: async (q: Executor, issue: string) => ids(await q.all<{ id: string }>(sql.eventsOfIssue, [issue])),
  participants: (q: Executor) => q.all<EventParticipantRow>(sql.participants),
  eventIssues: (q: Executor) => q.all<EventIssueRow>(sql.eventIssues),

  /** The latest revision's number and time, or undefined before the first. */
  latestRevision: (q: Executor) => q.get<{ number: number; at: string }>(sql.latestRevision),
};
