/**
 * The reads of `kb export`, defined once for both engines and streamed (`Executor.iterate`):
 * every statement orders its rows by a key, compared by bytes on both engines (SQLite's BINARY,
 * PostgreSQL's COLLATE "C" columns), so an export of the same content is the same bytes on
 * either. Node documents are read through `store/documents.ts`, like everything else.
 */
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { columns } from '../db/columns.js';
import { statement, type Executor, type Statement } from '../db/engine.js';
import * as t from '../db/tables.js';
import { KNOWLEDGE_TABLES } from '../store/rows.js';

/** A table as the CSV export writes it: the stored column names, and the read of its rows by key. */
export interface CsvTable {
  name: string;
  columns: string[];
  /** Columns stored as 0/1 on SQLite and boolean on PostgreSQL: written 1/0. */
  booleans: string[];
  /** Columns stored as JSON text on SQLite and jsonb on PostgreSQL: written as JSON with sorted keys. */
  json: string[];
  rows: Statement;
}

function csvTable(table: Table): CsvTable {
  const name = getTableName(table);
  const cols = Object.values(getTableColumns(table));
  const key = cols.filter((c) => c.primary).map((c) => c.name);
  const composite = getTableConfig(table as never).primaryKeys[0]?.columns.map((c) => c.name);
  const order = key.length > 0 ? key : (composite ?? cols.map((c) => c.name));
  return {
    name,
    columns: cols.map((c) => c.name),
    booleans: cols.filter((c) => c.columnType === 'SQLiteBoolean').map((c) => c.name),
    json: cols.filter((c) => c.columnType === 'SQLiteTextJson').map((c) => c.name),
    rows: statement(`SELECT ${cols.map((c) => `"${c.name}"`).join(', ')} FROM "${name}" ORDER BY ${order.map((c) => `"${c}"`).join(', ')}`),
  };
}

/** Every fact, link and span table (in the order they are filled), and the history's revisions. */
export const CSV_READS: readonly CsvTable[] = [...Object.values(KNOWLEDGE_TABLES), t.revisions].map(csvTable);

/** One evidence span or factuality cue, with the fact it belongs to (the JSON-LD annotations). */
export interface SpanFactRow {
  id: number;
  source_id: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  fact: string;
  fact_type: string;
  certainty: string | null;
}

const EVIDENCE_FACTS = statement(`
  SELECT e.id, e.source_id, e.start, e."end", e.exact, e.prefix, e.suffix,
    coalesce(e.actor_id, e.event_id, e.statement_id, e.issue_id, e.position_id, e.affiliation_id, e.actor_relation_id, e.event_relation_id, e.statement_relation_id, e.obstacle_id) AS fact,
    CASE WHEN e.actor_id IS NOT NULL THEN 'Actor' WHEN e.event_id IS NOT NULL THEN 'Event' WHEN e.statement_id IS NOT NULL THEN 'Statement'
         WHEN e.issue_id IS NOT NULL THEN 'Issue' WHEN e.position_id IS NOT NULL THEN 'Position' WHEN e.affiliation_id IS NOT NULL THEN 'Affiliation'
         WHEN e.actor_relation_id IS NOT NULL THEN 'ActorRelation' WHEN e.event_relation_id IS NOT NULL THEN 'EventRelation'
         WHEN e.statement_relation_id IS NOT NULL THEN 'StatementRelation' ELSE 'Obstacle' END AS fact_type,
    NULL AS certainty
  FROM evidence AS e ORDER BY e.source_id, e.start, e.id`);

const CUE_FACTS = statement(`
  SELECT c.id, c.source_id, c.start, c."end", c.exact, c.prefix, c.suffix,
    coalesce(c.event_id, c.statement_id, c.position_id) AS fact,
    CASE WHEN c.event_id IS NOT NULL THEN 'Event' WHEN c.statement_id IS NOT NULL THEN 'Statement' ELSE 'Position' END AS fact_type,
    coalesce((SELECT certainty FROM events WHERE id = c.event_id), (SELECT certainty FROM statements WHERE id = c.statement_id), (SELECT certainty FROM positions WHERE id = c.position_id)) AS certainty
  FROM factuality_cues AS c ORDER BY c.source_id, c.start, c.id`);

export const evidenceFacts = (q: Executor) => q.iterate<SpanFactRow>(EVIDENCE_FACTS);
export const cueFacts = (q: Executor) => q.iterate<SpanFactRow>(CUE_FACTS);

/** An event as the PLOVER export reads it, with its place. */
export interface PloverEventRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  certainty: string;
  start_precision: string;
  start_year: number | null;
  start_month: number | null;
  start_day: number | null;
  place: string | null;
  country: string | null;
  /** How many sources report the event, and how many independently (a reprint counts as what it reprints). */
  sources: number;
  independent_sources: number;
}

export interface ParticipantRow {
  actor_id: string;
  name: string;
  country_code: string | null;
  role: string;
}

const Q = {
  ploverEvents: statement(`
    SELECT e.id, e.title, e.kind, e.status, e.certainty, e.start_precision, e.start_year, e.start_month, e.start_day, pl.name AS place, pl.country_code AS country,
      (SELECT count(*) FROM reports AS r WHERE r.event_id = e.id) AS sources, (SELECT count(DISTINCT r.origin_id) FROM reports AS r WHERE r.event_id = e.id) AS independent_sources
    FROM events AS e LEFT JOIN places AS pl ON pl.id = e.location_id ORDER BY e.id`),
  participants: statement(
    `SELECT p.actor_id, a.name, a.country_code, p.role FROM event_participants AS p JOIN actors AS a ON a.id = p.actor_id WHERE p.event_id = ? ORDER BY p.actor_id, p.role`,
  ),
  firstSpan: statement(`SELECT source_id, start FROM evidence WHERE event_id = ? ORDER BY source_id, start, id LIMIT 1`),
  sourceText: statement(`SELECT text FROM sources WHERE id = ?`),
  places: statement(`SELECT ${columns(t.places, 'p')} FROM "places" AS "p" ORDER BY "p"."id"`),
  actorRelationIds: statement(`SELECT "r"."id" AS "id" FROM "actor_relations" AS "r" WHERE "r"."subject_id" = ? ORDER BY "r"."id"`),
  eventRelationIds: statement(`SELECT "r"."id" AS "id" FROM "event_relations" AS "r" WHERE "r"."subject_id" = ? ORDER BY "r"."id"`),
  statementRelationIds: statement(`SELECT "r"."id" AS "id" FROM "statement_relations" AS "r" WHERE "r"."subject_id" = ? ORDER BY "r"."id"`),
};

/** The ids of one kind of node, sorted, streamed. */
const NODE_IDS = {
  Source: statement(`SELECT "r"."id" AS "id" FROM "sources" AS "r" ORDER BY "r"."id"`),
  Actor: statement(`SELECT "r"."id" AS "id" FROM "actors" AS "r" ORDER BY "r"."id"`),
  Issue: statement(`SELECT "r"."id" AS "id" FROM "issues" AS "r" ORDER BY "r"."id"`),
  Event: statement(`SELECT "r"."id" AS "id" FROM "events" AS "r" ORDER BY "r"."id"`),
  Statement: statement(`SELECT "r"."id" AS "id" FROM "statements" AS "r" ORDER BY "r"."id"`),
  Position: statement(`SELECT "r"."id" AS "id" FROM "positions" AS "r" ORDER BY "r"."id"`),
} as const;

export type ExportedNode = keyof typeof NODE_IDS;

export async function* nodeIds(q: Executor, type: ExportedNode): AsyncGenerator<string> {
  for await (const { id } of q.iterate<{ id: string }>(NODE_IDS[type])) yield id;
}

export const ploverEvents = (q: Executor) => q.iterate<PloverEventRow>(Q.ploverEvents);
export const participantsOf = (q: Executor, eventId: string) => q.all<ParticipantRow>(Q.participants, [eventId]);
export const firstSpanOf = (q: Executor, eventId: string) => q.get<{ source_id: string; start: number }>(Q.firstSpan, [eventId]);
export const sourceText = async (q: Executor, id: string) => (await q.get<{ text: string }>(Q.sourceText, [id]))?.text ?? null;
export const allPlaces = (q: Executor) => q.iterate<t.PlaceRow>(Q.places);

const RELATION_IDS = { ActorRelation: Q.actorRelationIds, EventRelation: Q.eventRelationIds, StatementRelation: Q.statementRelationIds } as const;

/** The ids of a subject's relations of one kind, sorted. */
export async function relationIdsOf(q: Executor, type: keyof typeof RELATION_IDS, subjectId: string): Promise<string[]> {
  return (await q.all<{ id: string }>(RELATION_IDS[type], [subjectId])).map((r) => r.id);
}
