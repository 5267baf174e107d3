/**
 * Loads the plain rows the question functions of `src/analysis/` take — from the tables as
 * they are now, or from the history as of a revision (`factsFor`) — and runs the two
 * questions that are SQL by nature (full-text search, grouped counts). Each question reads
 * whole tables in a constant number of statements: the analysis needs the whole graph.
 */
import Database from 'better-sqlite3';
import { GraphQLError } from 'graphql';
import { blockingIssues } from '../../analysis/blocking-issues.js';
import { commonGround } from '../../analysis/common-ground.js';
import { AffiliationGraph, partyOf } from '../../analysis/stance.js';
import { timeline, TimelineCycleError } from '../../analysis/timeline.js';
import type { Certainty } from '../../shared/enums.js';
import { asc, inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import { firstMention } from '../../db/sql-helpers.js';
import * as t from '../../db/tables.js';
import type { SearchMatch } from '../../analysis/search-ranking.js';
import type { AffiliationFact, Names, ObstacleFact } from '../../analysis/facts.js';
import type { BackedPositionFact, StatementFact, StatementRelationFact } from '../../analysis/contradictions.js';
import type { EventRelationFact, TimelineEventFact } from '../../analysis/timeline.js';
import { compareIds } from '../../analysis/facts.js';
import { checkAsOf, snapshotAt } from '../../store/history.js';
import { badUserInput } from '../../shared/errors.js';
import { checkIdList, expectId } from '../../shared/ids.js';
import { eventConditions } from '../event/event.service.js';
import type { EventFilter } from '../event/event.args.js';
import { statementConditions } from '../statement/statement.service.js';
import type { StatementFilter } from '../statement/statement.args.js';
import { EventDimension, StatementDimension } from './question.type.js';

/** The facts the questions read, from the tables now or from the history as of a revision. */
export interface QuestionFacts {
  /** Which of the ids name actors (that existed at the revision). */
  knownActors(ids: readonly string[]): Set<string>;
  issueExists(id: string): boolean;
  names(): Names;
  affiliations(): AffiliationFact[];
  positions(): BackedPositionFact[];
  obstacles(): ObstacleFact[];
  statementFacts(): { statements: StatementFact[]; relations: StatementRelationFact[] };
  timelineFacts(): { events: TimelineEventFact[]; relations: EventRelationFact[] };
  participants(): { eventId: string; actorId: string }[];
  eventIssues(): { eventId: string; issueId: string }[];
  /**
   * The same facts narrowed to what a question about these (validated) parties can use: the
   * positions and affiliations of the parties and of every actor affiliated with them, the
   * obstacles naming one of them or no one. The answer is the same; less is read.
   */
  forParties(parties: readonly string[]): QuestionFacts;
}

/** The facts of now, or as of revision `asOf` (1 to the latest; anything else is the user's mistake). */
export function factsFor(db: Db, asOf: number | null | undefined): QuestionFacts {
  if (asOf === null || asOf === undefined) return currentFacts(db);
  checkAsOf(db, asOf);
  return factsAsOf(db, asOf);
}

function currentFacts(db: Db): QuestionFacts {
  return {
    knownActors: (ids) => new Set(db.select({ id: t.actors.id }).from(t.actors).where(inArray(t.actors.id, [...ids])).all().map((r) => r.id)),
    issueExists: (id) => db.select({ id: t.issues.id }).from(t.issues).where(inArray(t.issues.id, [id])).get() !== undefined,
    names: () => loadNames(db),
    affiliations: () => loadAffiliations(db),
    positions: () => loadPositions(db),
    obstacles: () => loadObstacles(db),
    statementFacts: () => loadStatementFacts(db),
    timelineFacts: () => loadTimelineFacts(db),
    participants: () => db.select().from(t.eventParticipants).all(),
    eventIssues: () => db.select().from(t.eventIssues).all(),
    forParties: (parties) => partyFacts(db, parties),
  };
}

/** The members of the parties: the parties and every actor affiliated with one, at any depth. */
const MEMBERS = `WITH RECURSIVE members(id) AS (
  SELECT value FROM json_each(?)
  UNION SELECT a.actor_id FROM affiliations AS a JOIN members AS m ON a.organization_id = m.id
)`;

/** The facts of `currentFacts` that the questions about `parties` read, each through one indexed query. */
function partyFacts(db: Db, parties: readonly string[]): QuestionFacts {
  const whole = currentFacts(db);
  const list = JSON.stringify(parties);
  const all = <R>(query: string) => db.$client.prepare(query).all(list) as R[];
  const positionIds = all<{ id: string }>(`${MEMBERS} SELECT p.id FROM positions AS p WHERE p.actor_id IN (SELECT id FROM members)`).map((r) => r.id);
  return {
    ...whole,
    names: () => lazyNames(db),
    affiliations: () => all<AffiliationFact>(`${MEMBERS} SELECT actor_id AS actorId, organization_id AS organizationId FROM affiliations WHERE actor_id IN (SELECT id FROM members)`),
    positions: () => loadPositions(db, positionIds),
    obstacles: () => {
      const ids = all<{ id: string }>(
        `${MEMBERS} SELECT o.id FROM issue_obstacles AS o WHERE o.id IN (SELECT obstacle_id FROM issue_obstacle_parties WHERE actor_id IN (SELECT id FROM members))
           OR NOT EXISTS (SELECT 1 FROM issue_obstacle_parties AS p WHERE p.obstacle_id = o.id)`,
      ).map((r) => r.id);
      return loadObstacles(db, ids);
    },
    forParties: (others) => partyFacts(db, others),
  };
}

/** The same facts, rebuilt from the node documents live at a revision (see store/history.ts). */
function factsAsOf(db: Db, revision: number): QuestionFacts {
  const s = snapshotAt(db, revision);
  const names = new Map([...s.Actor, ...s.Issue].map((d) => [d.row.id, d.row.name]));
  const firstMentionOf = (spans: { start: number }[]) => (spans.length === 0 ? -1 : Math.min(...spans.map((e) => e.start)));
  const events = [...s.Event].sort((a, b) => firstMentionOf(a.evidence) - firstMentionOf(b.evidence) || compareIds(a.row.id, b.row.id));
  return {
    knownActors: (ids) => new Set(s.Actor.map((d) => d.row.id).filter((id) => ids.includes(id))),
    issueExists: (id) => s.Issue.some((d) => d.row.id === id),
    names: () => ({ actor: (id) => names.get(id) ?? id, issue: (id) => names.get(id) ?? id }),
    affiliations: () => s.Actor.flatMap((d) => d.affiliations.map((a) => ({ actorId: d.row.id, organizationId: a.organizationId }))),
    positions: () => s.Position.map((d) => ({ ...d.row, statementIds: d.statementIds, conditionIds: d.conditionIds })).sort((a, b) => compareIds(a.id, b.id)),
    obstacles: () => s.Issue.flatMap((d) => d.obstacles.map((o) => ({ id: o.id, issueId: d.row.id, description: o.description, certainty: o.certainty, partyIds: o.partyIds }))),
    statementFacts: () => ({
      statements: s.Statement.map((d) => ({ id: d.row.id, kind: d.row.kind, speakerId: d.row.speakerId, certainty: d.row.certainty, issueIds: d.issueIds })),
      relations: s.StatementRelation.map((d) => ({ subjectId: d.row.subjectId, objectId: d.row.objectId, kind: d.row.kind, certainty: d.row.certainty })),
    }),
    timelineFacts: () => ({
      events: events.map(({ row: e }) => ({ id: e.id, title: e.title, certainty: e.certainty, polarity: e.polarity, date: { precision: e.startPrecision, year: e.startYear, month: e.startMonth, day: e.startDay } })),
      relations: s.EventRelation.map((d) => ({ subjectId: d.row.subjectId, objectId: d.row.objectId, kind: d.row.kind, note: d.row.note, certainty: d.row.certainty })),
    }),
    participants: () => s.Event.flatMap((d) => d.participants.map((p) => ({ eventId: d.row.id, actorId: p.actorId }))),
    eventIssues: () => s.Event.flatMap((d) => d.issueIds.map((issueId) => ({ eventId: d.row.id, issueId }))),
    // A snapshot is read whole from the history; narrowing it would read no less.
    forParties() {
      return this;
    },
  };
}

/** `blockingIssues`: the answer for the parties asked (validated), the main rule first. */
export function answerBlockingIssues(db: Db, args: { parties: string[] | null; minCertainty: Certainty; asOf: number | null }) {
  const known = factsFor(db, args.asOf);
  const parties = checkParties(known, 'parties', args.parties);
  const facts = parties ? known.forParties(parties) : known;
  const input = { parties, positions: facts.positions(), affiliations: facts.affiliations(), obstacles: facts.obstacles(), names: facts.names(), minCertainty: args.minCertainty };
  // Rules come in declaration order, so the first is the main one.
  return blockingIssues(input).map((b) => ({ ...b, rule: b.rules[0]! }));
}

/** `commonGround`: the answer for the parties asked (validated); `complete` when no party is silent. */
export function answerCommonGround(db: Db, args: { parties: string[] | null; includeSilent: boolean; minCertainty: Certainty; asOf: number | null }) {
  const known = factsFor(db, args.asOf);
  const parties = checkParties(known, 'parties', args.parties);
  const facts = parties ? known.forParties(parties) : known;
  return commonGround({ parties, positions: facts.positions(), affiliations: facts.affiliations(), obstacles: facts.obstacles(), includeSilent: args.includeSilent, minCertainty: args.minCertainty }).map((c) => ({
    ...c,
    complete: c.silentPartyIds.length === 0,
  }));
}

/** `timeline`: the whole graph ordered, then the events of the actor (with its affiliates) and issue asked, numbered from 1. */
export function answerTimeline(db: Db, args: { actor: string | null; issue: string | null; minCertainty: Certainty; asOf: number | null }) {
  const { actor, issue } = args;
  const known = factsFor(db, args.asOf);
  if (actor) checkParties(known, 'actor', [actor]);
  if (issue) checkIssue(known, 'issue', issue);
  let entries;
  try {
    // The whole graph is ordered first, so an event filtered out still orders the others.
    entries = timeline({ ...known.timelineFacts(), minCertainty: args.minCertainty });
  } catch (e) {
    if (e instanceof TimelineCycleError) throw new GraphQLError(e.message, { extensions: { code: 'TIMELINE_CYCLE', cycle: e.cycle } });
    throw e;
  }
  // One graph for every participant (built per call, it cost the square of the base).
  const graph = new AffiliationGraph(actor ? known.affiliations() : []);
  const byActor = actor ? new Set(known.participants().filter((p) => partyOf(p.actorId, [actor], graph) === actor).map((p) => p.eventId)) : null;
  const byIssue = issue ? new Set(known.eventIssues().filter((l) => l.issueId === issue).map((l) => l.eventId)) : null;
  return entries.filter((e) => (!byActor || byActor.has(e.eventId)) && (!byIssue || byIssue.has(e.eventId))).map((e, i) => ({ ...e, position: i + 1 }));
}

/** Validates a list of party ids: each must be an actor id that exists (at the revision asked). */
export function checkParties(facts: QuestionFacts, argumentName: string, parties: readonly string[] | null | undefined): string[] | null {
  if (!parties || parties.length === 0) return null;
  checkIdList(argumentName, parties);
  parties.forEach((id) => expectId(argumentName, id, 'actor'));
  const found = facts.knownActors(parties);
  const unknown = parties.filter((id) => !found.has(id));
  if (unknown.length > 0) throw badUserInput(argumentName, `no actor with id ${unknown.map((id) => `"${id}"`).join(', ')}`);
  return [...new Set(parties)];
}

/** Validates an issue id argument: it must name an issue that exists (at the revision asked). */
export function checkIssue(facts: QuestionFacts, argumentName: string, id: string): string {
  expectId(argumentName, id, 'issue');
  if (!facts.issueExists(id)) throw badUserInput(argumentName, `no issue with id "${id}"`);
  return id;
}

/** Names looked up one at a time as a question's reasons need them (a scoped question names few). */
function lazyNames(db: Db): Names {
  const actor = db.$client.prepare('SELECT name FROM actors WHERE id = ?').pluck();
  const issue = db.$client.prepare('SELECT name FROM issues WHERE id = ?').pluck();
  const cache = new Map<string, string>();
  const named = (statement: typeof actor) => (id: string) => {
    let name = cache.get(id);
    if (name === undefined) cache.set(id, (name = (statement.get(id) as string | undefined) ?? id));
    return name;
  };
  return { actor: named(actor), issue: named(issue) };
}

function loadNames(db: Db): Names {
  const actors = new Map(db.select({ id: t.actors.id, name: t.actors.name }).from(t.actors).all().map((r) => [r.id, r.name]));
  const issues = new Map(db.select({ id: t.issues.id, name: t.issues.name }).from(t.issues).all().map((r) => [r.id, r.name]));
  return { actor: (id) => actors.get(id) ?? id, issue: (id) => issues.get(id) ?? id };
}

function loadAffiliations(db: Db): AffiliationFact[] {
  return db.select({ actorId: t.affiliations.actorId, organizationId: t.affiliations.organizationId }).from(t.affiliations).all();
}

/** Every position (or those of `ids`) with the statements that express it and what it asks in return. */
function loadPositions(db: Db, ids?: readonly string[]): BackedPositionFact[] {
  const only = (column: SQLiteColumn) => (ids ? inIds(column, ids) : undefined);
  const links = groupBy(db.select().from(t.positionStatements).where(only(t.positionStatements.positionId)).all(), (l) => l.positionId, (l) => l.statementId);
  const conditions = groupBy(db.select().from(t.positionConditions).where(only(t.positionConditions.positionId)).all(), (c) => c.positionId, (c) => c.issueId);
  return db
    .select()
    .from(t.positions)
    .where(only(t.positions.id))
    .orderBy(asc(t.positions.id))
    .all()
    .map((p) => ({ ...p, statementIds: links.get(p.id) ?? [], conditionIds: conditions.get(p.id) ?? [] }));
}

/** `column IN` a list of ids, as one JSON parameter: the same SQL text whatever the list's length. */
function inIds(column: SQLiteColumn, ids: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/** Groups values by key in one pass. */
function groupBy<R, V>(rows: readonly R[], keyOf: (row: R) => string, valueOf: (row: R) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const list = groups.get(keyOf(row));
    if (list) list.push(valueOf(row));
    else groups.set(keyOf(row), [valueOf(row)]);
  }
  return groups;
}

function loadObstacles(db: Db, ids?: readonly string[]): ObstacleFact[] {
  const parties = groupBy(db.select().from(t.issueObstacleParties).where(ids ? inIds(t.issueObstacleParties.obstacleId, ids) : undefined).all(), (p) => p.obstacleId, (p) => p.actorId);
  return db
    .select()
    .from(t.issueObstacles)
    .where(ids ? inIds(t.issueObstacles.id, ids) : undefined)
    .all()
    .map((o) => ({ id: o.id, issueId: o.issueId, description: o.description, certainty: o.certainty, partyIds: parties.get(o.id) ?? [] }));
}

function loadStatementFacts(db: Db): { statements: StatementFact[]; relations: StatementRelationFact[] } {
  const issues = groupBy(db.select().from(t.statementIssues).all(), (i) => i.statementId, (i) => i.issueId);
  const statements = db
    .select({ id: t.statements.id, kind: t.statements.kind, speakerId: t.statements.speakerId, certainty: t.statements.certainty })
    .from(t.statements)
    .all()
    .map((s) => ({ ...s, issueIds: issues.get(s.id) ?? [] }));
  const relations = db
    .select({ subjectId: t.statementRelations.subjectId, objectId: t.statementRelations.objectId, kind: t.statementRelations.kind, certainty: t.statementRelations.certainty })
    .from(t.statementRelations)
    .all();
  return { statements, relations };
}

/** Events in order of first mention in the source (the timeline's tie-break), and their relations. */
function loadTimelineFacts(db: Db): { events: TimelineEventFact[]; relations: EventRelationFact[] } {
  const events = db
    .select()
    .from(t.events)
    .orderBy(sql`${firstMention(t.events)} ASC`, asc(t.events.id))
    .all()
    .map((e) => ({ id: e.id, title: e.title, certainty: e.certainty, polarity: e.polarity, date: { precision: e.startPrecision, year: e.startYear, month: e.startMonth, day: e.startDay } }));
  const relations = db
    .select({ subjectId: t.eventRelations.subjectId, objectId: t.eventRelations.objectId, kind: t.eventRelations.kind, note: t.eventRelations.note, certainty: t.eventRelations.certainty })
    .from(t.eventRelations)
    .all();
  return { events, relations };
}


/** Runs an FTS5 query; a query FTS5 cannot parse is the user's mistake, named as such. */
export function searchMatches(db: Db, query: string): SearchMatch[] {
  if (query.trim() === '') throw badUserInput('query', 'must not be empty');
  try {
    return db.all<SearchMatch>(sql`
      SELECT d.entity_id AS entityId, d.field AS field, bm25(search_fts) AS bm25,
             snippet(search_fts, 0, '«', '»', '…', 12) AS snippet
      FROM search_fts JOIN search_documents AS d ON d.id = search_fts.rowid
      WHERE search_fts MATCH ${query}`);
  } catch (e) {
    // The statement is fixed and its only input is the query, so whatever SQLite refuses
    // here (syntax, `*` alone, a bad NEAR distance, an unknown column filter) is the query.
    if (e instanceof Database.SqliteError) {
      throw badUserInput('query', `not a search query FTS5 can read (${e.message.replace(/^.*?fts5: /, '')}); quote words with punctuation, e.g. "\\"U.S.\\""`);
    }
    throw e;
  }
}

export interface CountRow {
  key: string | null;
  count: number;
}

const statementKeys: Record<StatementDimension, { key: SQL; from: SQL }> = {
  [StatementDimension.KIND]: { key: sql`${t.statements.kind}`, from: sql`${t.statements}` },
  [StatementDimension.SPEAKER]: { key: sql`${t.statements.speakerId}`, from: sql`${t.statements}` },
  [StatementDimension.TARGET]: { key: sql`${t.statements.targetId}`, from: sql`${t.statements}` },
  [StatementDimension.ATTRIBUTION]: { key: sql`${t.statements.attributionKind}`, from: sql`${t.statements}` },
  [StatementDimension.ISSUE]: {
    key: sql`${t.statementIssues.issueId}`,
    from: sql`${t.statements} LEFT JOIN ${t.statementIssues} ON ${t.statementIssues.statementId} = ${t.statements.id}`,
  },
};

const eventKeys: Record<EventDimension, { key: SQL; from: SQL }> = {
  [EventDimension.KIND]: { key: sql`${t.events.kind}`, from: sql`${t.events}` },
  [EventDimension.STATUS]: { key: sql`${t.events.status}`, from: sql`${t.events}` },
  [EventDimension.PARTICIPANT]: {
    key: sql`${t.eventParticipants.actorId}`,
    from: sql`${t.events} LEFT JOIN ${t.eventParticipants} ON ${t.eventParticipants.eventId} = ${t.events.id}`,
  },
  [EventDimension.ISSUE]: {
    key: sql`${t.eventIssues.issueId}`,
    from: sql`${t.events} LEFT JOIN ${t.eventIssues} ON ${t.eventIssues.eventId} = ${t.events.id}`,
  },
};

function countBy(db: Db, { key, from }: { key: SQL; from: SQL }, id: SQL, conditions: (SQL | undefined)[]): CountRow[] {
  const where = conditions.filter((c): c is SQL => c !== undefined);
  return db.all<CountRow>(sql`
    SELECT ${key} AS key, count(DISTINCT ${id}) AS count FROM ${from}
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    GROUP BY 1 ORDER BY count DESC, key IS NULL, key`);
}

/** Statements grouped by a dimension, under the same filter as the `statements` list. */
export function countStatements(db: Db, dimension: StatementDimension, filter: StatementFilter | null): CountRow[] {
  return countBy(db, statementKeys[dimension], sql`${t.statements.id}`, statementConditions(filter));
}

/** Events grouped by a dimension, under the same filter as the `events` list. */
export function countEvents(db: Db, dimension: EventDimension, filter: EventFilter | null): CountRow[] {
  return countBy(db, eventKeys[dimension], sql`${t.events.id}`, eventConditions(filter));
}
