/**
 * The facts the questions of `src/analysis/` read, as plain rows: from the tables as they are
 * now (here) or from the history as of a revision (`facts-as-of.service.ts`).
 *
 * A question about named parties, an actor or an issue reads what its answer rests on, through
 * indexed queries (`forParties`, `timelineFactsFor`, `contradictionFacts`), and answers exactly
 * as it would from the whole base; the tests compare the two. A question about everything
 * reads whole tables in a constant number of statements. Every read goes through the executor
 * the facts were made on: a question makes them on its snapshot, so all its reads see one state.
 * The reads of one snapshot are awaited one after the other: they share one connection, which
 * runs one statement at a time anyway (node-postgres deprecates queueing them).
 */
import type { BackedPositionFact, StatementFact, StatementRelationFact } from '../../analysis/contradictions.js';
import type { AffiliationFact, Names, ObstacleFact } from '../../analysis/facts.js';
import { compareIds } from '../../analysis/facts.js';
import { memoryReader, timelineScope, timelineScopeAsync, type EventRelationFact, type StoredEventRelationFact, type TimelineEventFact } from '../../analysis/timeline.js';
import type { Engine, Executor } from '../../db/engine.js';
import { StatementRelationKind, type Certainty } from '../../shared/enums.js';
import { factsAsOf, historyAt } from './facts-as-of.service.js';
import { NO_LIMIT, questionStore as store, type EventFactRow, type NameRow, type StatementRelationFactRow } from './question.store.js';

/** What a question reads through: the engine. A request's context and an opened knowledge base (`openKb`) are each one. */
export interface QuestionSource {
  engine: Engine;
}

/** The actors and issues an answer may name. */
export interface Mentioned {
  actors: Iterable<string>;
  issues: Iterable<string>;
}

/** What `contradictions` reads: statements, their relations, the positions they back, who speaks for whom. */
export interface ContradictionFacts {
  statements: StatementFact[];
  relations: StatementRelationFact[];
  positions: BackedPositionFact[];
  affiliations: AffiliationFact[];
  names: Names;
}

export interface TimelineFacts {
  events: TimelineEventFact[];
  relations: EventRelationFact[];
}

/** A scope's facts; `whole`, the whole base's, when reading them was the cheaper way to find the scope. */
export interface ScopedTimelineFacts extends TimelineFacts {
  whole?: TimelineFacts;
}

/** The facts the questions read, from the tables now or from the history as of a revision. */
export interface QuestionFacts {
  /** Which of the ids name actors (that existed at the revision). */
  knownActors(ids: readonly string[]): Promise<Set<string>>;
  issueExists(id: string): Promise<boolean>;
  /** The names of (at least) the actors and issues mentioned; of all of them when none are given. */
  names(mentioned?: Mentioned): Promise<Names>;
  affiliations(): Promise<AffiliationFact[]>;
  positions(): Promise<BackedPositionFact[]>;
  obstacles(): Promise<ObstacleFact[]>;
  /** Every statement and statement relation (relations by id). */
  statementFacts(): Promise<{ statements: StatementFact[]; relations: StatementRelationFact[] }>;
  /** Every event, in order of first mention, and every event relation, by id. */
  timelineFacts(): Promise<TimelineFacts>;
  participants(): Promise<{ eventId: string; actorId: string }[]>;
  eventIssues(): Promise<{ eventId: string; issueId: string }[]>;
  /**
   * The same facts narrowed to what a question about these (validated) parties can use: the
   * positions and affiliations of the parties and of every actor affiliated with them, the
   * obstacles naming one of them or no one. The answer is the same; less is read.
   */
  forParties(parties: readonly string[]): QuestionFacts;
  /** The events `timeline` lists for a (validated) actor, with its affiliates, and/or issue. */
  timelineAnswer(filter: { actor: string | null; issue: string | null }): Promise<Set<string>>;
  /**
   * The events, in order of first mention, and relations that order `answer` as the whole
   * base would (`timelineScope`): what a timeline of those events reads. `budget`: how many
   * rows to read through the indexes before reading the whole base instead (default: a
   * quarter of the events; the tests set it to take one way or the other). `wholeOnly`: a
   * caller that orders the whole base when it is read (the timeline of now) gets only
   * `whole` then, with no scope found in it (`events` and `relations` empty).
   */
  timelineFactsFor(answer: ReadonlySet<string>, minCertainty: Certainty, budget?: number, wholeOnly?: boolean): Promise<ScopedTimelineFacts>;
  /** The statements an actor speaks: its own and those of every actor affiliated with it, at any depth. */
  statementsBy(actor: string): Promise<Set<string>>;
  /** The statements about an issue: those naming it, and those backing a position on it. */
  statementsAbout(issue: string): Promise<Set<string>>;
  /**
   * What `contradictions` needs to find every pair with a statement among `seeds`, each pair
   * as the whole base gives it; with no seeds, every pair.
   */
  contradictionFacts(seeds: ReadonlySet<string> | null): Promise<ContradictionFacts>;
}

/**
 * The facts of now, or as of revision `asOf` (1 to the latest; anything else is the user's
 * mistake), read through `q`: the question's snapshot, or the engine for reads one by one.
 */
export async function factsFor(source: QuestionSource, asOf: number | null | undefined, q: Executor = source.engine): Promise<QuestionFacts> {
  if (asOf === null || asOf === undefined) return currentFacts(q);
  return factsAsOf(await historyAt(q, asOf));
}

function currentFacts(q: Executor): QuestionFacts {
  return {
    knownActors: async (ids) => new Set(await store.actorsIn(q, ids)),
    issueExists: (id) => store.issueExists(q, id),
    // A question about everything names most of the base: all names, read whole, cost less than a list of them.
    names: () => loadNames(q),
    affiliations: () => store.affiliations(q),
    positions: () => loadPositions(q),
    obstacles: () => loadObstacles(q),
    async statementFacts() {
      const statements = await loadStatements(q);
      return { statements, relations: byId(await store.statementRelations(q)) };
    },
    timelineFacts: () => loadTimelineFacts(q),
    participants: () => store.participants(q),
    eventIssues: () => store.eventIssues(q),
    forParties: (parties) => partyFacts(q, parties),
    timelineAnswer: (filter) => timelineAnswer(q, filter),
    timelineFactsFor: (answer, minCertainty, budget, wholeOnly) => scopedTimelineFacts(q, answer, minCertainty, budget, wholeOnly),
    statementsBy: async (actor) => new Set(await store.statementsBy(q, actor)),
    statementsAbout: async (issue) => new Set(await store.statementsAbout(q, issue)),
    contradictionFacts: (seeds) => (seeds ? scopedContradictionFacts(q, seeds) : wholeContradictionFacts(q)),
  };
}

/** The facts of `currentFacts` that the questions about `parties` read, each through one indexed query. */
function partyFacts(q: Executor, parties: readonly string[]): QuestionFacts {
  return {
    ...currentFacts(q),
    names: (mentioned) => loadNames(q, mentioned),
    affiliations: () => store.memberAffiliations(q, parties),
    positions: async () => loadPositions(q, await store.memberPositionIds(q, parties)),
    obstacles: async () => loadObstacles(q, await store.memberObstacleIds(q, parties)),
    forParties: (others) => partyFacts(q, others),
  };
}

/** The names of the actors and issues mentioned, or of every one; an id without a name stands for itself. */
async function loadNames(q: Executor, mentioned?: Mentioned): Promise<Names> {
  const actors = await store.actorNames(q, mentioned && [...new Set(mentioned.actors)]);
  return namesOf(actors, await store.issueNames(q, mentioned && [...new Set(mentioned.issues)]));
}

function namesOf(actors: readonly NameRow[], issues: readonly NameRow[]): Names {
  const actorNames = new Map(actors.map((r) => [r.id, r.name]));
  const issueNames = new Map(issues.map((r) => [r.id, r.name]));
  return { actor: (id) => actorNames.get(id) ?? id, issue: (id) => issueNames.get(id) ?? id };
}

/** Every position (or those of `ids`), by id, with the statements that express it and what it asks in return. */
async function loadPositions(q: Executor, ids?: readonly string[]): Promise<BackedPositionFact[]> {
  if (ids && ids.length === 0) return [];
  const rows = await store.positions(q, ids);
  const links = await store.positionStatements(q, ids);
  const conditions = await store.positionConditions(q, ids);
  const statementsOf = groupBy(links, (l) => l.positionId, (l) => l.statementId);
  const conditionsOf = groupBy(conditions, (c) => c.positionId, (c) => c.issueId);
  return rows.map((p) => ({ ...p, statementIds: statementsOf.get(p.id) ?? [], conditionIds: conditionsOf.get(p.id) ?? [] }));
}

/** Every obstacle (or those of `ids`), with the parties it names. */
async function loadObstacles(q: Executor, ids?: readonly string[]): Promise<ObstacleFact[]> {
  if (ids && ids.length === 0) return [];
  const rows = await store.obstacles(q, ids);
  const parties = await store.obstacleParties(q, ids);
  const partiesOf = groupBy(parties, (p) => p.obstacleId, (p) => p.actorId);
  return rows.map((o) => ({ id: o.id, issueId: o.issueId, description: o.description, certainty: o.certainty, partyIds: partiesOf.get(o.id) ?? [] }));
}

/** Every statement (or those of `ids`), with the issues each names. */
async function loadStatements(q: Executor, ids?: Iterable<string>): Promise<StatementFact[]> {
  const wanted = ids && [...ids];
  if (wanted && wanted.length === 0) return [];
  const rows = await store.statements(q, wanted);
  const links = await store.statementIssues(q, wanted);
  const issuesOf = groupBy(links, (l) => l.statementId, (l) => l.issueId);
  return rows.map((s) => ({ ...s, issueIds: issuesOf.get(s.id) ?? [] }));
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

/**
 * Events in order of first mention in the source (the timeline's tie-break), and their
 * relations by id (the order a basis quotes several notes between two events in).
 */
async function loadTimelineFacts(q: Executor): Promise<{ events: TimelineEventFact[]; relations: StoredEventRelationFact[] }> {
  const events = (await store.events(q)).map(eventFact);
  return { events, relations: await store.eventRelations(q) };
}

export const eventFact = (e: EventFactRow): TimelineEventFact => ({ id: e.id, title: e.title, certainty: e.certainty, polarity: e.polarity, date: { precision: e.precision, year: e.year, month: e.month, day: e.day } });

/** The events `timeline` lists: those with the actor (or an affiliate) among the participants, and/or about the issue. */
async function timelineAnswer(q: Executor, { actor, issue }: { actor: string | null; issue: string | null }): Promise<Set<string>> {
  const byActor = actor ? new Set(await store.eventsOfActor(q, actor)) : null;
  const byIssue = issue ? await store.eventsOfIssue(q, issue) : null;
  if (byActor && byIssue) return new Set(byIssue.filter((id) => byActor.has(id)));
  return byActor ?? new Set(byIssue);
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
async function scopedTimelineFacts(q: Executor, answer: ReadonlySet<string>, minCertainty: Certainty, budget?: number, wholeOnly = false): Promise<ScopedTimelineFacts> {
  const limit = budget ?? Math.max(SCOPE_FLOOR, Math.floor((await store.eventEstimate(q)) / 4));
  let read = 0;
  const counted = <T>(rows: T[]): T[] => {
    read += rows.length;
    if (read > limit) throw TOO_WIDE;
    return rows;
  };
  const mention = new Map<string, number | null>();
  const facts = (rows: EventFactRow[]): TimelineEventFact[] =>
    counted(rows).map((e) => {
      mention.set(e.id, e.mention);
      return eventFact(e);
    });
  try {
    const scope = await timelineScopeAsync(
      answer,
      {
        events: async (ids) => (ids.length === 0 ? [] : facts(await store.eventsIn(q, ids))),
        relationsOf: async (ids) => (ids.length === 0 ? [] : counted(await store.eventRelationsOf(q, ids))),
        async ancestors(ids) {
          if (ids.length === 0) return { ids: [], relations: [] };
          // The walk stops one row past the budget, enough to know it is over.
          const rows = counted(await store.ancestors(q, ids, Number.isFinite(limit) ? Math.max(0, limit - read) + 1 : NO_LIMIT));
          return {
            ids: [...new Set(rows.map((r) => r.event))],
            relations: rows.flatMap(({ event: _, ...relation }) => (relation.id === null ? [] : [relation as StoredEventRelationFact])),
          };
        },
        datedThrough: async (year) => facts(await store.datedThrough(q, year)),
      },
      minCertainty,
    );
    // The order of the whole base's input: first mention, an event never cited first, then id.
    const rank = (id: string) => mention.get(id) ?? -Infinity;
    return { events: scope.events.sort((a, b) => rank(a.id) - rank(b.id) || compareIds(a.id, b.id)), relations: scope.relations };
  } catch (e) {
    if (e !== TOO_WIDE) throw e;
  }
  const whole = await loadTimelineFacts(q);
  return wholeOnly ? { events: [], relations: [], whole } : { ...scopeInWhole(whole, answer, minCertainty), whole };
}

/** The facts that order `answer` (`timelineScope`), found in the whole base's, events in the order of the whole's. */
export function scopeInWhole(whole: TimelineFacts, answer: ReadonlySet<string>, minCertainty: Certainty): TimelineFacts {
  // The whole base's relations as read here carry their ids (`loadTimelineFacts`).
  const scope = timelineScope(answer, memoryReader(whole.events, whole.relations as StoredEventRelationFact[]), minCertainty);
  const index = new Map(whole.events.map((e, i) => [e.id, i]));
  return { events: scope.events.sort((a, b) => index.get(a.id)! - index.get(b.id)!), relations: scope.relations };
}

const CONFLICT_KINDS = new Set<string>([StatementRelationKind.DENIES, StatementRelationKind.DENIED_BY, StatementRelationKind.CONTRADICTS]);
const RESPONSE_KINDS = new Set<string>([StatementRelationKind.RESPONDS_TO, StatementRelationKind.RESPONDED_BY]);

/** Relations by id, each once, stripped of the id. */
function byId(relations: Iterable<StatementRelationFactRow>): StatementRelationFact[] {
  const unique = new Map<string, StatementRelationFactRow>();
  for (const r of relations) unique.set(r.id, r);
  return [...unique.values()].sort((a, b) => compareIds(a.id, b.id)).map(({ id: _, ...r }) => r);
}

/**
 * Every pair `contradictions` can find with a statement among `seeds`, read as the whole base
 * has it: the relations of the seeds (a denial or stated contradiction is one of them); for a
 * denial on the other end, its own relations (whom it answers) and the statements answered;
 * the positions the seeds back and every position on the same issues (the other side of an
 * opposite-positions pair, and every issue one pair disagrees on); the statements behind
 * those; whom their speakers and holders speak for; and the names of all of these.
 */
async function scopedContradictionFacts(q: Executor, seeds: ReadonlySet<string>): Promise<ContradictionFacts> {
  const seedIds = [...seeds];
  const own = await store.statementRelationsOf(q, seedIds);
  const backed = await store.positionsBackedBy(q, seedIds);
  const others = new Set(own.filter((r) => CONFLICT_KINDS.has(r.kind)).flatMap((r) => [r.subjectId, r.objectId]).filter((id) => !seeds.has(id)));
  const theirs = others.size === 0 ? [] : await store.statementRelationsOf(q, [...others]);
  const relations = [...own, ...theirs];
  const answered = relations.filter((r) => RESPONSE_KINDS.has(r.kind)).flatMap((r) => [r.subjectId, r.objectId]);
  const positions = backed.length === 0 ? [] : await loadPositions(q, await store.positionsOnIssuesOf(q, backed));
  const statements = await loadStatements(q, new Set([...seeds, ...others, ...answered, ...positions.flatMap((p) => p.statementIds)]));
  const speakers = new Set([...statements.flatMap((s) => (s.speakerId ? [s.speakerId] : [])), ...positions.map((p) => p.actorId)]);
  const affiliations = speakers.size === 0 ? [] : await store.affiliationsAbove(q, [...speakers]);
  const names = await loadNames(q, mentionedBy({ statements, positions, affiliations }));
  return { statements, relations: byId(relations), positions, affiliations, names };
}

/**
 * Every pair: all relations and positions, but only the statements they name — a statement
 * in no relation and behind no position is in no pair, and most statements are such.
 */
async function wholeContradictionFacts(q: Executor): Promise<ContradictionFacts> {
  const relations = await store.statementRelations(q);
  const positions = await loadPositions(q);
  const statements = await loadStatements(q, new Set([...relations.flatMap((r) => [r.subjectId, r.objectId]), ...positions.flatMap((p) => p.statementIds)]));
  return { statements, relations: byId(relations), positions, affiliations: await store.affiliations(q), names: await loadNames(q) };
}

/** Every actor and issue these facts name: all an answer from them can mention. */
export function mentionedBy(facts: {
  parties?: readonly string[] | null;
  statements?: readonly StatementFact[];
  positions?: readonly BackedPositionFact[];
  obstacles?: readonly ObstacleFact[];
  affiliations?: readonly AffiliationFact[];
}): Mentioned {
  const actors = new Set<string>(facts.parties ?? []);
  const issues = new Set<string>();
  for (const s of facts.statements ?? []) {
    if (s.speakerId) actors.add(s.speakerId);
    for (const id of s.issueIds) issues.add(id);
  }
  for (const p of facts.positions ?? []) {
    actors.add(p.actorId);
    if (p.holderId) actors.add(p.holderId);
    issues.add(p.issueId);
    for (const id of p.conditionIds ?? []) issues.add(id);
  }
  for (const o of facts.obstacles ?? []) {
    issues.add(o.issueId);
    for (const id of o.partyIds) actors.add(id);
  }
  for (const a of facts.affiliations ?? []) {
    actors.add(a.actorId);
    actors.add(a.organizationId);
  }
  return { actors, issues };
}
