/**
 * History: revisions and the node documents each one changed. Every successful write adds
 * exactly one revision (the seed load is revision 1, by "seed"); reading the knowledge base
 * "as of" revision N means taking, for each node, the document of its latest change at or
 * before N, unless that change deleted it.
 */
import { and, desc, eq, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as t from '../db/tables.js';
import { ChangeOp, Role } from '../shared/enums.js';
import { badUserInput } from '../shared/errors.js';
import { allNodeIds, readDoc, type AnyDoc, type DocType, type Docs } from './documents.js';

export interface ChangeRecord {
  type: DocType;
  id: string;
  op: ChangeOp;
  /** The node's version after the change (a DELETE's tombstone: the deleted version + 1). */
  version: number;
  before: AnyDoc | null;
  after: AnyDoc | null;
}

export interface RevisionMeta {
  authorName: string;
  authorRole: Role;
  keyId: number | null;
  summary: string | null;
  idempotencyKey?: string | null;
  inputHash?: string | null;
  result?: unknown;
}

export function latestRevision(db: Db): number {
  return db.select({ n: max(t.revisions.number) }).from(t.revisions).get()?.n ?? 0;
}

/** Refuses an `asOf` below 1 or beyond the latest revision: the user's mistake, named. */
export function checkAsOf(db: Db, asOf: number): void {
  const latest = latestRevision(db);
  if (asOf < 1 || asOf > latest) throw badUserInput('asOf', `must be a revision from 1 to ${latest} (got ${asOf})`);
}

/** Writes the next revision and its changes; the caller runs it in the write's transaction. */
export function recordRevision(db: Db, meta: RevisionMeta, records: readonly ChangeRecord[], at = new Date()): t.RevisionRow {
  const revision = insertRevision(db, meta, at);
  const record = changeWriter(db, revision.number);
  for (const r of records) record(r);
  return revision;
}

/**
 * A revision written change by change, for a write too large to gather first (an import): the
 * revision row goes in with the first change, so a write that changes nothing adds none. The
 * caller holds the transaction.
 */
export function streamedRevision(db: Db, meta: RevisionMeta, at = new Date()) {
  let record: ((change: ChangeRecord) => void) | null = null;
  let number: number | null = null;
  return {
    add(change: ChangeRecord): void {
      if (!record) {
        number = insertRevision(db, meta, at).number;
        record = changeWriter(db, number);
      }
      record(change);
    },
    /** The revision written, or null while nothing has changed. */
    get number(): number | null {
      return number;
    },
  };
}

function insertRevision(db: Db, meta: RevisionMeta, at: Date): t.RevisionRow {
  return db
    .insert(t.revisions)
    .values({
      number: latestRevision(db) + 1,
      at: at.toISOString(),
      authorName: meta.authorName,
      authorRole: meta.authorRole,
      keyId: meta.keyId,
      summary: meta.summary,
      idempotencyKey: meta.idempotencyKey ?? null,
      inputHash: meta.inputHash ?? null,
      result: meta.result ?? null,
    })
    .returning()
    .get();
}

/** Records changes of one revision through one prepared statement (an import records one per node). */
function changeWriter(db: Db, revision: number): (change: ChangeRecord) => void {
  const insert = db.$client.prepare('INSERT INTO changes (revision, node_id, node_type, op, version, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const json = (doc: AnyDoc | null) => (doc === null ? null : JSON.stringify(doc));
  return (r) => insert.run(revision, r.id, r.type, r.op, r.version, json(r.before), json(r.after));
}

/** Deletes every revision and change; the caller holds the transaction. */
export function clearHistory(db: Db): void {
  db.delete(t.changes).run();
  db.delete(t.revisions).run();
}

/**
 * Makes the current content revision 1, by "seed": every node recorded as created. Used by
 * the seed loader in its transaction, after the tables are filled; earlier history goes.
 */
export function recordSeedRevision(db: Db): t.RevisionRow {
  clearHistory(db);
  const records = allNodeIds(db).map(({ type, id }) => ({ type, id, op: ChangeOp.CREATE, version: 1, before: null, after: readDoc(db, type, id) }));
  return recordRevision(db, { authorName: 'seed', authorRole: Role.ADMIN, keyId: null, summary: 'Seed: the knowledge curated from the seed article' }, records);
}

/** The latest change to a node at or before a revision, or null when it had none by then. */
export function changeAt(db: Db, nodeId: string, revision: number): t.ChangeRow | null {
  return db.select().from(t.changes).where(and(eq(t.changes.nodeId, nodeId), lte(t.changes.revision, revision))).orderBy(desc(t.changes.revision), desc(t.changes.id)).limit(1).get() ?? null;
}

/**
 * The node's document at a revision: null when it did not exist yet; once deleted, its
 * tombstone (the last state, at the tombstone version).
 */
export function docAt<T extends DocType>(db: Db, type: T, nodeId: string, revision: number): Docs[T] | null {
  const change = changeAt(db, nodeId, revision);
  if (!change || change.nodeType !== type) return null;
  if (change.op === ChangeOp.DELETE) {
    const before = change.before as Docs[T];
    return 'version' in before.row ? ({ ...before, row: { ...before.row, version: change.version } } as Docs[T]) : before;
  }
  return change.after as Docs[T];
}

/** Every node document live at a revision, by type. */
export function snapshotAt(db: Db, revision: number): { [T in DocType]: Docs[T][] } {
  const rows = db.all<{ node_type: DocType; after: string }>(sql`
    SELECT c.node_type, c.after FROM ${t.changes} AS c
    JOIN (SELECT node_id, max(id) AS id FROM ${t.changes} WHERE revision <= ${revision} GROUP BY node_id) AS latest ON latest.id = c.id
    WHERE c.op <> ${ChangeOp.DELETE}`);
  const out = { Source: [], Actor: [], Issue: [], Event: [], Statement: [], Position: [], ActorRelation: [], EventRelation: [], StatementRelation: [] } as { [T in DocType]: Docs[T][] };
  for (const r of rows) (out[r.node_type] as AnyDoc[]).push(JSON.parse(r.after) as AnyDoc);
  return out;
}
