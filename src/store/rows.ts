/**
 * The row writes of the knowledge tables: one INSERT per table and, for a table keyed by `id`,
 * one upsert, derived once at module load from the drizzle table (its columns, their order,
 * their defaults), so the node documents and the bulk import write a table's rows through the
 * same statement and a column added to a table is written without another line here.
 *
 * - An autoincrement key (evidence and cue ids) is left to the database: SQLite numbers a NULL
 *   key, PostgreSQL refuses one.
 * - The upsert is `INSERT … ON CONFLICT ("id") DO UPDATE SET …`: it updates a stored row in
 *   place and never deletes it, which would cascade to the rows that refer to it.
 * - `update` sets only the columns a change touches (`UPDATE … SET "a" = ?, … WHERE "id" = ?`),
 *   one statement per set of columns, made when first needed: a trigger `AFTER UPDATE OF` a
 *   column (the search index's) fires only when that column is written, and SQLite rewrites
 *   only what changed.
 * - A value left out of the row takes the column's default; a JSON column is written as text.
 */
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { statement, type Param, type Statement } from '../db/engine.js';
import * as t from '../db/tables.js';

export interface RowWrite {
  readonly table: string;
  /** The columns written, in the order of `values` (an autoincrement key left out). */
  readonly columns: readonly string[];
  readonly insert: Statement;
  /** Null for a table without an `id` key (link tables). */
  readonly upsert: Statement | null;
  /** The row's parameters in the statements' column order. */
  values(row: object): Param[];
  /**
   * For a table keyed by `id`: the UPDATE of the columns at these positions of `columns` (the
   * id excluded), whose parameters are those columns' values in that order, then the id.
   */
  update(positions: readonly number[]): Statement;
}

export function rowWrite(table: Table): RowWrite {
  const name = getTableName(table);
  const written = Object.entries(getTableColumns(table)).filter(([, c]) => !(c.primary && (c as { autoIncrement?: boolean }).autoIncrement));
  const fields = written.map(([field, c]) => ({
    field,
    fallback: (c.hasDefault ? (c.default ?? null) : null) as Param,
    json: c.columnType === 'SQLiteTextJson',
  }));
  const names = written.map(([, c]) => `"${c.name}"`);
  const insertText = `INSERT INTO "${name}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  const keyed = written.some(([, c]) => c.name === 'id' && c.primary);
  const updates = names.filter((n) => n !== '"id"').map((n) => `${n} = excluded.${n}`);
  const byColumns = new Map<string, Statement>();
  return {
    table: name,
    columns: written.map(([, c]) => c.name),
    insert: statement(insertText),
    upsert: keyed ? statement(`${insertText} ON CONFLICT ("id") DO UPDATE SET ${updates.join(', ')}`) : null,
    values(row) {
      const r = row as Record<string, unknown>;
      const out: Param[] = new Array(fields.length);
      for (let i = 0; i < fields.length; i++) {
        const { field, fallback, json } = fields[i]!;
        const value = r[field];
        out[i] = value === undefined ? fallback : value === null ? null : json ? JSON.stringify(value) : (value as Param);
      }
      return out;
    },
    update(positions) {
      if (!keyed) throw new Error(`${name} has no id key to update by`);
      const key = positions.join(',');
      let made = byColumns.get(key);
      if (!made) byColumns.set(key, (made = statement(`UPDATE "${name}" SET ${positions.map((i) => `${names[i]} = ?`).join(', ')} WHERE "id" = ?`)));
      return made;
    },
  };
}

/** The knowledge tables in the order they are filled (what is referred to first); emptied in reverse. */
export const KNOWLEDGE_TABLES = {
  sources: t.sources,
  places: t.places,
  actors: t.actors,
  actorAliases: t.actorAliases,
  affiliations: t.affiliations,
  actorRelations: t.actorRelations,
  issues: t.issues,
  issueObstacles: t.issueObstacles,
  issueObstacleParties: t.issueObstacleParties,
  events: t.events,
  eventParticipants: t.eventParticipants,
  eventRelations: t.eventRelations,
  eventIssues: t.eventIssues,
  statements: t.statements,
  statementRelations: t.statementRelations,
  statementIssues: t.statementIssues,
  positions: t.positions,
  positionStatements: t.positionStatements,
  positionConditions: t.positionConditions,
  evidence: t.evidence,
  factualityCues: t.factualityCues,
  reports: t.reports,
  reportSpans: t.reportSpans,
} as const;

export type KnowledgeTable = keyof typeof KNOWLEDGE_TABLES;

export const ROWS = Object.fromEntries(Object.entries(KNOWLEDGE_TABLES).map(([key, table]) => [key, rowWrite(table)])) as Record<KnowledgeTable, RowWrite>;
