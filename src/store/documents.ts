/**
 * Node documents: an editable node's row together with the parts it owns (aliases,
 * affiliations, evidence, factuality cues, its links to issues and statements). A document
 * is what a change records before and after, what `asOf` reads back and what `restore`
 * writes again, so every write path goes through `readDoc` / `writeDoc` / `deleteDoc` here
 * and nowhere else touches a node's parts.
 *
 * Documents are plain JSON. Writing one replaces each of the node's owned parts that changed
 * wholesale and updates the columns of its row that changed in place (a row is never deleted
 * to be rewritten: that would cascade to the nodes that refer to it). The search index follows
 * through the triggers of migration 0001.
 */
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { columns, decodeOf } from '../db/columns.js';
import { list, statement, type Executor, type Statement } from '../db/engine.js';
import * as t from '../db/tables.js';
import { relationId } from '../shared/relation-ids.js';
import { readReports, reportsOfDoc, writeReports, type FactReading, type ReportDoc, type ReportSubject } from './reports.js';
import { ROWS, type KnowledgeTable } from './rows.js';

/** A span of a source, as a document stores it (the evidence row without its id and subject). */
export interface SpanDoc {
  sourceId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export interface SourceDoc { row: t.SourceRow }
export interface ActorDoc {
  row: t.ActorRow;
  aliases: string[];
  affiliations: { organizationId: string; role: string | null; evidence: SpanDoc[] }[];
  evidence: SpanDoc[];
}
export interface IssueDoc {
  row: t.IssueRow;
  obstacles: { id: string; description: string; certainty: t.IssueObstacleRow['certainty']; partyIds: string[]; evidence: SpanDoc[] }[];
  evidence: SpanDoc[];
}
export interface EventDoc {
  row: t.EventRow;
  participants: { actorId: string; role: t.EventParticipantRow['role'] }[];
  issueIds: string[];
  evidence: SpanDoc[];
  cues: SpanDoc[];
  /** How each source reports it (`reports.ts`); absent from documents recorded before reports existed. */
  reports: ReportDoc[];
}
export interface StatementDoc { row: t.StatementRow; issueIds: string[]; evidence: SpanDoc[]; cues: SpanDoc[]; reports: ReportDoc[] }
export interface PositionDoc { row: t.PositionRow; statementIds: string[]; conditionIds: string[]; evidence: SpanDoc[]; cues: SpanDoc[]; reports: ReportDoc[] }
export interface ActorRelationDoc { row: t.ActorRelationRow; evidence: SpanDoc[] }
export interface EventRelationDoc { row: t.EventRelationRow; evidence: SpanDoc[] }
export interface StatementRelationDoc { row: t.StatementRelationRow; evidence: SpanDoc[] }

export interface Docs {
  Source: SourceDoc;
  Actor: ActorDoc;
  Issue: IssueDoc;
  Event: EventDoc;
  Statement: StatementDoc;
  Position: PositionDoc;
  ActorRelation: ActorRelationDoc;
  EventRelation: EventRelationDoc;
  StatementRelation: StatementRelationDoc;
}
export type DocType = keyof Docs;
export type AnyDoc = Docs[DocType];

/** The node types that are GraphQL `Node`s with a version (a change's `node`); relations are neither. */
export const VERSIONED: readonly DocType[] = ['Source', 'Actor', 'Issue', 'Event', 'Statement', 'Position'];

const spanOf = (r: SpanDoc): SpanDoc => ({ sourceId: r.sourceId, start: r.start, end: r.end, exact: r.exact, prefix: r.prefix, suffix: r.suffix });

/** The SQL name of a table's column, by property. */
const sqlName = (table: Table, property: string): string => getTableColumns(table)[property]!.name;

type SpanSubject = 'actorId' | 'eventId' | 'statementId' | 'issueId' | 'positionId' | 'affiliationId' | 'actorRelationId' | 'eventRelationId' | 'statementRelationId' | 'obstacleId';
type CueSubject = 'eventId' | 'statementId' | 'positionId';
const SPAN_SUBJECTS: readonly SpanSubject[] = ['actorId', 'eventId', 'statementId', 'issueId', 'positionId', 'affiliationId', 'actorRelationId', 'eventRelationId', 'statementRelationId', 'obstacleId'];
const CUE_SUBJECTS: readonly CueSubject[] = ['eventId', 'statementId', 'positionId'];

const perSubject = <S extends string>(subjects: readonly S[], make: (subject: S) => Statement) => Object.fromEntries(subjects.map((s) => [s, make(s)])) as Record<S, Statement>;

/** A table's row by id, one statement per table. */
const rowById = (table: Table) => statement(`SELECT ${columns(table, 'r')} FROM "${getTableName(table)}" AS "r" WHERE "r"."id" = ?`, { decode: decodeOf(table) });
/** Spans in the order documents keep them: by source, then start. */
const SPAN_ORDER = (alias: string) => `ORDER BY "${alias}"."source_id", "${alias}"."start", "${alias}"."id"`;

const Q = {
  evidenceOf: perSubject(SPAN_SUBJECTS, (s) => statement(`SELECT ${columns(t.evidence, 'e')} FROM "evidence" AS "e" WHERE "e"."${sqlName(t.evidence, s)}" = ? ${SPAN_ORDER('e')}`, { decode: decodeOf(t.evidence) })),
  evidenceOfAffiliations: statement(`SELECT ${columns(t.evidence, 'e')} FROM "evidence" AS "e" WHERE "e"."affiliation_id" IN ?list ${SPAN_ORDER('e')}`, { decode: decodeOf(t.evidence) }),
  evidenceOfObstacles: statement(`SELECT ${columns(t.evidence, 'e')} FROM "evidence" AS "e" WHERE "e"."obstacle_id" IN ?list ${SPAN_ORDER('e')}`, { decode: decodeOf(t.evidence) }),
  cuesOf: perSubject(CUE_SUBJECTS, (s) => statement(`SELECT ${columns(t.factualityCues, 'c')} FROM "factuality_cues" AS "c" WHERE "c"."${sqlName(t.factualityCues, s)}" = ? ${SPAN_ORDER('c')}`, { decode: decodeOf(t.factualityCues) })),
  aliases: statement(`SELECT "a"."alias" AS "alias" FROM "actor_aliases" AS "a" WHERE "a"."actor_id" = ? ORDER BY "a"."alias"`),
  affiliations: statement(`SELECT ${columns(t.affiliations, 'a')} FROM "affiliations" AS "a" WHERE "a"."actor_id" = ? ORDER BY "a"."id"`, { decode: decodeOf(t.affiliations) }),
  obstacles: statement(`SELECT ${columns(t.issueObstacles, 'o')} FROM "issue_obstacles" AS "o" WHERE "o"."issue_id" = ? ORDER BY "o"."id"`, { decode: decodeOf(t.issueObstacles) }),
  obstacleParties: statement(`SELECT "p"."obstacle_id" AS "obstacleId", "p"."actor_id" AS "actorId" FROM "issue_obstacle_parties" AS "p" WHERE "p"."obstacle_id" IN ?list ORDER BY "p"."obstacle_id", "p"."actor_id"`),
  participants: statement(`SELECT "p"."actor_id" AS "actorId", "p"."role" AS "role" FROM "event_participants" AS "p" WHERE "p"."event_id" = ? ORDER BY "p"."actor_id", "p"."role"`),
  eventIssues: statement(`SELECT "l"."issue_id" AS "id" FROM "event_issues" AS "l" WHERE "l"."event_id" = ? ORDER BY "l"."issue_id"`),
  statementIssues: statement(`SELECT "l"."issue_id" AS "id" FROM "statement_issues" AS "l" WHERE "l"."statement_id" = ? ORDER BY "l"."issue_id"`),
  positionStatements: statement(`SELECT "l"."statement_id" AS "id" FROM "position_statements" AS "l" WHERE "l"."position_id" = ? ORDER BY "l"."statement_id"`),
  positionConditions: statement(`SELECT "l"."issue_id" AS "id" FROM "position_conditions" AS "l" WHERE "l"."position_id" = ? ORDER BY "l"."issue_id"`),
};

/** Deletes a node's owned parts, before they are written again. */
const D = {
  evidenceOf: perSubject(SPAN_SUBJECTS, (s) => statement(`DELETE FROM "evidence" WHERE "${sqlName(t.evidence, s)}" = ?`)),
  cuesOf: perSubject(CUE_SUBJECTS, (s) => statement(`DELETE FROM "factuality_cues" WHERE "${sqlName(t.factualityCues, s)}" = ?`)),
  aliases: statement(`DELETE FROM "actor_aliases" WHERE "actor_id" = ?`),
  // Affiliations and obstacles take their evidence (and an obstacle its parties) with them, by cascade.
  affiliations: statement(`DELETE FROM "affiliations" WHERE "actor_id" = ?`),
  obstacles: statement(`DELETE FROM "issue_obstacles" WHERE "issue_id" = ?`),
  participants: statement(`DELETE FROM "event_participants" WHERE "event_id" = ?`),
  eventIssues: statement(`DELETE FROM "event_issues" WHERE "event_id" = ?`),
  statementIssues: statement(`DELETE FROM "statement_issues" WHERE "statement_id" = ?`),
  positionStatements: statement(`DELETE FROM "position_statements" WHERE "position_id" = ?`),
  positionConditions: statement(`DELETE FROM "position_conditions" WHERE "position_id" = ?`),
};

/** The table of each node type (its key in `ROWS`). */
const TABLE_OF: Record<DocType, KnowledgeTable> = {
  Source: 'sources',
  Actor: 'actors',
  Issue: 'issues',
  Event: 'events',
  Statement: 'statements',
  Position: 'positions',
  ActorRelation: 'actorRelations',
  EventRelation: 'eventRelations',
  StatementRelation: 'statementRelations',
};
const TABLES: Record<DocType, Table> = {
  Source: t.sources,
  Actor: t.actors,
  Issue: t.issues,
  Event: t.events,
  Statement: t.statements,
  Position: t.positions,
  ActorRelation: t.actorRelations,
  EventRelation: t.eventRelations,
  StatementRelation: t.statementRelations,
};
const DOC_TYPES = Object.keys(TABLES) as DocType[];
const perType = (make: (table: Table, type: DocType) => Statement) => Object.fromEntries(DOC_TYPES.map((type) => [type, make(TABLES[type], type)])) as Record<DocType, Statement>;

const ROW_BY_ID = perType(rowById);
const DELETE_BY_ID = perType((table) => statement(`DELETE FROM "${getTableName(table)}" WHERE "id" = ?`));
const IDS_AMONG = perType((table) => statement(`SELECT "r"."id" AS "id" FROM "${getTableName(table)}" AS "r" WHERE "r"."id" IN ?list`));
const ALL_IDS = perType((table) => statement(`SELECT "r"."id" AS "id" FROM "${getTableName(table)}" AS "r" ORDER BY "r"."id"`));

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const spans = (rows: t.EvidenceRow[] | t.FactualityCueRow[]) => rows.map(spanOf);

/** Spans of several subjects read at once, grouped by subject in the order read. */
function spansBy(rows: t.EvidenceRow[], subject: 'affiliationId' | 'obstacleId'): Map<string, SpanDoc[]> {
  const out = new Map<string, SpanDoc[]>();
  for (const r of rows) {
    const key = r[subject]!;
    const list = out.get(key);
    if (list) list.push(spanOf(r));
    else out.set(key, [spanOf(r)]);
  }
  return out;
}

async function row<R>(q: Executor, type: DocType, id: string): Promise<R | undefined> {
  return q.get<R>(ROW_BY_ID[type], [id]);
}

/** The node's document as it is now, or null when there is no such node. */
export async function readDoc<T extends DocType>(q: Executor, type: T, id: string): Promise<Docs[T] | null> {
  return (READERS[type] as (q: Executor, id: string) => Promise<Docs[T] | null>)(q, id);
}

const READERS: { [T in DocType]: (q: Executor, id: string) => Promise<Docs[T] | null> } = {
  Source: async (q, id) => {
    const r = await row<t.SourceRow>(q, 'Source', id);
    return r ? { row: r } : null;
  },
  Actor: async (q, id) => {
    const r = await row<t.ActorRow>(q, 'Actor', id);
    if (!r) return null;
    const [aliases, affiliations, evidence] = await Promise.all([
      q.all<{ alias: string }>(Q.aliases, [id]),
      q.all<t.AffiliationRow>(Q.affiliations, [id]),
      q.all<t.EvidenceRow>(Q.evidenceOf.actorId, [id]),
    ]);
    const cited = affiliations.length === 0 ? new Map<string, SpanDoc[]>() : spansBy(await q.all<t.EvidenceRow>(Q.evidenceOfAffiliations, [list(affiliations.map((a) => a.id))]), 'affiliationId');
    return {
      row: r,
      aliases: aliases.map((a) => a.alias),
      affiliations: affiliations.map((a) => ({ organizationId: a.organizationId, role: a.role, evidence: cited.get(a.id) ?? [] })),
      evidence: spans(evidence),
    };
  },
  Issue: async (q, id) => {
    const r = await row<t.IssueRow>(q, 'Issue', id);
    if (!r) return null;
    const [obstacles, evidence] = await Promise.all([q.all<t.IssueObstacleRow>(Q.obstacles, [id]), q.all<t.EvidenceRow>(Q.evidenceOf.issueId, [id])]);
    const obstacleIds = list(obstacles.map((o) => o.id));
    const [parties, cited] =
      obstacles.length === 0
        ? [[], new Map<string, SpanDoc[]>()]
        : await Promise.all([q.all<{ obstacleId: string; actorId: string }>(Q.obstacleParties, [obstacleIds]), q.all<t.EvidenceRow>(Q.evidenceOfObstacles, [obstacleIds]).then((rows) => spansBy(rows, 'obstacleId'))]);
    return {
      row: r,
      obstacles: obstacles.map((o) => ({
        id: o.id,
        description: o.description,
        certainty: o.certainty,
        partyIds: parties.filter((p) => p.obstacleId === o.id).map((p) => p.actorId),
        evidence: cited.get(o.id) ?? [],
      })),
      evidence: spans(evidence),
    };
  },
  Event: async (q, id) => {
    const r = await row<t.EventRow>(q, 'Event', id);
    if (!r) return null;
    const [participants, issueIds, evidence, cues, reports] = await Promise.all([
      q.all<{ actorId: string; role: t.EventParticipantRow['role'] }>(Q.participants, [id]),
      q.all<{ id: string }>(Q.eventIssues, [id]),
      q.all<t.EvidenceRow>(Q.evidenceOf.eventId, [id]),
      q.all<t.FactualityCueRow>(Q.cuesOf.eventId, [id]),
      readReports(q, 'eventId', id),
    ]);
    return { row: r, participants: participants.map((p) => ({ actorId: p.actorId, role: p.role })), issueIds: ids(issueIds), evidence: spans(evidence), cues: spans(cues), reports };
  },
  Statement: async (q, id) => {
    const r = await row<t.StatementRow>(q, 'Statement', id);
    if (!r) return null;
    const [issueIds, evidence, cues, reports] = await Promise.all([
      q.all<{ id: string }>(Q.statementIssues, [id]),
      q.all<t.EvidenceRow>(Q.evidenceOf.statementId, [id]),
      q.all<t.FactualityCueRow>(Q.cuesOf.statementId, [id]),
      readReports(q, 'statementId', id),
    ]);
    return { row: r, issueIds: ids(issueIds), evidence: spans(evidence), cues: spans(cues), reports };
  },
  Position: async (q, id) => {
    const r = await row<t.PositionRow>(q, 'Position', id);
    if (!r) return null;
    const [statementIds, conditionIds, evidence, cues, reports] = await Promise.all([
      q.all<{ id: string }>(Q.positionStatements, [id]),
      q.all<{ id: string }>(Q.positionConditions, [id]),
      q.all<t.EvidenceRow>(Q.evidenceOf.positionId, [id]),
      q.all<t.FactualityCueRow>(Q.cuesOf.positionId, [id]),
      readReports(q, 'positionId', id),
    ]);
    return { row: r, statementIds: ids(statementIds), conditionIds: ids(conditionIds), evidence: spans(evidence), cues: spans(cues), reports };
  },
  ActorRelation: (q, id) => readRelation(q, 'ActorRelation', 'actorRelationId', id),
  EventRelation: (q, id) => readRelation(q, 'EventRelation', 'eventRelationId', id),
  StatementRelation: (q, id) => readRelation(q, 'StatementRelation', 'statementRelationId', id),
};

/** A relation's document: its row and its evidence. */
async function readRelation<R>(q: Executor, type: DocType, subject: SpanSubject, id: string): Promise<{ row: R; evidence: SpanDoc[] } | null> {
  const r = await row<R>(q, type, id);
  return r ? { row: r, evidence: spans(await q.all<t.EvidenceRow>(Q.evidenceOf[subject], [id])) } : null;
}

/**
 * Writes a node's row: inserted, or updated in place when it exists (never delete-and-insert:
 * that cascades). Given the stored row, only the columns that differ from it are written (none:
 * nothing is), so the triggers of a column (the search index's) fire only when it changes.
 */
async function writeRow(q: Executor, type: DocType, row: { id: string }, stored: object | undefined): Promise<void> {
  const rows = ROWS[TABLE_OF[type]];
  const values = rows.values(row);
  if (!stored) {
    await q.run(rows.upsert!, values);
    return;
  }
  const was = rows.values(stored);
  const changed: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== was[i] && rows.columns[i] !== 'id') changed.push(i);
  if (changed.length > 0) await q.run(rows.update(changed), [...changed.map((i) => values[i]!), row.id]);
}

/**
 * Whether the part `key` of a document is written: always without the stored document, else
 * only when it differs from the stored one's. An owned part is rewritten whole (deleted, then
 * inserted), which costs every row of it and its search documents: a change to an actor's
 * code leaves its evidence, aliases and affiliations as they are.
 */
function rewrites<D extends object>(doc: D, stored: D | undefined, key: keyof D): boolean {
  return !stored || JSON.stringify(doc[key]) !== JSON.stringify(stored[key]);
}

async function insertRow(q: Executor, table: KnowledgeTable, row: object): Promise<void> {
  await q.run(ROWS[table].insert, ROWS[table].values(row));
}

async function insertSpans(q: Executor, list: SpanDoc[], subject: Partial<Record<SpanSubject, string>>): Promise<void> {
  for (const s of list) await insertRow(q, 'evidence', { ...spanOf(s), ...subject });
}

async function insertCues(q: Executor, list: SpanDoc[], subject: Partial<Record<CueSubject, string>>): Promise<void> {
  for (const s of list) await insertRow(q, 'factualityCues', { ...spanOf(s), ...subject });
}

/**
 * Makes the stored node equal to the document: its row, and its owned parts replaced. Every
 * reference in the document must exist (foreign keys refuse otherwise); callers check them
 * first to answer with a userError. `stored` is the node's document as stored now, read in the
 * same transaction (null or absent: the node is written whole); given it, only what differs
 * from it is written.
 */
export async function writeDoc<T extends DocType>(q: Executor, type: T, doc: Docs[T], stored?: Docs[T] | null): Promise<void> {
  await (WRITERS[type] as (q: Executor, doc: Docs[T], stored: Docs[T] | undefined) => Promise<void>)(q, doc, stored ?? undefined);
}

const WRITERS: { [T in DocType]: (q: Executor, doc: Docs[T], stored: Docs[T] | undefined) => Promise<void> } = {
  Source: (q, { row }, stored) => writeRow(q, 'Source', row, stored?.row),
  Actor: async (q, doc, stored) => {
    const id = doc.row.id;
    await writeRow(q, 'Actor', doc.row, stored?.row);
    if (rewrites(doc, stored, 'aliases')) {
      await q.run(D.aliases, [id]);
      for (const alias of new Set(doc.aliases)) await insertRow(q, 'actorAliases', { actorId: id, alias });
    }
    if (rewrites(doc, stored, 'affiliations')) {
      await q.run(D.affiliations, [id]);
      for (const a of doc.affiliations) {
        const affiliationId = relationId(id, 'AFFILIATED_WITH', a.organizationId);
        await insertRow(q, 'affiliations', { id: affiliationId, actorId: id, organizationId: a.organizationId, role: a.role });
        await insertSpans(q, a.evidence, { affiliationId });
      }
    }
    if (rewrites(doc, stored, 'evidence')) {
      await q.run(D.evidenceOf.actorId, [id]);
      await insertSpans(q, doc.evidence, { actorId: id });
    }
  },
  Issue: async (q, doc, stored) => {
    const id = doc.row.id;
    await writeRow(q, 'Issue', doc.row, stored?.row);
    if (rewrites(doc, stored, 'obstacles')) {
      await q.run(D.obstacles, [id]);
      for (const o of doc.obstacles) {
        await insertRow(q, 'issueObstacles', { id: o.id, issueId: id, description: o.description, certainty: o.certainty });
        for (const actorId of new Set(o.partyIds)) await insertRow(q, 'issueObstacleParties', { obstacleId: o.id, actorId });
        await insertSpans(q, o.evidence, { obstacleId: o.id });
      }
    }
    if (rewrites(doc, stored, 'evidence')) {
      await q.run(D.evidenceOf.issueId, [id]);
      await insertSpans(q, doc.evidence, { issueId: id });
    }
  },
  Event: async (q, doc, stored) => {
    const id = doc.row.id;
    await writeRow(q, 'Event', doc.row, stored?.row);
    if (rewrites(doc, stored, 'participants')) {
      await q.run(D.participants, [id]);
      for (const p of doc.participants) await insertRow(q, 'eventParticipants', { eventId: id, actorId: p.actorId, role: p.role });
    }
    if (rewrites(doc, stored, 'issueIds')) {
      await q.run(D.eventIssues, [id]);
      for (const issueId of new Set(doc.issueIds)) await insertRow(q, 'eventIssues', { eventId: id, issueId });
    }
    await writeSpans(q, doc, stored, 'eventId');
    await writeFactReports(q, doc, stored, 'eventId');
  },
  Statement: async (q, doc, stored) => {
    const id = doc.row.id;
    await writeRow(q, 'Statement', doc.row, stored?.row);
    if (rewrites(doc, stored, 'issueIds')) {
      await q.run(D.statementIssues, [id]);
      for (const issueId of new Set(doc.issueIds)) await insertRow(q, 'statementIssues', { statementId: id, issueId });
    }
    await writeSpans(q, doc, stored, 'statementId');
    await writeFactReports(q, doc, stored, 'statementId');
  },
  Position: async (q, doc, stored) => {
    const id = doc.row.id;
    await writeRow(q, 'Position', doc.row, stored?.row);
    if (rewrites(doc, stored, 'statementIds')) {
      await q.run(D.positionStatements, [id]);
      for (const statementId of new Set(doc.statementIds)) await insertRow(q, 'positionStatements', { positionId: id, statementId });
    }
    if (rewrites(doc, stored, 'conditionIds')) {
      await q.run(D.positionConditions, [id]);
      for (const issueId of new Set(doc.conditionIds)) await insertRow(q, 'positionConditions', { positionId: id, issueId });
    }
    await writeSpans(q, doc, stored, 'positionId');
    await writeFactReports(q, doc, stored, 'positionId');
  },
  ActorRelation: (q, doc, stored) => writeRelation(q, 'ActorRelation', 'actorRelationId', doc, stored),
  EventRelation: (q, doc, stored) => writeRelation(q, 'EventRelation', 'eventRelationId', doc, stored),
  StatementRelation: (q, doc, stored) => writeRelation(q, 'StatementRelation', 'statementRelationId', doc, stored),
};

/** The evidence and the factuality cues of an event, statement or position, each rewritten when it changed. */
async function writeSpans<D extends { row: { id: string }; evidence: SpanDoc[]; cues: SpanDoc[] }>(q: Executor, doc: D, stored: D | undefined, subject: CueSubject): Promise<void> {
  const id = doc.row.id;
  if (rewrites(doc, stored, 'evidence')) {
    await q.run(D.evidenceOf[subject], [id]);
    await insertSpans(q, doc.evidence, { [subject]: id });
  }
  if (rewrites(doc, stored, 'cues')) {
    await q.run(D.cuesOf[subject], [id]);
    await insertCues(q, doc.cues, { [subject]: id });
  }
}

/** The reports of an event, statement or position (`store/reports.ts`), rewritten when they changed. */
async function writeFactReports<D extends FactReading & { row: { id: string }; reports?: ReportDoc[] }>(q: Executor, doc: D, stored: D | undefined, subject: ReportSubject): Promise<void> {
  const reports = reportsOfDoc(doc);
  if (stored && JSON.stringify(reports) === JSON.stringify(reportsOfDoc(stored))) return;
  await writeReports(q, subject, doc.row.id, reports);
}

async function writeRelation<D extends { row: { id: string }; evidence: SpanDoc[] }>(q: Executor, type: DocType, subject: SpanSubject, doc: D, stored: D | undefined): Promise<void> {
  await writeRow(q, type, doc.row, stored?.row);
  if (rewrites(doc, stored, 'evidence')) {
    await q.run(D.evidenceOf[subject], [doc.row.id]);
    await insertSpans(q, doc.evidence, { [subject]: doc.row.id });
  }
}

/** Deletes the node and, by cascade, the parts it owns. Callers first check `referrersOf`. */
export async function deleteDoc(q: Executor, type: DocType, id: string): Promise<void> {
  await q.run(DELETE_BY_ID[type], [id]);
}

/**
 * What refers to a node of each type, one statement each: `?` is the node's id every time
 * (`params` says how many times). A node's own parts are not referrers: they go with it.
 */
const REFERRERS: Partial<Record<DocType, { statement: Statement; params: number }>> = {
  Actor: {
    statement: statement(`SELECT "s"."id" AS "id" FROM "statements" AS "s" WHERE "s"."speaker_id" = ? OR "s"."target_id" = ? OR "s"."holder_id" = ?
      UNION SELECT "e"."id" FROM "events" AS "e" WHERE "e"."holder_id" = ?
      UNION SELECT "p"."event_id" FROM "event_participants" AS "p" WHERE "p"."actor_id" = ?
      UNION SELECT "o"."id" FROM "positions" AS "o" WHERE "o"."actor_id" = ? OR "o"."holder_id" = ?
      UNION SELECT "a"."actor_id" FROM "affiliations" AS "a" WHERE "a"."organization_id" = ?
      UNION SELECT "r"."id" FROM "actor_relations" AS "r" WHERE "r"."subject_id" = ? OR "r"."object_id" = ?
      UNION SELECT "b"."issue_id" FROM "issue_obstacle_parties" AS "op" JOIN "issue_obstacles" AS "b" ON "b"."id" = "op"."obstacle_id" WHERE "op"."actor_id" = ?
      UNION SELECT coalesce("rp"."event_id", "rp"."statement_id", "rp"."position_id") FROM "reports" AS "rp" WHERE "rp"."holder_id" = ?`),
    params: 12,
  },
  Issue: {
    statement: statement(`SELECT "p"."id" AS "id" FROM "positions" AS "p" WHERE "p"."issue_id" = ?
      UNION SELECT "c"."position_id" FROM "position_conditions" AS "c" WHERE "c"."issue_id" = ?
      UNION SELECT "s"."statement_id" FROM "statement_issues" AS "s" WHERE "s"."issue_id" = ?
      UNION SELECT "e"."event_id" FROM "event_issues" AS "e" WHERE "e"."issue_id" = ?`),
    params: 4,
  },
  Event: {
    statement: statement(`SELECT "s"."id" AS "id" FROM "statements" AS "s" WHERE "s"."event_id" = ?
      UNION SELECT "r"."id" FROM "event_relations" AS "r" WHERE "r"."subject_id" = ? OR "r"."object_id" = ?`),
    params: 3,
  },
  Statement: {
    statement: statement(`SELECT "p"."position_id" AS "id" FROM "position_statements" AS "p" WHERE "p"."statement_id" = ?
      UNION SELECT "r"."id" FROM "statement_relations" AS "r" WHERE "r"."subject_id" = ? OR "r"."object_id" = ?`),
    params: 3,
  },
  Source: {
    statement: statement(
      `SELECT DISTINCT coalesce("e"."actor_id", "e"."event_id", "e"."statement_id", "e"."issue_id", "e"."position_id", "e"."affiliation_id", "e"."actor_relation_id", "e"."event_relation_id", "e"."statement_relation_id", "e"."obstacle_id") AS "id" FROM "evidence" AS "e" WHERE "e"."source_id" = ?
      UNION SELECT coalesce("r"."event_id", "r"."statement_id", "r"."position_id") FROM "reports" AS "r" WHERE "r"."source_id" = ? OR "r"."origin_id" = ?
      UNION SELECT "s"."id" FROM "sources" AS "s" WHERE "s"."reprint_of_id" = ?`,
    ),
    params: 4,
  },
};

/**
 * The nodes that refer to this one and would lose the reference if it went: never its own
 * parts, which go with it. Sorted, deduplicated ids (relation ids for relations).
 */
export async function referrersOf(q: Executor, type: DocType, id: string): Promise<string[]> {
  const referrers = REFERRERS[type];
  if (!referrers) return [];
  const rows = await q.all<{ id: string }>(referrers.statement, new Array(referrers.params).fill(id));
  return [...new Set(ids(rows))].filter((r) => r !== id).sort();
}

/** Which ids among `ids` name no existing node of the given type. */
export async function missingIds(q: Executor, type: DocType, wanted: readonly string[]): Promise<string[]> {
  if (wanted.length === 0) return [];
  const found = new Set(ids(await q.all<{ id: string }>(IDS_AMONG[type], [list(new Set(wanted))])));
  return [...new Set(wanted)].filter((id) => !found.has(id));
}

/** Every node of the knowledge base as (type, id), type by type, each sorted by id. */
export async function allNodeIds(q: Executor): Promise<{ type: DocType; id: string }[]> {
  const out: { type: DocType; id: string }[] = [];
  for (const type of DOC_TYPES) for (const { id } of await q.all<{ id: string }>(ALL_IDS[type], [])) out.push({ type, id });
  return out;
}
