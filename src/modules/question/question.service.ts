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
import { partyOf } from '../../analysis/stance.js';
import { timeline, TimelineCycleError } from '../../analysis/timeline.js';
import type { Certainty } from '../../shared/enums.js';
import { asc, inArray, sql, type SQL } from 'drizzle-orm';
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
  };
}

/** `blockingIssues`: the answer for the parties asked (validated), the main rule first. */
export function answerBlockingIssues(db: Db, args: { parties: string[] | null; minCertainty: Certainty; asOf: number | null }) {
  const facts = factsFor(db, args.asOf);
  const parties = checkParties(facts, 'parties', args.parties);
  const input = { parties, positions: facts.positions(), affiliations: facts.affiliations(), obstacles: facts.obstacles(), names: facts.names(), minCertainty: args.minCertainty };
  // Rules come in declaration order, so the first is the main one.
  return blockingIssues(input).map((b) => ({ ...b, rule: b.rules[0]! }));
}

/** `commonGround`: the answer for the parties asked (validated); `complete` when no party is silent. */
export function answerCommonGround(db: Db, args: { parties: string[] | null; includeSilent: boolean; minCertainty: Certainty; asOf: number | null }) {
  const facts = factsFor(db, args.asOf);
  const parties = checkParties(facts, 'parties', args.parties);
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
  const affiliations = actor ? known.affiliations() : [];
  const byActor = actor ? new Set(known.participants().filter((p) => partyOf(p.actorId, [actor], affiliations) === actor).map((p) => p.eventId)) : null;
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

function loadNames(db: Db): Names {
  const actors = new Map(db.select({ id: t.actors.id, name: t.actors.name }).from(t.actors).all().map((r) => [r.id, r.name]));
  const issues = new Map(db.select({ id: t.issues.id, name: t.issues.name }).from(t.issues).all().map((r) => [r.id, r.name]));
  return { actor: (id) => actors.get(id) ?? id, issue: (id) => issues.get(id) ?? id };
}

function loadAffiliations(db: Db): AffiliationFact[] {
  return db.select({ actorId: t.affiliations.actorId, organizationId: t.affiliations.organizationId }).from(t.affiliations).all();
}

/** Every position with the statements that express it and what it asks in return. */
function loadPositions(db: Db): BackedPositionFact[] {
  const links = groupBy(db.select().from(t.positionStatements).all(), (l) => l.positionId, (l) => l.statementId);
  const conditions = groupBy(db.select().from(t.positionConditions).all(), (c) => c.positionId, (c) => c.issueId);
  return db
    .select()
    .from(t.positions)
    .orderBy(asc(t.positions.id))
    .all()
    .map((p) => ({ ...p, statementIds: links.get(p.id) ?? [], conditionIds: conditions.get(p.id) ?? [] }));
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

function loadObstacles(db: Db): ObstacleFact[] {
  const parties = groupBy(db.select().from(t.issueObstacleParties).all(), (p) => p.obstacleId, (p) => p.actorId);
  return db
    .select()
    .from(t.issueObstacles)
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
