/**
 * Loads the plain rows the question functions of `src/analysis/` take — from the tables as
 * they are now, or from the history as of a revision (`factsFor`) — and runs the two
 * questions that are SQL by nature (full-text search, grouped counts).
 *
 * A question about named parties, an actor or an issue reads what its answer rests on, through
 * indexed queries (`forParties`, `timelineFactsFor`, `contradictionFacts`), and
 * answers exactly as it would from the whole base; the tests compare the two. A question about
 * everything reads whole tables in a constant number of statements, and a snapshot of the
 * history is read whole either way.
 */
import Database from 'better-sqlite3';
import { GraphQLError } from 'graphql';
import { blockingIssues } from '../../analysis/blocking-issues.js';
import { commonGround } from '../../analysis/common-ground.js';
import { AffiliationGraph } from '../../analysis/stance.js';
import { memoryReader, ORDERING_KINDS, timeline, TimelineCycleError, timelineScope, type StoredEventRelationFact, type TimelineEntry, type TimelineReader } from '../../analysis/timeline.js';
import { StatementRelationKind, type Certainty, type DatePrecision, type Polarity } from '../../shared/enums.js';
import { asc, inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import * as t from '../../db/tables.js';
import type { SearchMatch } from '../../analysis/search-ranking.js';
import type { AffiliationFact, Names, ObstacleFact } from '../../analysis/facts.js';
import { contradictions, involving, type BackedPositionFact, type Contradiction, type StatementFact, type StatementRelationFact } from '../../analysis/contradictions.js';
import type { EventRelationFact, TimelineEventFact } from '../../analysis/timeline.js';
import { compareIds } from '../../analysis/facts.js';
// Transitional (issue 16): the synchronous SQLite forms, until this service reads through the engine.
import { checkAsOfSqlite as checkAsOf, snapshotAtSqlite as snapshotAt } from '../../store/history.js';
import { badUserInput } from '../../shared/errors.js';
import { checkIdList, expectId } from '../../shared/ids.js';
import { eventConditions } from '../event/event.service.js';
import type { EventFilter } from '../event/event.args.js';
import { statementConditions } from '../statement/statement.service.js';
import type { StatementFilter } from '../statement/statement.args.js';
import { EventDimension, StatementDimension } from './question.type.js';

/** What `contradictions` reads: statements, their relations, the positions they back, who speaks for whom. */
export interface ContradictionFacts {
  statements: StatementFact[];
  relations: StatementRelationFact[];
  positions: BackedPositionFact[];
  affiliations: AffiliationFact[];
  names: Names;
}

/** The facts the questions read, from the tables now or from the history as of a revision. */
export interface QuestionFacts {
  /** Which of the ids name actors (that existed at the revision). */
  knownActors(ids: readonly string[]): Set<string>;
  issueExists(id: string): boolean;
  names(): Names;
  affiliations(): AffiliationFact[];
  positions(): BackedPositionFact[];
  obstacles(): ObstacleFact[];
  /** Every statement and statement relation (relations by id). */
  statementFacts(): { statements: StatementFact[]; relations: StatementRelationFact[] };
  /** Every event, in order of first mention, and every event relation, by id. */
  timelineFacts(): { events: TimelineEventFact[]; relations: EventRelationFact[] };
  participants(): { eventId: string; actorId: string }[];
  eventIssues(): { eventId: string; issueId: string }[];
  /**
   * The same facts narrowed to what a question about these (validated) parties can use: the
   * positions and affiliations of the parties and of every actor affiliated with them, the
   * obstacles naming one of them or no one. The answer is the same; less is read.
   */
  forParties(parties: readonly string[]): QuestionFacts;
  /** The events `timeline` lists for a (validated) actor, with its affiliates, and/or issue. */
  timelineAnswer(filter: { actor: string | null; issue: string | null }): Set<string>;
  /**
   * The events, in order of first mention, and relations that order `answer` as the whole
   * base would (`timelineScope`): what a timeline of those events reads. `budget`: how many
   * rows to read through the indexes before reading the whole base instead (default: a
   * quarter of the events; the tests set it to take one way or the other).
   */
  timelineFactsFor(answer: ReadonlySet<string>, minCertainty: Certainty, budget?: number): ScopedTimelineFacts;
  /** The statements an actor speaks: its own and those of every actor affiliated with it, at any depth. */
  statementsBy(actor: string): Set<string>;
  /** The statements about an issue: those naming it, and those backing a position on it. */
  statementsAbout(issue: string): Set<string>;
  /**
   * What `contradictions` needs to find every pair with a statement among `seeds`, each pair
   * as the whole base gives it; with no seeds, every pair.
   */
  contradictionFacts(seeds: ReadonlySet<string> | null): ContradictionFacts;
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
    timelineAnswer: (filter) => timelineAnswer(db, filter),
    timelineFactsFor: (answer, minCertainty, budget) => scopedTimelineFacts(db, answer, minCertainty, budget),
    statementsBy: (actor) => new Set(queries(db).statementsBy.all(JSON.stringify([actor])) as string[]),
    statementsAbout: (issue) => new Set(queries(db).statementsAbout.all({ issue }) as string[]),
    contradictionFacts: (seeds) => (seeds ? scopedContradictionFacts(db, seeds) : wholeContradictionFacts(db)),
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
      relations: [...s.StatementRelation].sort((a, b) => compareIds(a.row.id, b.row.id)).map((d) => ({ subjectId: d.row.subjectId, objectId: d.row.objectId, kind: d.row.kind, certainty: d.row.certainty })),
    }),
    timelineFacts: () => ({
      events: events.map(({ row: e }) => ({ id: e.id, title: e.title, certainty: e.certainty, polarity: e.polarity, date: { precision: e.startPrecision, year: e.startYear, month: e.startMonth, day: e.startDay } })),
      relations: [...s.EventRelation].sort((a, b) => compareIds(a.row.id, b.row.id)).map((d) => ({ subjectId: d.row.subjectId, objectId: d.row.objectId, kind: d.row.kind, note: d.row.note, certainty: d.row.certainty })),
    }),
    participants: () => s.Event.flatMap((d) => d.participants.map((p) => ({ eventId: d.row.id, actorId: p.actorId }))),
    eventIssues: () => s.Event.flatMap((d) => d.issueIds.map((issueId) => ({ eventId: d.row.id, issueId }))),
    // A snapshot is read whole from the history; narrowing it would read no less.
    forParties() {
      return this;
    },
    timelineAnswer({ actor, issue }) {
      const graph = new AffiliationGraph(this.affiliations());
      const byActor = actor ? new Set(this.participants().filter((p) => graph.reachable(p.actorId).has(actor)).map((p) => p.eventId)) : null;
      const byIssue = issue ? new Set(this.eventIssues().filter((l) => l.issueId === issue).map((l) => l.eventId)) : null;
      return new Set(events.map(({ row }) => row.id).filter((id) => (!byActor || byActor.has(id)) && (!byIssue || byIssue.has(id))));
    },
    timelineFactsFor() {
      return this.timelineFacts();
    },
    statementsBy(actor) {
      const graph = new AffiliationGraph(this.affiliations());
      return new Set(s.Statement.filter((d) => d.row.speakerId !== null && graph.reachable(d.row.speakerId).has(actor)).map((d) => d.row.id));
    },
    statementsAbout(issue) {
      const backing = s.Position.filter((d) => d.row.issueId === issue).flatMap((d) => d.statementIds);
      return new Set([...s.Statement.filter((d) => d.issueIds.includes(issue)).map((d) => d.row.id), ...backing]);
    },
    contradictionFacts() {
      return { ...this.statementFacts(), positions: this.positions(), affiliations: this.affiliations(), names: this.names() };
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

/**
 * `timeline`: the events of the actor asked (with its affiliates) and of the issue asked, as
 * the whole base orders them, numbered from 1. With neither, every event. With one, only the
 * events that order the answer are read (`timelineScope` says why that is exact).
 */
export function answerTimeline(db: Db, args: { actor: string | null; issue: string | null; minCertainty: Certainty; asOf: number | null }): TimelineEntry[] {
  const { actor, issue, minCertainty } = args;
  const known = factsFor(db, args.asOf);
  if (actor) checkParties(known, 'actor', [actor]);
  if (issue) checkIssue(known, 'issue', issue);
  const answer = actor || issue ? known.timelineAnswer({ actor, issue }) : null;
  // asOf is undefined, not null, when a GraphQL client leaves it out.
  const now = args.asOf == null ? databaseState(db) : null;
  let whole = now === null ? undefined : rememberedTimeline(db, now, minCertainty);
  let scoped: ScopedTimelineFacts | null = null;
  if (whole === undefined) {
    scoped = answer ? known.timelineFactsFor(answer, minCertainty) : null;
    // A small scope is ordered by itself; the whole base, when it was read anyway, is ordered once and kept.
    if (scoped && !scoped.whole) return onlyThese(orderOrThrow(scoped, minCertainty), answer!);
    whole = ordered(scoped?.whole ?? known.timelineFacts(), minCertainty);
    if (now !== null) rememberTimeline(db, now, minCertainty, whole);
  }
  if (!(whole instanceof TimelineCycleError)) return answer ? onlyThese(whole, answer) : whole;
  if (!answer) throw cycleError(whole);
  // A cycle elsewhere in the base does not stop a timeline it does not touch: order the scope alone.
  return onlyThese(orderOrThrow(scoped ?? known.timelineFactsFor(answer, minCertainty), minCertainty), answer);
}

/** Where each event stands in a whole timeline, built once per kept timeline. */
const places = new WeakMap<TimelineEntry[], Map<string, number>>();

/**
 * The entries of `answer`, in the order given, numbered from 1. From a whole timeline, a small
 * answer is looked up by place (its events sorted by their index) instead of a pass over every
 * entry (200,000 at 1M statements).
 */
function onlyThese(entries: TimelineEntry[], answer: ReadonlySet<string>): TimelineEntry[] {
  let chosen: TimelineEntry[];
  if (answer.size * 16 < entries.length) {
    let place = places.get(entries);
    if (!place) places.set(entries, (place = new Map(entries.map((e, i) => [e.eventId, i]))));
    const at = [...answer].map((id) => place!.get(id)).filter((i): i is number => i !== undefined);
    chosen = at.sort((a, b) => a - b).map((i) => entries[i]!);
  } else {
    chosen = entries.filter((e) => answer.has(e.eventId));
  }
  return chosen.map((e, i) => ({ ...e, position: i + 1 }));
}

function ordered(facts: TimelineFacts, minCertainty: Certainty): TimelineEntry[] | TimelineCycleError {
  try {
    return timeline({ ...facts, minCertainty });
  } catch (e) {
    if (e instanceof TimelineCycleError) return e;
    throw e;
  }
}

function orderOrThrow(facts: TimelineFacts, minCertainty: Certainty): TimelineEntry[] {
  const entries = ordered(facts, minCertainty);
  if (entries instanceof TimelineCycleError) throw cycleError(entries);
  return entries;
}

function cycleError(e: TimelineCycleError): GraphQLError {
  return new GraphQLError(e.message, { extensions: { code: 'TIMELINE_CYCLE', cycle: e.cycle } });
}

/**
 * The whole base's timeline, kept per database state: ordering every event costs a pass over
 * all of them (about 0.3 s at 100k statements), and a scoped timeline on a base where events
 * chain into each other needs most of them. The state is SQLite's own change counters:
 * `PRAGMA data_version` moves when another connection commits (an import from the command
 * line), `total_changes()` when this one writes. Nothing is kept or served inside a
 * transaction, whose changes may yet be rolled back (the counter would not move back).
 * One state is kept per database: a write makes the next timeline order again.
 */
const timelines = new WeakMap<object, { state: string; byCertainty: Map<Certainty, TimelineEntry[] | TimelineCycleError> }>();
function databaseState(db: Db): string | null {
  if (db.$client.inTransaction) return null;
  const q = queries(db);
  return `${q.dataVersion.get()}:${q.totalChanges.get()}`;
}

function rememberedTimeline(db: Db, state: string, minCertainty: Certainty): TimelineEntry[] | TimelineCycleError | undefined {
  const kept = timelines.get(db.$client);
  return kept?.state === state ? kept.byCertainty.get(minCertainty) : undefined;
}

function rememberTimeline(db: Db, state: string, minCertainty: Certainty, entries: TimelineEntry[] | TimelineCycleError): void {
  let kept = timelines.get(db.$client);
  if (kept?.state !== state) timelines.set(db.$client, (kept = { state, byCertainty: new Map() }));
  kept.byCertainty.set(minCertainty, entries);
}

/**
 * `contradictions`: every pair, or those involving the actor asked (a statement of it or of
 * an actor affiliated with it) and/or the issue asked (a statement naming it or backing a
 * position on it). A filtered question reads only the facts of the pairs it can find.
 */
export function answerContradictions(db: Db, args: { actor: string | null; issue: string | null; minCertainty: Certainty; asOf: number | null }): Contradiction[] {
  const { actor, issue } = args;
  const known = factsFor(db, args.asOf);
  if (actor) checkParties(known, 'actor', [actor]);
  if (issue) checkIssue(known, 'issue', issue);
  const filters = [...(actor ? [known.statementsBy(actor)] : []), ...(issue ? [known.statementsAbout(issue)] : [])];
  // Every pair kept has a statement in each filter, so the smallest filter finds them all.
  const seeds = filters.length === 0 ? null : filters.reduce((a, b) => (b.size < a.size ? b : a));
  const found = contradictions({ ...known.contradictionFacts(seeds), minCertainty: args.minCertainty });
  return involving(found, filters);
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
    .orderBy(asc(t.statementRelations.id))
    .all();
  return { statements, relations };
}

/**
 * Events in order of first mention in the source (the timeline's tie-break), and their
 * relations by id (the order a basis quotes several notes between two events in).
 */
function loadTimelineFacts(db: Db): { events: TimelineEventFact[]; relations: StoredEventRelationFact[] } {
  const q = queries(db);
  return { events: (q.allEvents.all() as EventRow[]).map(eventFact), relations: q.allEventRelations.all() as StoredEventRelationFact[] };
}

/** A statement relation row, with the id that tells one relation met from both ends from two. */
type StoredStatementRelation = StatementRelationFact & { id: string };

/** An event row as the scoped timeline reads it: the facts, and its first mention to order by. */
type EventRow = { id: string; title: string; certainty: Certainty; polarity: Polarity; precision: DatePrecision; year: number | null; month: number | null; day: number | null; mention: number | null };

const eventFact = (e: EventRow): TimelineEventFact => ({ id: e.id, title: e.title, certainty: e.certainty, polarity: e.polarity, date: { precision: e.precision, year: e.year, month: e.month, day: e.day } });

/**
 * Relation kinds as an SQL list, written into the text: they are constants of the code, never
 * input, and a constant list costs the walk nothing per row where a JSON parameter would not.
 */
const kindList = (kinds: readonly string[]) => `(${kinds.map((k) => `'${k}'`).join(', ')})`;

const EVENT_COLUMNS = `id, title, certainty, polarity, start_precision AS precision, start_year AS year, start_month AS month, start_day AS day, first_mention AS mention`;
const EVENT_RELATION_COLUMNS = `id, subject_id AS subjectId, object_id AS objectId, kind, note, certainty`;
const STATEMENT_RELATION_COLUMNS = `id, subject_id AS subjectId, object_id AS objectId, kind, certainty`;
const IDS = `(SELECT value FROM json_each(:ids))`;

/**
 * The statements the scoped questions run, prepared once per database (compiled once, the
 * same text whatever the number of ids: lists go in as one JSON parameter). Each reads through
 * an index of `0000_core` or of `0009_event_start_year` (the dated events up to a year).
 */
function prepareQueries(db: Db) {
  const prepare = (text: string) => db.$client.prepare(text);
  return {
    // The database's change counters: another connection's commits, and this one's writes.
    dataVersion: prepare('PRAGMA data_version').pluck(),
    totalChanges: prepare('SELECT total_changes()').pluck(),
    allEvents: prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY first_mention ASC, id ASC`),
    allEventRelations: prepare(`SELECT ${EVENT_RELATION_COLUMNS} FROM event_relations ORDER BY id`),
    // The highest rowid: about how many events there are, read from the end of the table's b-tree.
    lastEventRow: prepare(`SELECT max(rowid) FROM events`).pluck(),
    eventsOfActor: prepare(`${MEMBERS} SELECT DISTINCT event_id FROM event_participants WHERE actor_id IN (SELECT id FROM members)`).pluck(),
    eventsOfIssue: prepare(`SELECT event_id FROM event_issues WHERE issue_id = ?`).pluck(),
    events: prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE id IN ${IDS}`),
    eventRelationsOf: prepare(`SELECT ${EVENT_RELATION_COLUMNS} FROM event_relations WHERE subject_id IN ${IDS} UNION SELECT ${EVENT_RELATION_COLUMNS} FROM event_relations WHERE object_id IN ${IDS}`),
    // The walk back through ordering relations: each row is a relation walked and the event it
    // puts first; UNION drops a row met twice, so a loop in the relations ends the walk.
    ancestors: prepare(`WITH RECURSIVE walk(relation, earlier) AS (
        SELECT NULL, value FROM json_each(:ids)
        UNION SELECT r.id, r.subject_id FROM walk JOIN event_relations AS r ON r.object_id = walk.earlier WHERE r.kind IN ${kindList(ORDERING_KINDS.subjectFirst)}
        UNION SELECT r.id, r.object_id FROM walk JOIN event_relations AS r ON r.subject_id = walk.earlier WHERE r.kind IN ${kindList(ORDERING_KINDS.objectFirst)}
        LIMIT :limit
      )
      SELECT walk.earlier AS event, r.id, r.subject_id AS subjectId, r.object_id AS objectId, r.kind, r.note, r.certainty
      FROM walk LEFT JOIN event_relations AS r ON r.id = walk.relation`),
    // The partial index of 0009 holds exactly the events with a known date.
    datedThrough: prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE start_precision <> 'UNKNOWN' AND start_year IS NOT NULL AND start_year <= ?`),
    statementsBy: prepare(`${MEMBERS} SELECT id FROM statements WHERE speaker_id IN (SELECT id FROM members)`).pluck(),
    statementsAbout: prepare(`SELECT statement_id FROM statement_issues WHERE issue_id = :issue
      UNION SELECT ps.statement_id FROM positions AS p JOIN position_statements AS ps ON ps.position_id = p.id WHERE p.issue_id = :issue`).pluck(),
    statements: prepare(`SELECT id, kind, speaker_id AS speakerId, certainty FROM statements WHERE id IN ${IDS}`),
    statementIssues: prepare(`SELECT statement_id AS statementId, issue_id AS issueId FROM statement_issues WHERE statement_id IN ${IDS}`),
    statementRelationsOf: prepare(`SELECT ${STATEMENT_RELATION_COLUMNS} FROM statement_relations WHERE subject_id IN ${IDS} UNION SELECT ${STATEMENT_RELATION_COLUMNS} FROM statement_relations WHERE object_id IN ${IDS}`),
    statementRelations: prepare(`SELECT ${STATEMENT_RELATION_COLUMNS} FROM statement_relations`),
    positionsBackedBy: prepare(`SELECT DISTINCT position_id FROM position_statements WHERE statement_id IN ${IDS}`).pluck(),
    positionsOnIssuesOf: prepare(`SELECT id FROM positions WHERE issue_id IN (SELECT issue_id FROM positions WHERE id IN ${IDS})`).pluck(),
    // Upward only: whom the speakers speak for is all that party resolution asks.
    affiliationsAbove: prepare(`WITH RECURSIVE up(id) AS (
        SELECT value FROM json_each(:ids) UNION SELECT a.organization_id FROM affiliations AS a JOIN up ON a.actor_id = up.id
      ) SELECT actor_id AS actorId, organization_id AS organizationId FROM affiliations WHERE actor_id IN (SELECT id FROM up)`),
  };
}

const prepared = new WeakMap<Db, ReturnType<typeof prepareQueries>>();

function queries(db: Db): ReturnType<typeof prepareQueries> {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = prepareQueries(db)));
  return q;
}

const ids = (list: Iterable<string>) => ({ ids: JSON.stringify([...list]) });

/** The events `timeline` lists: those with the actor (or an affiliate) among the participants, and/or about the issue. */
function timelineAnswer(db: Db, { actor, issue }: { actor: string | null; issue: string | null }): Set<string> {
  const q = queries(db);
  const byActor = actor ? new Set(q.eventsOfActor.all(JSON.stringify([actor])) as string[]) : null;
  const byIssue = issue ? (q.eventsOfIssue.all(issue) as string[]) : null;
  if (byActor && byIssue) return new Set(byIssue.filter((id) => byActor.has(id)));
  return byActor ?? new Set(byIssue);
}

interface TimelineFacts {
  events: TimelineEventFact[];
  relations: EventRelationFact[];
}

/** A scope's facts; `whole`, the whole base's, when reading them was the cheaper way to find the scope. */
export interface ScopedTimelineFacts extends TimelineFacts {
  whole?: TimelineFacts;
}

/** Thrown by the indexed reader once a scope has read more rows than its budget. */
const TOO_WIDE = Symbol('the scope covers much of the base');

/** Scopes this small are always read through the indexes, however small the base. */
const SCOPE_FLOOR = 64;

/**
 * The events and relations that order `answer` (`timelineScope`), events in order of first
 * mention. The scope is read through indexed queries while it stays within `budget` rows.
 * A walk through the indexes costs a few times what a scan does per row (about 3× at 100k
 * statements), and on some bases the scope is most of the base (every event follows the one
 * before it in the synthetic ones), so past a quarter of the events the whole base is read
 * at once and the scope walked in memory: the same function, the same scope, the same
 * answer, at about the cost of the whole timeline at worst.
 */
function scopedTimelineFacts(db: Db, answer: ReadonlySet<string>, minCertainty: Certainty, budget?: number): ScopedTimelineFacts {
  const q = queries(db);
  const limit = budget ?? Math.max(SCOPE_FLOOR, Math.floor(((q.lastEventRow.get() as number | null) ?? 0) / 4));
  let read = 0;
  const counted = <T>(rows: T[]): T[] => {
    read += rows.length;
    if (read > limit) throw TOO_WIDE;
    return rows;
  };
  const mention = new Map<string, number | null>();
  const facts = (rows: EventRow[]): TimelineEventFact[] =>
    counted(rows).map((e) => {
      mention.set(e.id, e.mention);
      return eventFact(e);
    });
  const reader: TimelineReader = {
    events: (list) => (list.length === 0 ? [] : facts(q.events.all(ids(list)) as EventRow[])),
    relationsOf: (list) => (list.length === 0 ? [] : counted(q.eventRelationsOf.all(ids(list)) as StoredEventRelationFact[])),
    ancestors(list) {
      if (list.length === 0) return { ids: [], relations: [] };
      // The walk stops one row past the budget, enough to know it is over (a negative LIMIT is none).
      const rows = counted(q.ancestors.all({ ...ids(list), limit: Number.isFinite(limit) ? Math.max(0, limit - read) + 1 : -1 }) as ({ event: string } & (StoredEventRelationFact | { id: null }))[]);
      return {
        ids: [...new Set(rows.map((r) => r.event))],
        relations: rows.filter((r): r is { event: string } & StoredEventRelationFact => r.id !== null).map(({ event: _, ...relation }) => relation),
      };
    },
    datedThrough: (year) => facts(q.datedThrough.all(year) as EventRow[]),
  };
  try {
    const scope = timelineScope(answer, reader, minCertainty);
    // The order of the whole base's input: first mention, an event never cited first (SQLite's NULLS FIRST), then id.
    const rank = (id: string) => mention.get(id) ?? -Infinity;
    return { events: scope.events.sort((a, b) => rank(a.id) - rank(b.id) || compareIds(a.id, b.id)), relations: scope.relations };
  } catch (e) {
    if (e !== TOO_WIDE) throw e;
  }
  const whole = loadTimelineFacts(db);
  const scope = timelineScope(answer, memoryReader(whole.events, whole.relations), minCertainty);
  const index = new Map(whole.events.map((e, i) => [e.id, i]));
  return { events: scope.events.sort((a, b) => index.get(a.id)! - index.get(b.id)!), relations: scope.relations, whole };
}

/** Statements by id, with the issues each names. */
function loadStatements(db: Db, list: Iterable<string>): StatementFact[] {
  const q = queries(db);
  const wanted = ids(list);
  const issues = groupBy(q.statementIssues.all(wanted) as { statementId: string; issueId: string }[], (i) => i.statementId, (i) => i.issueId);
  return (q.statements.all(wanted) as Omit<StatementFact, 'issueIds'>[]).map((s) => ({ ...s, issueIds: issues.get(s.id) ?? [] }));
}

const CONFLICT_KINDS = new Set<string>([StatementRelationKind.DENIES, StatementRelationKind.DENIED_BY, StatementRelationKind.CONTRADICTS]);
const RESPONSE_KINDS = new Set<string>([StatementRelationKind.RESPONDS_TO, StatementRelationKind.RESPONDED_BY]);

/** Relations by id, each once, stripped of the id. */
function byId(relations: Iterable<StoredStatementRelation>): StatementRelationFact[] {
  const unique = new Map<string, StoredStatementRelation>();
  for (const r of relations) unique.set(r.id, r);
  return [...unique.values()].sort((a, b) => compareIds(a.id, b.id)).map(({ id: _, ...r }) => r);
}

/**
 * Every pair `contradictions` can find with a statement among `seeds`, read as the whole base
 * has it: the relations of the seeds (a denial or stated contradiction is one of them); for a
 * denial on the other end, its own relations (whom it answers) and the statements answered;
 * the positions the seeds back and every position on the same issues (the other side of an
 * opposite-positions pair, and every issue one pair disagrees on); the statements behind
 * those; and whom their speakers and holders speak for.
 */
function scopedContradictionFacts(db: Db, seeds: ReadonlySet<string>): ContradictionFacts {
  const q = queries(db);
  const own = q.statementRelationsOf.all(ids(seeds)) as StoredStatementRelation[];
  const others = new Set(own.filter((r) => CONFLICT_KINDS.has(r.kind)).flatMap((r) => [r.subjectId, r.objectId]).filter((id) => !seeds.has(id)));
  const theirs = others.size === 0 ? [] : (q.statementRelationsOf.all(ids(others)) as StoredStatementRelation[]);
  const relations = [...own, ...theirs];
  const answered = relations.filter((r) => RESPONSE_KINDS.has(r.kind)).flatMap((r) => [r.subjectId, r.objectId]);
  const backed = q.positionsBackedBy.all(ids(seeds)) as string[];
  const positions = backed.length === 0 ? [] : loadPositions(db, q.positionsOnIssuesOf.all(ids(backed)) as string[]);
  const statements = loadStatements(db, new Set([...seeds, ...others, ...answered, ...positions.flatMap((p) => p.statementIds)]));
  const speakers = new Set([...statements.flatMap((s) => (s.speakerId ? [s.speakerId] : [])), ...positions.map((p) => p.actorId)]);
  return { statements, relations: byId(relations), positions, affiliations: q.affiliationsAbove.all(ids(speakers)) as AffiliationFact[], names: lazyNames(db) };
}

/**
 * Every pair: all relations and positions, but only the statements they name — a statement
 * in no relation and behind no position is in no pair, and most statements are such.
 */
function wholeContradictionFacts(db: Db): ContradictionFacts {
  const relations = queries(db).statementRelations.all() as StoredStatementRelation[];
  const positions = loadPositions(db);
  const statements = loadStatements(db, new Set([...relations.flatMap((r) => [r.subjectId, r.objectId]), ...positions.flatMap((p) => p.statementIds)]));
  return { statements, relations: byId(relations), positions, affiliations: loadAffiliations(db), names: loadNames(db) };
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
