/**
 * Node documents: an editable node's row together with the parts it owns (aliases,
 * affiliations, evidence, factuality cues, its links to issues and statements). A document
 * is what a change records before and after, what `asOf` reads back and what `restore`
 * writes again, so every write path goes through `readDoc` / `writeDoc` / `deleteDoc` here
 * and nowhere else touches a node's parts.
 *
 * Documents are plain JSON. Writing one replaces the node's owned parts wholesale and updates
 * its row in place (a row is never deleted to be rewritten: that would cascade to the nodes
 * that refer to it). The search index follows through the triggers of migration 0001.
 */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import * as t from '../db/tables.js';
import { relationId } from '../shared/relation-ids.js';

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
}
export interface StatementDoc { row: t.StatementRow; issueIds: string[]; evidence: SpanDoc[]; cues: SpanDoc[] }
export interface PositionDoc { row: t.PositionRow; statementIds: string[]; conditionIds: string[]; evidence: SpanDoc[]; cues: SpanDoc[] }
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

function spans(db: Db, column: SQLiteColumn, id: string): SpanDoc[] {
  return db.select().from(t.evidence).where(eq(column, id)).orderBy(t.evidence.sourceId, t.evidence.start, t.evidence.id).all().map(spanOf);
}

function cues(db: Db, column: SQLiteColumn, id: string): SpanDoc[] {
  return db.select().from(t.factualityCues).where(eq(column, id)).orderBy(t.factualityCues.sourceId, t.factualityCues.start, t.factualityCues.id).all().map(spanOf);
}

/** The node's document as it is now, or null when there is no such node. */
export function readDoc<T extends DocType>(db: Db, type: T, id: string): Docs[T] | null {
  return (READERS[type] as (db: Db, id: string) => Docs[T] | null)(db, id);
}

const READERS: { [T in DocType]: (db: Db, id: string) => Docs[T] | null } = {
  Source: (db, id) => {
    const row = db.select().from(t.sources).where(eq(t.sources.id, id)).get();
    return row ? { row } : null;
  },
  Actor: (db, id) => {
    const row = db.select().from(t.actors).where(eq(t.actors.id, id)).get();
    if (!row) return null;
    return {
      row,
      aliases: db.select().from(t.actorAliases).where(eq(t.actorAliases.actorId, id)).orderBy(t.actorAliases.alias).all().map((a) => a.alias),
      affiliations: db
        .select()
        .from(t.affiliations)
        .where(eq(t.affiliations.actorId, id))
        .orderBy(t.affiliations.id)
        .all()
        .map((a) => ({ organizationId: a.organizationId, role: a.role, evidence: spans(db, t.evidence.affiliationId, a.id) })),
      evidence: spans(db, t.evidence.actorId, id),
    };
  },
  Issue: (db, id) => {
    const row = db.select().from(t.issues).where(eq(t.issues.id, id)).get();
    if (!row) return null;
    return {
      row,
      obstacles: db
        .select()
        .from(t.issueObstacles)
        .where(eq(t.issueObstacles.issueId, id))
        .orderBy(t.issueObstacles.id)
        .all()
        .map((o) => ({
          id: o.id,
          description: o.description,
          certainty: o.certainty,
          partyIds: db.select().from(t.issueObstacleParties).where(eq(t.issueObstacleParties.obstacleId, o.id)).orderBy(t.issueObstacleParties.actorId).all().map((p) => p.actorId),
          evidence: spans(db, t.evidence.obstacleId, o.id),
        })),
      evidence: spans(db, t.evidence.issueId, id),
    };
  },
  Event: (db, id) => {
    const row = db.select().from(t.events).where(eq(t.events.id, id)).get();
    if (!row) return null;
    return {
      row,
      participants: db.select().from(t.eventParticipants).where(eq(t.eventParticipants.eventId, id)).orderBy(t.eventParticipants.actorId, t.eventParticipants.role).all().map((p) => ({ actorId: p.actorId, role: p.role })),
      issueIds: db.select().from(t.eventIssues).where(eq(t.eventIssues.eventId, id)).orderBy(t.eventIssues.issueId).all().map((l) => l.issueId),
      evidence: spans(db, t.evidence.eventId, id),
      cues: cues(db, t.factualityCues.eventId, id),
    };
  },
  Statement: (db, id) => {
    const row = db.select().from(t.statements).where(eq(t.statements.id, id)).get();
    if (!row) return null;
    return {
      row,
      issueIds: db.select().from(t.statementIssues).where(eq(t.statementIssues.statementId, id)).orderBy(t.statementIssues.issueId).all().map((l) => l.issueId),
      evidence: spans(db, t.evidence.statementId, id),
      cues: cues(db, t.factualityCues.statementId, id),
    };
  },
  Position: (db, id) => {
    const row = db.select().from(t.positions).where(eq(t.positions.id, id)).get();
    if (!row) return null;
    return {
      row,
      statementIds: db.select().from(t.positionStatements).where(eq(t.positionStatements.positionId, id)).orderBy(t.positionStatements.statementId).all().map((l) => l.statementId),
      conditionIds: db.select().from(t.positionConditions).where(eq(t.positionConditions.positionId, id)).orderBy(t.positionConditions.issueId).all().map((l) => l.issueId),
      evidence: spans(db, t.evidence.positionId, id),
      cues: cues(db, t.factualityCues.positionId, id),
    };
  },
  ActorRelation: (db, id) => readRelation(db, t.actorRelations, t.evidence.actorRelationId, id),
  EventRelation: (db, id) => readRelation(db, t.eventRelations, t.evidence.eventRelationId, id),
  StatementRelation: (db, id) => readRelation(db, t.statementRelations, t.evidence.statementRelationId, id),
};

/** A relation's document: its row and its evidence. */
function readRelation<R>(db: Db, table: SQLiteTable & { id: SQLiteColumn }, evidenceColumn: SQLiteColumn, id: string): { row: R; evidence: SpanDoc[] } | null {
  const row = db.select().from(table).where(eq(table.id, id)).get() as R | undefined;
  return row ? { row, evidence: spans(db, evidenceColumn, id) } : null;
}

function writeRelation(db: Db, table: SQLiteTable & { id: SQLiteColumn }, subject: 'actorRelationId' | 'eventRelationId' | 'statementRelationId', doc: { row: { id: string }; evidence: SpanDoc[] }) {
  upsertRow(db, table, doc.row);
  db.delete(t.evidence).where(eq(t.evidence[subject], doc.row.id)).run();
  insertSpans(db, doc.evidence, { [subject]: doc.row.id });
}

type Subject = Partial<Record<'actorId' | 'eventId' | 'statementId' | 'issueId' | 'positionId' | 'affiliationId' | 'actorRelationId' | 'eventRelationId' | 'statementRelationId' | 'obstacleId', string>>;

function insertSpans(db: Db, list: SpanDoc[], subject: Subject) {
  if (list.length > 0) db.insert(t.evidence).values(list.map((s) => ({ ...spanOf(s), ...subject }))).run();
}

function insertCues(db: Db, list: SpanDoc[], subject: Pick<Subject, 'eventId' | 'statementId' | 'positionId'>) {
  if (list.length > 0) db.insert(t.factualityCues).values(list.map((s) => ({ ...spanOf(s), ...subject }))).run();
}

/** Inserts the row, or updates it in place when it exists (never delete-and-insert: that cascades). */
function upsertRow(db: Db, table: SQLiteTable & { id: SQLiteColumn }, row: { id: string }) {
  const { id, ...rest } = row;
  const updated = db.update(table).set(rest as never).where(eq(table.id, id)).run();
  if (updated.changes === 0) db.insert(table).values(row as never).run();
}

/**
 * Makes the stored node equal to the document: its row, and its owned parts replaced. Every
 * reference in the document must exist (foreign keys refuse otherwise); callers check them
 * first to answer with a userError.
 */
export function writeDoc<T extends DocType>(db: Db, type: T, doc: Docs[T]): void {
  (WRITERS[type] as (db: Db, doc: Docs[T]) => void)(db, doc);
}

const WRITERS: { [T in DocType]: (db: Db, doc: Docs[T]) => void } = {
  Source: (db, { row }) => upsertRow(db, t.sources, row),
  Actor: (db, doc) => {
    const id = doc.row.id;
    upsertRow(db, t.actors, doc.row);
    db.delete(t.actorAliases).where(eq(t.actorAliases.actorId, id)).run();
    db.delete(t.affiliations).where(eq(t.affiliations.actorId, id)).run();
    db.delete(t.evidence).where(eq(t.evidence.actorId, id)).run();
    for (const alias of new Set(doc.aliases)) db.insert(t.actorAliases).values({ actorId: id, alias }).run();
    for (const a of doc.affiliations) {
      const affiliationId = relationId(id, 'AFFILIATED_WITH', a.organizationId);
      db.insert(t.affiliations).values({ id: affiliationId, actorId: id, organizationId: a.organizationId, role: a.role }).run();
      insertSpans(db, a.evidence, { affiliationId });
    }
    insertSpans(db, doc.evidence, { actorId: id });
  },
  Issue: (db, doc) => {
    const id = doc.row.id;
    upsertRow(db, t.issues, doc.row);
    db.delete(t.issueObstacles).where(eq(t.issueObstacles.issueId, id)).run();
    db.delete(t.evidence).where(eq(t.evidence.issueId, id)).run();
    for (const o of doc.obstacles) {
      db.insert(t.issueObstacles).values({ id: o.id, issueId: id, description: o.description, certainty: o.certainty }).run();
      for (const actorId of new Set(o.partyIds)) db.insert(t.issueObstacleParties).values({ obstacleId: o.id, actorId }).run();
      insertSpans(db, o.evidence, { obstacleId: o.id });
    }
    insertSpans(db, doc.evidence, { issueId: id });
  },
  Event: (db, doc) => {
    const id = doc.row.id;
    upsertRow(db, t.events, doc.row);
    db.delete(t.eventParticipants).where(eq(t.eventParticipants.eventId, id)).run();
    db.delete(t.eventIssues).where(eq(t.eventIssues.eventId, id)).run();
    db.delete(t.evidence).where(eq(t.evidence.eventId, id)).run();
    db.delete(t.factualityCues).where(eq(t.factualityCues.eventId, id)).run();
    for (const p of doc.participants) db.insert(t.eventParticipants).values({ eventId: id, actorId: p.actorId, role: p.role }).run();
    for (const issueId of new Set(doc.issueIds)) db.insert(t.eventIssues).values({ eventId: id, issueId }).run();
    insertSpans(db, doc.evidence, { eventId: id });
    insertCues(db, doc.cues, { eventId: id });
  },
  Statement: (db, doc) => {
    const id = doc.row.id;
    upsertRow(db, t.statements, doc.row);
    db.delete(t.statementIssues).where(eq(t.statementIssues.statementId, id)).run();
    db.delete(t.evidence).where(eq(t.evidence.statementId, id)).run();
    db.delete(t.factualityCues).where(eq(t.factualityCues.statementId, id)).run();
    for (const issueId of new Set(doc.issueIds)) db.insert(t.statementIssues).values({ statementId: id, issueId }).run();
    insertSpans(db, doc.evidence, { statementId: id });
    insertCues(db, doc.cues, { statementId: id });
  },
  Position: (db, doc) => {
    const id = doc.row.id;
    upsertRow(db, t.positions, doc.row);
    db.delete(t.positionStatements).where(eq(t.positionStatements.positionId, id)).run();
    db.delete(t.positionConditions).where(eq(t.positionConditions.positionId, id)).run();
    db.delete(t.evidence).where(eq(t.evidence.positionId, id)).run();
    db.delete(t.factualityCues).where(eq(t.factualityCues.positionId, id)).run();
    for (const statementId of new Set(doc.statementIds)) db.insert(t.positionStatements).values({ positionId: id, statementId }).run();
    for (const issueId of new Set(doc.conditionIds)) db.insert(t.positionConditions).values({ positionId: id, issueId }).run();
    insertSpans(db, doc.evidence, { positionId: id });
    insertCues(db, doc.cues, { positionId: id });
  },
  ActorRelation: (db, doc) => writeRelation(db, t.actorRelations, 'actorRelationId', doc),
  EventRelation: (db, doc) => writeRelation(db, t.eventRelations, 'eventRelationId', doc),
  StatementRelation: (db, doc) => writeRelation(db, t.statementRelations, 'statementRelationId', doc),
};

const TABLES: Record<DocType, SQLiteTable & { id: SQLiteColumn }> = {
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

/** Deletes the node and, by cascade, the parts it owns. Callers first check `referrersOf`. */
export function deleteDoc(db: Db, type: DocType, id: string): void {
  db.delete(TABLES[type]).where(eq(TABLES[type].id, id)).run();
}

/**
 * The nodes that refer to this one and would lose the reference if it went: never its own
 * parts, which go with it. Sorted, deduplicated ids (relation ids for relations).
 */
export function referrersOf(db: Db, type: DocType, id: string): string[] {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const found: string[] = [];
  switch (type) {
    case 'Actor':
      found.push(
        ...ids(db.select({ id: t.statements.id }).from(t.statements).where(or(eq(t.statements.speakerId, id), eq(t.statements.targetId, id), eq(t.statements.holderId, id))).all()),
        ...ids(db.select({ id: t.events.id }).from(t.events).where(eq(t.events.holderId, id)).all()),
        ...ids(db.selectDistinct({ id: t.eventParticipants.eventId }).from(t.eventParticipants).where(eq(t.eventParticipants.actorId, id)).all()),
        ...ids(db.select({ id: t.positions.id }).from(t.positions).where(or(eq(t.positions.actorId, id), eq(t.positions.holderId, id))).all()),
        ...ids(db.select({ id: t.affiliations.actorId }).from(t.affiliations).where(eq(t.affiliations.organizationId, id)).all()),
        ...ids(db.select({ id: t.actorRelations.id }).from(t.actorRelations).where(or(eq(t.actorRelations.subjectId, id), eq(t.actorRelations.objectId, id))).all()),
        ...ids(
          db
            .selectDistinct({ id: t.issueObstacles.issueId })
            .from(t.issueObstacleParties)
            .innerJoin(t.issueObstacles, eq(t.issueObstacles.id, t.issueObstacleParties.obstacleId))
            .where(eq(t.issueObstacleParties.actorId, id))
            .all(),
        ),
      );
      break;
    case 'Issue':
      found.push(
        ...ids(db.select({ id: t.positions.id }).from(t.positions).where(eq(t.positions.issueId, id)).all()),
        ...ids(db.select({ id: t.positionConditions.positionId }).from(t.positionConditions).where(eq(t.positionConditions.issueId, id)).all()),
        ...ids(db.select({ id: t.statementIssues.statementId }).from(t.statementIssues).where(eq(t.statementIssues.issueId, id)).all()),
        ...ids(db.select({ id: t.eventIssues.eventId }).from(t.eventIssues).where(eq(t.eventIssues.issueId, id)).all()),
      );
      break;
    case 'Event':
      found.push(
        ...ids(db.select({ id: t.statements.id }).from(t.statements).where(eq(t.statements.eventId, id)).all()),
        ...ids(db.select({ id: t.eventRelations.id }).from(t.eventRelations).where(or(eq(t.eventRelations.subjectId, id), eq(t.eventRelations.objectId, id))).all()),
      );
      break;
    case 'Statement':
      found.push(
        ...ids(db.select({ id: t.positionStatements.positionId }).from(t.positionStatements).where(eq(t.positionStatements.statementId, id)).all()),
        ...ids(db.select({ id: t.statementRelations.id }).from(t.statementRelations).where(or(eq(t.statementRelations.subjectId, id), eq(t.statementRelations.objectId, id))).all()),
      );
      break;
    case 'Source':
      found.push(...ids(db.all<{ id: string }>(sql`SELECT DISTINCT coalesce(actor_id, event_id, statement_id, issue_id, position_id, affiliation_id, actor_relation_id, event_relation_id, statement_relation_id, obstacle_id) AS id FROM evidence WHERE source_id = ${id}`)));
      break;
    case 'Position':
    case 'ActorRelation':
    case 'EventRelation':
    case 'StatementRelation':
      break;
  }
  return [...new Set(found)].filter((r) => r !== id).sort();
}

/** Which ids among `ids` name no existing node of the given type. */
export function missingIds(db: Db, type: DocType, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const table = TABLES[type];
  const found = new Set(db.select({ id: table.id }).from(table).where(inArray(table.id, [...ids])).all().map((r) => String(r.id)));
  return [...new Set(ids)].filter((id) => !found.has(id));
}

/** Every node of the knowledge base as (type, id), for recording the seed as revision 1. */
export function allNodeIds(db: Db): { type: DocType; id: string }[] {
  return (Object.keys(TABLES) as DocType[]).flatMap((type) =>
    db.select({ id: TABLES[type].id }).from(TABLES[type]).orderBy(TABLES[type].id).all().map((r) => ({ type, id: String(r.id) })),
  );
}

