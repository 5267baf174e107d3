/**
 * History: revisions and the node documents each one changed. Every successful write adds
 * exactly one revision (the seed load is revision 1, by "seed"); reading the knowledge base
 * "as of" revision N means taking, for each node, the document of its latest change at or
 * before N, unless that change deleted it.
 *
 * Revision numbers come from `revision_counter` (one row), incremented in the write's own
 * transaction: a rolled-back write gives its number back, and on PostgreSQL the row lock holds
 * every other writer until the commit, so numbers follow commit order without gaps on both
 * engines. An idempotency key is claimed by the revision's insert (`ON CONFLICT DO NOTHING`
 * on the unique (key_id, idempotency_key)): an insert that claims nothing returns no row.
 */
import { columns, decodeOf } from '../db/columns.js';
import { list, statement, type Executor, type Param } from '../db/engine.js';
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

const Q = {
  latest: statement(`SELECT coalesce(max("r"."number"), 0) AS "n" FROM "revisions" AS "r"`),
  next: statement(`UPDATE "revision_counter" SET "last" = "last" + 1 WHERE "id" = 1 RETURNING "last"`),
  resetCounter: statement(`UPDATE "revision_counter" SET "last" = 0 WHERE "id" = 1`),
  insertRevision: statement(
    `INSERT INTO "revisions" ("number", "at", "author_name", "author_role", "key_id", "summary", "idempotency_key", "input_hash", "result") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("key_id", "idempotency_key") DO NOTHING RETURNING ${columns(t.revisions)}`,
    { decode: decodeOf(t.revisions) },
  ),
  byKey: statement(`SELECT ${columns(t.revisions, 'r')} FROM "revisions" AS "r" WHERE "r"."key_id" = ? AND "r"."idempotency_key" = ?`, { decode: decodeOf(t.revisions) }),
  insertChange: statement(`INSERT INTO "changes" ("revision", "node_id", "node_type", "op", "version", "before", "after") VALUES (?, ?, ?, ?, ?, ?, ?)`),
  deleteChanges: statement(`DELETE FROM "changes"`),
  deleteRevisions: statement(`DELETE FROM "revisions"`),
  deleteMerged: statement(`DELETE FROM "merged_nodes"`),
  latestChanges: statement(
    `SELECT ${columns(t.changes, 'c')} FROM "changes" AS "c"
     JOIN (SELECT "node_id", max("id") AS "id" FROM "changes" WHERE "node_id" IN ?list AND "revision" <= ? GROUP BY "node_id") AS "latest" ON "latest"."id" = "c"."id"`,
    { decode: decodeOf(t.changes) },
  ),
  changeAt: statement(
    `SELECT ${columns(t.changes, 'c')} FROM "changes" AS "c" WHERE "c"."node_id" = ? AND "c"."revision" <= ? ORDER BY "c"."revision" DESC, "c"."id" DESC LIMIT 1`,
    { decode: decodeOf(t.changes) },
  ),
  snapshot: statement(
    `SELECT "c"."node_type" AS "nodeType", "c"."after" AS "after" FROM "changes" AS "c"
     JOIN (SELECT "node_id", max("id") AS "id" FROM "changes" WHERE "revision" <= ? GROUP BY "node_id") AS "latest" ON "latest"."id" = "c"."id"
     WHERE "c"."op" <> 'DELETE'`,
    { decode: { json: ['after'] } },
  ),
};

export async function latestRevision(q: Executor): Promise<number> {
  return (await q.get<{ n: number }>(Q.latest))?.n ?? 0;
}

/** Refuses an `asOf` below 1 or beyond the latest revision: the user's mistake, named. */
export async function checkAsOf(q: Executor, asOf: number): Promise<void> {
  asOfInRange(asOf, await latestRevision(q));
}

function asOfInRange(asOf: number, latest: number): void {
  if (asOf < 1 || asOf > latest) throw badUserInput('asOf', `must be a revision from 1 to ${latest} (got ${asOf})`);
}

/**
 * Takes the next revision number. The first write of a write transaction: on PostgreSQL it
 * locks the counter until the commit, so the writes after it see every earlier revision.
 */
export async function nextRevision(q: Executor): Promise<number> {
  const row = await q.get<{ last: number }>(Q.next);
  if (!row) throw new Error('revision_counter has no row: the database was not migrated (migration 0011)');
  return row.last;
}

/**
 * Writes revision `number` (from `nextRevision`, same transaction). Null when its idempotency
 * key is claimed already, by this API key's earlier revision: the caller rolls back and
 * answers with that one.
 */
export async function insertRevision(q: Executor, number: number, meta: RevisionMeta, at = new Date()): Promise<t.RevisionRow | null> {
  const row = await q.get<t.RevisionRow>(Q.insertRevision, [
    number,
    at.toISOString(),
    meta.authorName,
    meta.authorRole,
    meta.keyId,
    meta.summary,
    meta.idempotencyKey ?? null,
    meta.inputHash ?? null,
    meta.result === undefined || meta.result === null ? null : JSON.stringify(meta.result),
  ]);
  return row ?? null;
}

/** The revision this API key wrote with this idempotency key, if any. */
export async function revisionByKey(q: Executor, keyId: number, idempotencyKey: string): Promise<t.RevisionRow | null> {
  return (await q.get<t.RevisionRow>(Q.byKey, [keyId, idempotencyKey])) ?? null;
}

const json = (doc: AnyDoc | null) => (doc === null ? null : JSON.stringify(doc));

/** The columns of a change as `changeValues` gives them (a bulk loader writes them so). */
export const CHANGE_COLUMNS = ['revision', 'node_id', 'node_type', 'op', 'version', 'before', 'after'] as const;

/** One change of revision `number` as the values of its row, in `CHANGE_COLUMNS` order. */
export function changeValues(number: number, r: ChangeRecord): Param[] {
  return [number, r.id, r.type, r.op, r.version, json(r.before), json(r.after)];
}

/** Records one change of revision `number`. */
export async function recordChange(q: Executor, number: number, r: ChangeRecord): Promise<void> {
  await q.run(Q.insertChange, changeValues(number, r));
}

/** Writes the next revision and its changes; the caller runs it in the write's transaction. */
export async function recordRevision(q: Executor, meta: RevisionMeta, records: readonly ChangeRecord[], at = new Date()): Promise<t.RevisionRow> {
  const revision = await insertRevision(q, await nextRevision(q), meta, at);
  if (!revision) throw new Error(`recordRevision: the idempotency key "${meta.idempotencyKey}" is claimed already`);
  for (const r of records) await recordChange(q, revision.number, r);
  return revision;
}

/**
 * A revision written change by change, for a write too large to gather first (an import): the
 * revision row goes in with the first change, so a write that changes nothing adds none. The
 * caller holds the transaction. `record` writes each change (by default its INSERT; a bulk
 * loader may take the rows instead, from `changeValues`).
 */
export function streamedRevision(q: Executor, meta: RevisionMeta, at = new Date(), record: (number: number, change: ChangeRecord) => Promise<void> = (n, c) => recordChange(q, n, c)) {
  let number: number | null = null;
  return {
    async add(change: ChangeRecord): Promise<void> {
      if (number === null) {
        const revision = await insertRevision(q, await nextRevision(q), meta, at);
        if (!revision) throw new Error(`streamedRevision: the idempotency key "${meta.idempotencyKey}" is claimed already`);
        number = revision.number;
      }
      await record(number, change);
    },
    /** The revision written, or null while nothing has changed. */
    get number(): number | null {
      return number;
    },
  };
}

/** Deletes every revision and change (and the merges they recorded) and restarts the numbering; the caller holds the transaction. */
export async function clearHistory(q: Executor): Promise<void> {
  await q.run(Q.deleteChanges);
  await q.run(Q.deleteMerged);
  await q.run(Q.deleteRevisions);
  await q.run(Q.resetCounter);
}

/**
 * Makes the current content revision 1, by "seed": every node recorded as created, with its
 * document as stored. Runs in the caller's transaction, after the tables are filled; earlier
 * history goes.
 */
export async function recordSeedRevision(q: Executor): Promise<t.RevisionRow> {
  await clearHistory(q);
  const records: ChangeRecord[] = [];
  for (const { type, id } of await allNodeIds(q)) records.push({ type, id, op: ChangeOp.CREATE, version: 1, before: null, after: await readDoc(q, type, id) });
  return recordRevision(q, { authorName: 'seed', authorRole: Role.ADMIN, keyId: null, summary: 'Seed: the knowledge curated from the seed article' }, records);
}

/** The latest change to a node at or before a revision, or null when it had none by then. */
export async function changeAt(q: Executor, nodeId: string, revision: number): Promise<t.ChangeRow | null> {
  return (await q.get<t.ChangeRow>(Q.changeAt, [nodeId, revision])) ?? null;
}

/**
 * The node's document at a revision: null when it did not exist yet; once deleted, its
 * tombstone (the last state, at the tombstone version).
 */
export async function docAt<T extends DocType>(q: Executor, type: T, nodeId: string, revision: number): Promise<Docs[T] | null> {
  return docOf(await changeAt(q, nodeId, revision), type);
}

/**
 * `docAt` for many nodes in one statement (`nodes(ids, asOf)`): each node's latest change at
 * or before the revision, as its type and document (a tombstone once deleted); absent when it
 * had none by then.
 */
export async function docsAt(q: Executor, nodeIds: readonly string[], revision: number): Promise<Map<string, { type: DocType; doc: AnyDoc }>> {
  const out = new Map<string, { type: DocType; doc: AnyDoc }>();
  if (nodeIds.length === 0) return out;
  for (const change of await q.all<t.ChangeRow>(Q.latestChanges, [list(new Set(nodeIds)), revision])) {
    const type = change.nodeType as DocType;
    out.set(change.nodeId, { type, doc: docOf(change, type)! });
  }
  return out;
}

/** The document a change leaves, for a node of `type`: a deletion leaves its tombstone. */
function docOf<T extends DocType>(change: t.ChangeRow | null, type: T): Docs[T] | null {
  if (!change || change.nodeType !== type) return null;
  if (change.op === ChangeOp.DELETE) {
    const before = change.before as Docs[T];
    return 'version' in before.row ? ({ ...before, row: { ...before.row, version: change.version } } as Docs[T]) : before;
  }
  return change.after as Docs[T];
}

/** Every node document live at a revision, by type. */
export async function snapshotAt(q: Executor, revision: number): Promise<{ [T in DocType]: Docs[T][] }> {
  return byType(await q.all<{ nodeType: DocType; after: AnyDoc }>(Q.snapshot, [revision]));
}

function byType(rows: { nodeType: DocType; after: AnyDoc }[]): { [T in DocType]: Docs[T][] } {
  const out = { Source: [], Actor: [], Issue: [], Event: [], Statement: [], Position: [], ActorRelation: [], EventRelation: [], StatementRelation: [] } as { [T in DocType]: Docs[T][] };
  for (const r of rows) (out[r.nodeType] as AnyDoc[]).push(r.after);
  return out;
}
