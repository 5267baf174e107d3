/**
 * The write runner: every mutation is one `engine.transaction`, holding its revision number,
 * the change, the version checks, the change records and every derived structure (the search
 * index and first mentions follow by trigger), or nothing. A refusal is a `Refusal` thrown
 * inside the transaction, which rolls it back, and comes out as userErrors. What each
 * mutation changes is its writer's (`<entity>.writer.ts`); the runner knows none of them.
 *
 * Contract of `runWrite`
 * - Bounds are checked first (write.validation.ts); a breach writes nothing.
 * - The revision number is taken first (`nextRevision`): on PostgreSQL that locks the counter
 *   until the commit, so writes are serialized from there and every check below sees the
 *   latest committed state; numbers follow commit order without gaps on both engines.
 * - With an idempotency key (per API key): the same key and input return the first result
 *   without writing; the same key with another input is IDEMPOTENCY_KEY_REUSED. The key is
 *   claimed by the revision's insert (ON CONFLICT DO NOTHING): a write that finds it claimed
 *   rolls back and answers as a replay.
 * - The author is the viewer (the API key's owner), never a field of the input.
 * - The body returns the node to answer with; the change records it made become one revision.
 * - The promise resolves after the commit: whoever publishes the revision does so then.
 */
import { createHash } from 'node:crypto';
import type { Viewer } from '../../auth/keys.js';
import type { Engine, Executor } from '../../db/engine.js';
import type * as t from '../../db/tables.js';
import { ChangeOp } from '../../shared/enums.js';
import { stableJson } from '../../shared/stable-json.js';
import { CodePointText } from '../../shared/text-span.js';
import { deleteDoc, missingIds, readDoc, referrersOf, writeDoc, type AnyDoc, type DocType, type Docs, type SpanDoc } from '../../store/documents.js';
import { locateQuote } from '../../store/evidence-locator.js';
import { followOwnReading, isFactType, reportsOfDoc, type FactType } from '../../store/reports.js';
import { insertRevision, nextRevision, recordChange, revisionByKey, type ChangeRecord } from '../../store/history.js';
import type * as I from './write.inputs.js';
import { UserErrorCode, type UserErrorValue } from './write.types.js';
import { asOfRow } from '../common/as-of.js';
import { boundsErrors, SCHEMAS, withoutNulls, type MutationName } from './write.validation.js';
import { sourceText } from './write.store.js';

export class Refusal extends Error {
  constructor(readonly errors: UserErrorValue[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export const refuse = (code: UserErrorCode, field: string[] | null, message: string): never => {
  throw new Refusal([{ code, field, message }]);
};

/** Refuses a list that names the same thing twice. */
export function refuseRepeats(keys: readonly string[], field: string[], what: string): void {
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) refuse(UserErrorCode.INVALID_VALUE, field, `${field.join('.')}: ${what} ${repeated} is given twice`);
}

/** What a write answers with: the node as it now stands (a deleted one's tombstone), and the revision. */
export interface WriteOutcome {
  node: { id: string } | null;
  revision: t.RevisionRow | null;
  userErrors: UserErrorValue[];
  /** The nodes the revision changed (empty when nothing was written, a replay included). */
  changed: { id: string; type: DocType }[];
}

/** What a writer returns: the node to answer with. */
export interface StoredResult {
  type: DocType;
  id: string;
  /** For a deletion: the tombstone (the last state, at the tombstone version), since the node can no longer be read. */
  tombstone?: AnyDoc;
}

/** A mutation's writer: builds and makes its change through `w`, inside the transaction. */
export type Writer<Input> = (w: Write, input: Input) => Promise<StoredResult>;

/** What a revision remembers of its answer, so that a replay returns the first call's payload. */
interface Answered {
  type: DocType;
  doc: AnyDoc | null;
}

export const versionOf = (doc: AnyDoc): number => ('version' in doc.row ? doc.row.version : 1);
export const withVersion = <D extends AnyDoc>(doc: D, version: number): D => ('version' in doc.row ? { ...doc, row: { ...doc.row, version } } : doc);

/** The work of one mutation inside its transaction: every read and write goes through `tx`. */
export class Write {
  readonly records: ChangeRecord[] = [];
  /**
   * Nodes updated in their row only (every owned part as read): the document written is the
   * one a read would give back (the parts as read, the row read and changed), so the answer
   * takes it without reading the node again (five statements, each a round trip on PostgreSQL
   * while the revision counter is held).
   */
  readonly unread = new Map<string, AnyDoc>();
  private readonly texts = new Map<string, CodePointText | null>();
  constructor(readonly tx: Executor) {}

  /** Locates every quote; refusals name the quote's field. */
  async spans(evidence: readonly I.EvidenceInput[], field: string[]): Promise<SpanDoc[]> {
    const errors: UserErrorValue[] = [];
    const spans: SpanDoc[] = [];
    for (const [i, e] of evidence.entries()) {
      const at = [...field, String(i)];
      const text = await this.text(e.source);
      if (!text) {
        errors.push({ code: UserErrorCode.INVALID_REFERENCE, field: [...at, 'source'], message: `${at.join('.')}.source: no source with id "${e.source}"` });
        continue;
      }
      const located = locateQuote(e.source, text, e);
      if ('refused' in located) errors.push({ code: UserErrorCode[located.refused], field: [...at, 'exact'], message: `${at.join('.')}.exact: ${located.message}` });
      else spans.push(located.span);
    }
    if (errors.length > 0) throw new Refusal(errors);
    refuseRepeats(spans.map((s) => `"${s.exact}" at ${s.sourceId} ${s.start}–${s.end}`), field, 'the quote');
    return spans;
  }

  private async text(sourceId: string): Promise<CodePointText | null> {
    if (!this.texts.has(sourceId)) {
      const text = await sourceText(this.tx, sourceId);
      this.texts.set(sourceId, text === null ? null : new CodePointText(text));
    }
    return this.texts.get(sourceId)!;
  }

  /** Refuses ids that name no node of the type. */
  async requireIds(type: DocType, ids: readonly (string | null | undefined)[], field: string[]): Promise<void> {
    const missing = await missingIds(this.tx, type, ids.filter((id): id is string => typeof id === 'string'));
    if (missing.length > 0) refuse(UserErrorCode.INVALID_REFERENCE, field, `${field.join('.')}: no ${type} with id ${missing.map((m) => `"${m}"`).join(', ')}`);
  }

  /** The node's current document, or null. */
  read<T extends DocType>(type: T, id: string): Promise<Docs[T] | null> {
    return readDoc(this.tx, type, id);
  }

  /** The current document, refusing an unknown id or a stale version. */
  async current<T extends DocType>(type: T, id: string, expectedVersion: number | null | undefined, field = ['input', 'id']): Promise<Docs[T]> {
    const doc = await this.read(type, id);
    if (!doc) return refuse(UserErrorCode.NOT_FOUND, field, `${field.join('.')}: no ${type} with id "${id}"`);
    if ('version' in doc.row) {
      if (expectedVersion == null) refuse(UserErrorCode.INVALID_VALUE, ['input', 'expectedVersion'], `input.expectedVersion: required to change ${id} (now at version ${doc.row.version})`);
      if (expectedVersion !== doc.row.version) {
        refuse(UserErrorCode.VERSION_CONFLICT, ['input', 'expectedVersion'], `${id} is at version ${doc.row.version}, not ${expectedVersion}: read it again and reapply your change`);
      }
    }
    return doc;
  }

  async create<T extends DocType>(type: T, doc: Docs[T], field = ['input', 'id']): Promise<Docs[T]> {
    if (await this.read(type, doc.row.id)) refuse(UserErrorCode.DUPLICATE_ID, field, `${field.join('.')}: ${doc.row.id} exists already`);
    await writeDoc(this.tx, type, doc);
    this.unread.delete(doc.row.id);
    this.records.push({ type, id: doc.row.id, op: ChangeOp.CREATE, version: versionOf(doc), before: null, after: doc });
    return doc;
  }

  /**
   * Writes the changed document. A fact whose reports the caller left as they were (the same
   * array) has them follow its own reading (`followOwnReading`); `setReport` and
   * `removeReport` give new ones.
   */
  async update<T extends DocType>(type: T, before: Docs[T], after: Docs[T], op = ChangeOp.UPDATE): Promise<Docs[T]> {
    if (isFactType(type)) {
      const [b, a] = [before as Docs[FactType], after as Docs[FactType]];
      if (a.reports === b.reports) after = { ...after, reports: followOwnReading(b, a) };
    }
    const bumped = withVersion(after, versionOf(before) + 1);
    await writeDoc(this.tx, type, bumped, before);
    this.records.push({ type, id: before.row.id, op, version: versionOf(bumped), before, after: bumped });
    if (sameParts(before, bumped)) this.unread.set(before.row.id, bumped);
    else this.unread.delete(before.row.id);
    return bumped;
  }

  /** Writes a document as it was at a revision, one version above the latest (`restore`). */
  async restore<T extends DocType>(type: T, current: Docs[T] | null, then: Docs[T], version: number): Promise<void> {
    // A document recorded before reports existed gets its derived ones.
    const restored = withVersion(isFactType(type) ? { ...then, reports: reportsOfDoc(then as Docs[FactType]) } : then, version);
    await writeDoc(this.tx, type, restored, current);
    this.unread.delete(then.row.id);
    this.records.push({ type, id: then.row.id, op: ChangeOp.RESTORE, version, before: current, after: restored });
  }

  async remove<T extends DocType>(type: T, before: Docs[T]): Promise<Docs[T]> {
    const referrers = await referrersOf(this.tx, type, before.row.id);
    if (referrers.length > 0) {
      refuse(UserErrorCode.STILL_REFERENCED, ['input', 'id'], `${before.row.id} is still referred to by ${referrers.join(', ')}: change or delete those first (nothing cascades)`);
    }
    await deleteDoc(this.tx, type, before.row.id);
    this.unread.delete(before.row.id);
    const tombstone = versionOf(before) + 1;
    this.records.push({ type, id: before.row.id, op: ChangeOp.DELETE, version: tombstone, before, after: null });
    return withVersion(before, tombstone);
  }
}

function inputHash(mutation: string, input: object): string {
  const { idempotencyKey: _key, ...rest } = input as { idempotencyKey?: unknown };
  return createHash('sha256').update(stableJson([mutation, rest])).digest('hex');
}

/** Thrown inside the transaction to roll it back when the idempotency key was used before. */
class Replay extends Error {
  constructor(readonly earlier: t.RevisionRow | null) {
    super('the idempotency key was used before');
  }
}

/** Runs one mutation as one transaction; see the header for its contract. */
export async function runWrite(
  engine: Engine,
  viewer: Viewer,
  /** The mutation's name, which an idempotency key's input hash includes. */
  name: string,
  bounds: MutationName,
  rawInput: object,
  body: Writer<never>,
): Promise<WriteOutcome> {
  const input = withoutNulls({ ...rawInput }) as { summary?: string; editSummary?: string; idempotencyKey?: string };
  const breaches = boundsErrors(SCHEMAS[bounds], input);
  if (breaches.length > 0) return { node: null, revision: null, userErrors: breaches, changed: [] };
  const hash = inputHash(name, input);
  const key = input.idempotencyKey ?? null;
  try {
    return await engine.transaction(async (tx) => {
      const number = await nextRevision(tx);
      const earlier = key ? await revisionByKey(tx, viewer.keyId, key) : null;
      if (earlier) throw new Replay(earlier);
      const w = new Write(tx);
      const answered = await answer(w, await body(w, input as never));
      const revision = await insertRevision(tx, number, {
        authorName: viewer.name,
        authorRole: viewer.role,
        keyId: viewer.keyId,
        summary: input.editSummary ?? input.summary ?? null,
        idempotencyKey: key,
        inputHash: hash,
        result: answered,
      });
      // Claimed meanwhile by a writer that did not wait for the counter: answer as its replay.
      if (!revision) throw new Replay(null);
      for (const r of w.records) await recordChange(tx, number, r);
      return { node: nodeOf(answered), revision, userErrors: [], changed: w.records.map((r) => ({ id: r.id, type: r.type })) };
    });
  } catch (e) {
    if (e instanceof Refusal) return { node: null, revision: null, userErrors: e.errors, changed: [] };
    if (e instanceof Replay) return replay(e.earlier ?? (await revisionByKey(engine, viewer.keyId, key!)), hash, key!);
    throw e;
  }
}

/** The first call's answer for a repeated idempotency key, or the refusal of another input under it. */
function replay(earlier: t.RevisionRow | null, hash: string, key: string): WriteOutcome {
  if (!earlier) throw new Error(`the idempotency key "${key}" was claimed by a revision that cannot be read`);
  if (earlier.inputHash !== hash) {
    const message = `input.idempotencyKey: "${key}" was used in revision ${earlier.number} with a different input`;
    return { node: null, revision: null, userErrors: [{ code: UserErrorCode.IDEMPOTENCY_KEY_REUSED, field: ['input', 'idempotencyKey'], message }], changed: [] };
  }
  return { node: nodeOf(earlier.result as Answered), revision: earlier, userErrors: [], changed: [] };
}

/** The node a write answers with, as it stands after the write (a relation answers with its subject). */
async function answer(w: Write, result: StoredResult): Promise<Answered> {
  if (result.tombstone) return { type: result.type, doc: result.tombstone };
  if (result.type.endsWith('Relation')) {
    const relation = (await w.read(result.type, result.id)) as { row: { subjectId: string } } | null;
    const type = NODE_OF_RELATION[result.type as RelationType];
    return { type, doc: relation ? await w.read(type, relation.row.subjectId) : null };
  }
  return { type: result.type, doc: w.unread.get(result.id) ?? (await w.read(result.type, result.id)) };
}

/** Whether two documents of a node own the same parts (everything but the row). */
function sameParts(a: AnyDoc, b: AnyDoc): boolean {
  const { row: _a, ...partsA } = a;
  const { row: _b, ...partsB } = b;
  return JSON.stringify(partsA) === JSON.stringify(partsB);
}

/** The payload's node: the document as it was answered, so a replay shows the first call's result. */
function nodeOf(answered: Answered): { id: string } | null {
  return answered.doc ? asOfRow(answered.doc) : null;
}

type RelationType = 'ActorRelation' | 'EventRelation' | 'StatementRelation';
const NODE_OF_RELATION: Record<RelationType, 'Actor' | 'Event' | 'Statement'> = { ActorRelation: 'Actor', EventRelation: 'Event', StatementRelation: 'Statement' };
