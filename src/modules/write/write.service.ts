/**
 * Every write: one transaction (BEGIN IMMEDIATE, the busy timeout of client.ts) holding the
 * change, its revision, the version bump, the change records and every derived structure
 * (the search index follows by trigger), or nothing. A refusal is a `Refusal` thrown inside
 * the transaction, which rolls it back, and comes out as userErrors.
 *
 * Contract of `runWrite`
 * - Bounds are checked first (write.validation.ts); a breach writes nothing.
 * - With an idempotency key (per API key): the same key and input return the first result
 *   without writing; the same key with another input is IDEMPOTENCY_KEY_REUSED.
 * - The author is the viewer (the API key's owner), never a field of the input.
 * - The body returns the node to answer with; the change records it made become one revision.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/keys.js';
import type { Db } from '../../db/client.js';
import * as t from '../../db/tables.js';
import { ChangeOp, EVENT_RELATION_INVERSE, ACTOR_RELATION_INVERSE, STATEMENT_RELATION_INVERSE, Certainty, Polarity, type Stance } from '../../shared/enums.js';
import { conditionsProblem, factualityProblem } from '../../shared/fact-rules.js';
import { typeOfId } from '../../shared/ids.js';
import { relationId } from '../../shared/relation-ids.js';
import { dateColumns } from '../../shared/partial-date.js';
import { stableJson } from '../../shared/stable-json.js';
import { CodePointText, contentHash } from '../../shared/text-span.js';
import { deleteDoc, missingIds, readDoc, referrersOf, writeDoc, type AnyDoc, type DocType, type Docs, type SpanDoc } from '../../store/documents.js';
import { locateQuote } from '../../store/evidence-locator.js';
import { changeAt, docAt, latestRevision, recordRevision, type ChangeRecord } from '../../store/history.js';
import type * as I from './write.inputs.js';
import { UserErrorCode, type UserErrorValue } from './write.types.js';
import { asOfRow } from '../common/as-of.js';
import { boundsErrors, SCHEMAS, withoutNulls, type MutationName } from './write.validation.js';

export class Refusal extends Error {
  constructor(readonly errors: UserErrorValue[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

const refuse = (code: UserErrorCode, field: string[] | null, message: string): never => {
  throw new Refusal([{ code, field, message }]);
};

/** What a write answers with: the node as it now stands (a deleted one's tombstone), and the revision. */
export interface WriteOutcome {
  node: { id: string } | null;
  revision: t.RevisionRow | null;
  userErrors: UserErrorValue[];
  /** The nodes the revision changed (empty when nothing was written, a replay included). */
  changed: { id: string; type: DocType }[];
}

interface StoredResult {
  type: DocType;
  id: string;
  /** For a deletion: the tombstone (the last state, at the tombstone version), since the node can no longer be read. */
  tombstone?: AnyDoc;
}

/** What a revision remembers of its answer, so that a replay returns the first call's payload. */
interface Answered {
  type: DocType;
  doc: AnyDoc | null;
}

/** The work of one mutation inside its transaction. */
export class Write {
  readonly records: ChangeRecord[] = [];
  private readonly texts = new Map<string, CodePointText | null>();
  constructor(readonly db: Db) {}

  /** Locates every quote; refusals name the quote's field. */
  spans(evidence: readonly I.EvidenceInput[], field: string[]): SpanDoc[] {
    const errors: UserErrorValue[] = [];
    const spans: SpanDoc[] = [];
    evidence.forEach((e, i) => {
      const at = [...field, String(i)];
      const text = this.text(e.source);
      if (!text) return errors.push({ code: UserErrorCode.INVALID_REFERENCE, field: [...at, 'source'], message: `${at.join('.')}.source: no source with id "${e.source}"` });
      const located = locateQuote(e.source, text, e);
      if ('refused' in located) return errors.push({ code: UserErrorCode[located.refused], field: [...at, 'exact'], message: `${at.join('.')}.exact: ${located.message}` });
      spans.push(located.span);
    });
    if (errors.length > 0) throw new Refusal(errors);
    refuseRepeats(spans.map((s) => `"${s.exact}" at ${s.sourceId} ${s.start}–${s.end}`), field, 'the quote');
    return spans;
  }

  private text(sourceId: string): CodePointText | null {
    if (!this.texts.has(sourceId)) {
      const row = this.db.select({ text: t.sources.text }).from(t.sources).where(eq(t.sources.id, sourceId)).get();
      this.texts.set(sourceId, row ? new CodePointText(row.text) : null);
    }
    return this.texts.get(sourceId)!;
  }

  /** Refuses ids that name no node of the type. */
  requireIds(type: DocType, ids: readonly (string | null | undefined)[], field: string[]): void {
    const missing = missingIds(this.db, type, ids.filter((id): id is string => typeof id === 'string'));
    if (missing.length > 0) refuse(UserErrorCode.INVALID_REFERENCE, field, `${field.join('.')}: no ${type} with id ${missing.map((m) => `"${m}"`).join(', ')}`);
  }

  /** The current document, refusing an unknown id or a stale version. */
  current<T extends DocType>(type: T, id: string, expectedVersion: number | null | undefined, field = ['input', 'id']): Docs[T] {
    const doc = readDoc(this.db, type, id);
    if (!doc) return refuse(UserErrorCode.NOT_FOUND, field, `${field.join('.')}: no ${type} with id "${id}"`);
    if ('version' in doc.row) {
      if (expectedVersion == null) refuse(UserErrorCode.INVALID_VALUE, ['input', 'expectedVersion'], `input.expectedVersion: required to change ${id} (now at version ${doc.row.version})`);
      if (expectedVersion !== doc.row.version) {
        refuse(UserErrorCode.VERSION_CONFLICT, ['input', 'expectedVersion'], `${id} is at version ${doc.row.version}, not ${expectedVersion}: read it again and reapply your change`);
      }
    }
    return doc;
  }

  create<T extends DocType>(type: T, doc: Docs[T], field = ['input', 'id']): Docs[T] {
    if (readDoc(this.db, type, doc.row.id)) refuse(UserErrorCode.DUPLICATE_ID, field, `${field.join('.')}: ${doc.row.id} exists already`);
    writeDoc(this.db, type, doc);
    this.records.push({ type, id: doc.row.id, op: ChangeOp.CREATE, version: versionOf(doc), before: null, after: doc });
    return doc;
  }

  update<T extends DocType>(type: T, before: Docs[T], after: Docs[T], op = ChangeOp.UPDATE): Docs[T] {
    const bumped = withVersion(after, versionOf(before) + 1);
    writeDoc(this.db, type, bumped);
    this.records.push({ type, id: before.row.id, op, version: versionOf(bumped), before, after: bumped });
    return bumped;
  }

  remove<T extends DocType>(type: T, before: Docs[T]): Docs[T] {
    const referrers = referrersOf(this.db, type, before.row.id);
    if (referrers.length > 0) {
      refuse(UserErrorCode.STILL_REFERENCED, ['input', 'id'], `${before.row.id} is still referred to by ${referrers.join(', ')}: change or delete those first (nothing cascades)`);
    }
    deleteDoc(this.db, type, before.row.id);
    const tombstone = versionOf(before) + 1;
    this.records.push({ type, id: before.row.id, op: ChangeOp.DELETE, version: tombstone, before, after: null });
    return withVersion(before, tombstone);
  }
}

const versionOf = (doc: AnyDoc) => ('version' in doc.row ? doc.row.version : 1);
const withVersion = <D extends AnyDoc>(doc: D, version: number): D => ('version' in doc.row ? { ...doc, row: { ...doc.row, version } } : doc);

function inputHash(mutation: string, input: object): string {
  const { idempotencyKey: _key, ...rest } = input as { idempotencyKey?: unknown };
  return createHash('sha256').update(stableJson([mutation, rest])).digest('hex');
}


/** Runs one mutation as one transaction; see the header for its contract. */
export function runWrite(
  db: Db,
  viewer: Viewer,
  /** The mutation's name, which an idempotency key's input hash includes. */
  name: string,
  bounds: MutationName,
  rawInput: object,
  body: (w: Write, input: never) => StoredResult,
): WriteOutcome {
  const input = withoutNulls({ ...rawInput }) as { summary?: string; editSummary?: string; idempotencyKey?: string };
  const breaches = boundsErrors(SCHEMAS[bounds], input);
  if (breaches.length > 0) return { node: null, revision: null, userErrors: breaches, changed: [] };
  const hash = inputHash(name, input);
  try {
    return db.transaction(
      () => {
        if (input.idempotencyKey) {
          const earlier = db.select().from(t.revisions).where(and(eq(t.revisions.keyId, viewer.keyId), eq(t.revisions.idempotencyKey, input.idempotencyKey))).get();
          if (earlier) {
            if (earlier.inputHash !== hash) refuse(UserErrorCode.IDEMPOTENCY_KEY_REUSED, ['input', 'idempotencyKey'], `input.idempotencyKey: "${input.idempotencyKey}" was used in revision ${earlier.number} with a different input`);
            return { node: nodeOf(earlier.result as Answered), revision: earlier, userErrors: [], changed: [] };
          }
        }
        const w = new Write(db);
        const answered = answer(db, body(w, input as never));
        const revision = recordRevision(db, {
          authorName: viewer.name,
          authorRole: viewer.role,
          keyId: viewer.keyId,
          summary: input.editSummary ?? input.summary ?? null,
          idempotencyKey: input.idempotencyKey ?? null,
          inputHash: hash,
          result: answered,
        }, w.records);
        return { node: nodeOf(answered), revision, userErrors: [], changed: w.records.map((r) => ({ id: r.id, type: r.type })) };
      },
      { behavior: 'immediate' },
    );
  } catch (e) {
    if (e instanceof Refusal) return { node: null, revision: null, userErrors: e.errors, changed: [] };
    throw e;
  }
}

/** The node a write answers with, as it stands after the write (a relation answers with its subject). */
function answer(db: Db, result: StoredResult): Answered {
  if (result.tombstone) return { type: result.type, doc: result.tombstone };
  if (result.type.endsWith('Relation')) {
    const relation = readDoc(db, result.type, result.id) as { row: { subjectId: string } } | null;
    const type = NODE_OF_RELATION[result.type as RelationType];
    return { type, doc: relation ? readDoc(db, type, relation.row.subjectId) : null };
  }
  return { type: result.type, doc: readDoc(db, result.type, result.id) };
}

/** The payload's node: the document as it was answered, so a replay shows the first call's result. */
function nodeOf(answered: Answered): { id: string } | null {
  return answered.doc ? asOfRow(answered.doc) : null;
}

type RelationType = 'ActorRelation' | 'EventRelation' | 'StatementRelation';
const NODE_OF_RELATION: Record<RelationType, 'Actor' | 'Event' | 'Statement'> = { ActorRelation: 'Actor', EventRelation: 'Event', StatementRelation: 'Statement' };

// --- Building documents from inputs -------------------------------------------------------------

/** `<prefix>:<slug of the text>`; refused when nothing of the text makes a slug. */
export function slugId(prefix: string, text: string, field: string[]): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (slug === '') refuse(UserErrorCode.INVALID_VALUE, field, `${field.join('.')}: cannot make an id from "${text}"; give an id`);
  return `${prefix}:${slug}`;
}

/** A factuality input as columns and cue spans, checked like the seed's. */
function factualityOf(w: Write, f: I.FactualityInput | null | undefined, defaultHolder: string | null) {
  const certainty = f?.certainty ?? Certainty.CERTAIN;
  const polarity = f?.polarity ?? Polarity.POSITIVE;
  const cues = w.spans(f?.cues ?? [], ['input', 'factuality', 'cues']);
  const problem = factualityProblem(certainty, polarity, cues.length);
  if (problem) refuse(UserErrorCode.INVALID_VALUE, ['input', 'factuality', 'cues'], `input.factuality.cues: ${problem}`);
  if (f?.holder) w.requireIds('Actor', [f.holder], ['input', 'factuality', 'holder']);
  return { columns: { certainty, polarity, holderId: f?.holder ?? defaultHolder }, cues };
}

/** Refuses a list that names the same thing twice. */
function refuseRepeats(keys: readonly string[], field: string[], what: string) {
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated !== undefined) refuse(UserErrorCode.INVALID_VALUE, field, `${field.join('.')}: ${what} ${repeated} is given twice`);
}

function affiliationsOf(w: Write, list: readonly I.AffiliationInput[], ownerId: string): Docs['Actor']['affiliations'] {
  refuseRepeats(list.map((a) => a.organization), ['input', 'affiliations'], 'the organization');
  w.requireIds('Actor', list.map((a) => a.organization), ['input', 'affiliations']);
  if (list.some((a) => a.organization === ownerId)) refuse(UserErrorCode.INVALID_VALUE, ['input', 'affiliations'], 'input.affiliations: an actor cannot be affiliated with itself');
  // An empty role or note is no role or note: the bundle format (and a reader) takes absent, not "".
  return list.map((a, i) => ({ organizationId: a.organization, role: a.role?.trim() || null, evidence: w.spans(a.evidence, ['input', 'affiliations', String(i), 'evidence']) }));
}

function eventLinks(w: Write, input: { participants?: I.ParticipantInput[] | null; issues?: string[] | null; location?: string | null }) {
  if (input.participants) {
    refuseRepeats(input.participants.map((p) => `${p.actor} as ${p.role}`), ['input', 'participants'], 'the participant');
    w.requireIds('Actor', input.participants.map((p) => p.actor), ['input', 'participants']);
  }
  if (input.issues) w.requireIds('Issue', input.issues, ['input', 'issues']);
  if (input.location) {
    const place = w.db.select({ id: t.places.id }).from(t.places).where(eq(t.places.id, input.location)).get();
    if (!place) refuse(UserErrorCode.INVALID_REFERENCE, ['input', 'location'], `input.location: no place with id "${input.location}"`);
  }
}

export const writes = {
  addSource(w: Write, input: I.AddSourceInput): StoredResult {
    const text = input.text.normalize('NFC');
    const hash = contentHash(text);
    const same = w.db.select({ id: t.sources.id }).from(t.sources).where(eq(t.sources.contentHash, hash)).get();
    if (same) refuse(UserErrorCode.DUPLICATE_ID, ['input', 'text'], `input.text: the same text is already ${same.id}`);
    const id = input.id ?? slugId('source', input.title, ['input', 'title']);
    const row: t.SourceRow = { id, title: input.title.trim(), text, url: input.url ?? null, contentHash: hash, version: 1, ...dateColumns('published', input.publishedOn) };
    w.create('Source', { row });
    return { type: 'Source', id };
  },

  createActor(w: Write, input: I.CreateActorInput): StoredResult {
    const id = input.id ?? slugId('actor', input.name, ['input', 'name']);
    const doc: Docs['Actor'] = {
      row: { id, name: input.name.trim(), kind: input.kind, countryCode: input.countryCode ?? null, cameoCode: input.cameoCode ?? null, description: input.description.trim(), version: 1 },
      aliases: [...new Set(input.aliases)].sort(),
      affiliations: affiliationsOf(w, input.affiliations, id),
      evidence: w.spans(input.evidence, ['input', 'evidence']),
    };
    w.create('Actor', doc);
    return { type: 'Actor', id };
  },

  updateActor(w: Write, input: I.UpdateActorInput): StoredResult {
    const before = w.current('Actor', input.id, input.expectedVersion);
    const row = { ...before.row };
    if (input.name != null) row.name = input.name.trim();
    if (input.kind != null) row.kind = input.kind;
    if (input.countryCode != null) row.countryCode = input.countryCode;
    if (input.cameoCode != null) row.cameoCode = input.cameoCode;
    if (input.description != null) row.description = input.description.trim();
    w.update('Actor', before, {
      ...before,
      row,
      aliases: input.aliases ? [...new Set(input.aliases)].sort() : before.aliases,
      affiliations: input.affiliations ? affiliationsOf(w, input.affiliations, input.id) : before.affiliations,
    });
    return { type: 'Actor', id: input.id };
  },

  createEvent(w: Write, input: I.CreateEventInput): StoredResult {
    const id = input.id ?? slugId('event', input.title, ['input', 'title']);
    eventLinks(w, input);
    const f = factualityOf(w, input.factuality, null);
    const doc: Docs['Event'] = {
      row: {
        id, title: input.title.trim(), summary: input.summary.trim(), kind: input.kind, status: input.status,
        ...dateColumns('start', input.start), ...dateColumns('end', input.end),
        durationDays: input.durationDays ?? null, durationNote: input.durationNote ?? null, locationId: input.location ?? null, cameoCode: input.cameoCode ?? null,
        ...f.columns, version: 1,
      },
      participants: input.participants.map((p) => ({ actorId: p.actor, role: p.role })),
      issueIds: [...new Set(input.issues)].sort(),
      evidence: w.spans(input.evidence, ['input', 'evidence']),
      cues: f.cues,
    };
    w.create('Event', doc);
    return { type: 'Event', id };
  },

  updateEvent(w: Write, input: I.UpdateEventInput): StoredResult {
    const before = w.current('Event', input.id, input.expectedVersion);
    eventLinks(w, input);
    const row = { ...before.row };
    if (input.title != null) row.title = input.title.trim();
    if (input.summary != null) row.summary = input.summary.trim();
    if (input.kind != null) row.kind = input.kind;
    if (input.status != null) row.status = input.status;
    if (input.start) Object.assign(row, dateColumns('start', input.start));
    if (input.end) Object.assign(row, dateColumns('end', input.end));
    if (input.durationDays != null) row.durationDays = input.durationDays;
    if (input.durationNote != null) row.durationNote = input.durationNote;
    if (input.location != null) row.locationId = input.location;
    if (input.cameoCode != null) row.cameoCode = input.cameoCode;
    const f = input.factuality ? factualityOf(w, input.factuality, null) : null;
    w.update('Event', before, {
      row: f ? { ...row, ...f.columns } : row,
      participants: input.participants ? input.participants.map((p) => ({ actorId: p.actor, role: p.role })) : before.participants,
      issueIds: input.issues ? [...new Set(input.issues)].sort() : before.issueIds,
      evidence: before.evidence,
      cues: f ? f.cues : before.cues,
    });
    return { type: 'Event', id: input.id };
  },

  createStatement(w: Write, input: I.CreateStatementInput): StoredResult {
    const id = input.id ?? slugId('statement', input.summary, ['input', 'summary']);
    w.requireIds('Actor', [input.speaker, input.target], ['input']);
    if (input.event) w.requireIds('Event', [input.event], ['input', 'event']);
    w.requireIds('Issue', input.issues, ['input', 'issues']);
    const f = factualityOf(w, input.factuality, input.speaker ?? null);
    const doc: Docs['Statement'] = {
      row: {
        id, kind: input.kind, summary: input.summary.trim(), speakerId: input.speaker ?? null, attributionKind: input.attribution.kind,
        attributionDetail: input.attribution.detail ?? null, targetId: input.target ?? null, ...dateColumns('date', input.date), eventId: input.event ?? null,
        ...f.columns, version: 1,
      },
      issueIds: [...new Set(input.issues)].sort(),
      evidence: w.spans(input.evidence, ['input', 'evidence']),
      cues: f.cues,
    };
    w.create('Statement', doc);
    return { type: 'Statement', id };
  },

  updateStatement(w: Write, input: I.UpdateStatementInput): StoredResult {
    const before = w.current('Statement', input.id, input.expectedVersion);
    w.requireIds('Actor', [input.speaker, input.target], ['input']);
    if (input.issues) w.requireIds('Issue', input.issues, ['input', 'issues']);
    if (input.event) w.requireIds('Event', [input.event], ['input', 'event']);
    const row = { ...before.row };
    if (input.date) Object.assign(row, dateColumns('date', input.date));
    if (input.event != null) row.eventId = input.event;
    if (input.kind != null) row.kind = input.kind;
    if (input.summary != null) row.summary = input.summary.trim();
    if (input.speaker != null) row.speakerId = input.speaker;
    if (input.target != null) row.targetId = input.target;
    if (input.attribution) Object.assign(row, { attributionKind: input.attribution.kind, attributionDetail: input.attribution.detail ?? null });
    const f = input.factuality ? factualityOf(w, input.factuality, row.speakerId) : null;
    w.update('Statement', before, {
      row: f ? { ...row, ...f.columns } : row,
      issueIds: input.issues ? [...new Set(input.issues)].sort() : before.issueIds,
      evidence: before.evidence,
      cues: f ? f.cues : before.cues,
    });
    return { type: 'Statement', id: input.id };
  },

  createIssue(w: Write, input: I.CreateIssueInput): StoredResult {
    const id = input.id ?? slugId('issue', input.name, ['input', 'name']);
    w.create('Issue', { row: { id, name: input.name.trim(), description: input.description.trim(), version: 1 }, obstacles: [], evidence: w.spans(input.evidence, ['input', 'evidence']) });
    return { type: 'Issue', id };
  },

  updateIssue(w: Write, input: I.UpdateIssueInput): StoredResult {
    const before = w.current('Issue', input.id, input.expectedVersion);
    w.update('Issue', before, { ...before, row: { ...before.row, name: input.name?.trim() ?? before.row.name, description: input.description?.trim() ?? before.row.description } });
    return { type: 'Issue', id: input.id };
  },

  delete(type: 'Actor' | 'Event' | 'Statement' | 'Issue' | 'Position') {
    return (w: Write, input: I.DeleteInput): StoredResult => {
      const wanted = typeOfId(input.id);
      if (wanted !== type) refuse(UserErrorCode.INVALID_VALUE, ['input', 'id'], `input.id: "${input.id}" is not a ${type} id`);
      const before = w.current(type, input.id, input.expectedVersion);
      return { type, id: input.id, tombstone: w.remove(type, before) };
    };
  },

  setPosition(w: Write, input: I.SetPositionInput): StoredResult {
    w.requireIds('Actor', [input.actor], ['input', 'actor']);
    w.requireIds('Issue', [input.issue, ...input.conditions], ['input', 'issue']);
    w.requireIds('Statement', input.statements, ['input', 'statements']);
    const problem = conditionsProblem(input.stance as Stance, input.conditions, input.issue);
    if (problem) refuse(UserErrorCode.INVALID_VALUE, ['input', 'conditions'], `input.conditions: ${problem}`);
    const existing = w.db.select({ id: t.positions.id }).from(t.positions).where(and(eq(t.positions.actorId, input.actor), eq(t.positions.issueId, input.issue))).get();
    const f = factualityOf(w, input.factuality, null);
    const id = existing?.id ?? `position:${input.actor.slice('actor:'.length)}-${input.issue.slice('issue:'.length)}`;
    const doc: Docs['Position'] = {
      row: { id, actorId: input.actor, issueId: input.issue, stance: input.stance, firmness: input.firmness, isPrecondition: input.isPrecondition, summary: input.summary.trim(), ...f.columns, version: 1 },
      statementIds: [...new Set(input.statements)].sort(),
      conditionIds: [...new Set(input.conditions)].sort(),
      evidence: w.spans(input.evidence, ['input', 'evidence']),
      cues: f.cues,
    };
    if (existing) w.update('Position', w.current('Position', id, input.expectedVersion), doc);
    else w.create('Position', doc, ['input', 'actor']);
    return { type: 'Position', id };
  },

  addRelation(w: Write, input: I.AddRelationInput): StoredResult {
    const family = RELATION_FAMILIES.find((f) => typeOfId(input.subject) === f.node);
    if (!family) return refuse(UserErrorCode.INVALID_VALUE, ['input', 'subject'], `input.subject: relations join two actors, two events or two statements, not "${input.subject}"`);
    if (!(input.kind in family.kinds)) refuse(UserErrorCode.INVALID_VALUE, ['input', 'kind'], `input.kind: ${input.kind} does not relate ${family.node}s (use ${Object.keys(family.kinds).join(', ')})`);
    if (typeOfId(input.object) !== family.node) refuse(UserErrorCode.INVALID_REFERENCE, ['input', 'object'], `input.object: a ${input.kind} relation joins two ${family.node}s`);
    if (input.subject === input.object) refuse(UserErrorCode.INVALID_VALUE, ['input', 'object'], 'input.object: a node cannot be related to itself');
    w.requireIds(family.node, [input.subject], ['input', 'subject']);
    w.requireIds(family.node, [input.object], ['input', 'object']);
    if (input.note && family.type === 'StatementRelation') refuse(UserErrorCode.INVALID_VALUE, ['input', 'note'], 'input.note: statement relations take no note');
    const id = relationId(input.subject, input.kind, input.object);
    const row = { id, subjectId: input.subject, objectId: input.object, kind: input.kind as never, certainty: input.certainty, ...(family.type === 'StatementRelation' ? {} : { note: input.note?.trim() || null }) };
    w.create(family.type, { row, evidence: w.spans(input.evidence, ['input', 'evidence']) } as never, ['input', 'kind']);
    return { type: family.type, id };
  },

  removeRelation(w: Write, input: I.RemoveRelationInput): StoredResult {
    const family = RELATION_FAMILIES.find((f) => readDoc(w.db, f.type, input.id));
    if (!family) return refuse(UserErrorCode.NOT_FOUND, ['input', 'id'], `input.id: no relation with id "${input.id}"`);
    const before = readDoc(w.db, family.type, input.id)!;
    w.remove(family.type, before);
    const subject = readDoc(w.db, family.node, before.row.subjectId)!;
    return { type: family.node, id: subject.row.id };
  },

  addEvidence(w: Write, input: I.AddEvidenceInput): StoredResult {
    const { type, before } = citedFact(w, input.node, input.expectedVersion);
    const added = w.spans(input.evidence, ['input', 'evidence']);
    const key = (s: SpanDoc) => `${s.sourceId}:${s.start}:${s.end}`;
    const have = new Set(before.evidence.map(key));
    const dup = added.find((s) => have.has(key(s)));
    if (dup) refuse(UserErrorCode.DUPLICATE_ID, ['input', 'evidence'], `input.evidence: ${input.node} already cites "${dup.exact}" at ${dup.start}–${dup.end}`);
    w.update(type, before as never, { ...before, evidence: [...before.evidence, ...added] } as never);
    return { type, id: input.node };
  },

  removeEvidence(w: Write, input: I.RemoveEvidenceInput): StoredResult {
    const { type, before } = citedFact(w, input.node, input.expectedVersion);
    const kept = before.evidence.filter((s) => !(s.sourceId === input.source && s.start === input.start && s.end === input.end));
    if (kept.length === before.evidence.length) refuse(UserErrorCode.NOT_FOUND, ['input', 'start'], `input: ${input.node} cites no span ${input.source} ${input.start}–${input.end}`);
    if (kept.length === 0) refuse(UserErrorCode.INVALID_VALUE, ['input', 'node'], `input.node: ${input.node} would cite nothing; every fact cites at least one quote (add another first)`);
    w.update(type, before as never, { ...before, evidence: kept } as never);
    return { type, id: input.node };
  },

  restore(w: Write, input: I.RestoreInput): StoredResult {
    const type = typeOfId(input.id) as DocType | null;
    if (!type || type === 'Source' || (type as string) === 'Place') return refuse(UserErrorCode.INVALID_VALUE, ['input', 'id'], `input.id: "${input.id}" is not a node that can be restored`);
    if (input.revision > latestRevision(w.db)) refuse(UserErrorCode.INVALID_VALUE, ['input', 'revision'], `input.revision: there is no revision ${input.revision} yet`);
    const then = docAt(w.db, type, input.id, input.revision);
    if (!then) return refuse(UserErrorCode.NOT_FOUND, ['input', 'revision'], `input.revision: ${input.id} did not exist at revision ${input.revision}`);
    const latest = changeAt(w.db, input.id, latestRevision(w.db))!;
    if (latest.version !== input.expectedVersion) {
      refuse(UserErrorCode.VERSION_CONFLICT, ['input', 'expectedVersion'], `${input.id} is at version ${latest.version}, not ${input.expectedVersion}`);
    }
    const missing = referencesOf(then).flatMap(([refType, ids]) => missingIds(w.db, refType, ids));
    if (missing.length > 0) refuse(UserErrorCode.INVALID_REFERENCE, ['input', 'revision'], `input.revision: ${input.id} as it was then refers to ${missing.join(', ')}, which no longer exist: restore those first`);
    if (type === 'Position') {
      const { actorId, issueId } = (then as Docs['Position']).row;
      const other = w.db.select({ id: t.positions.id }).from(t.positions).where(and(eq(t.positions.actorId, actorId), eq(t.positions.issueId, issueId))).get();
      if (other && other.id !== input.id) refuse(UserErrorCode.DUPLICATE_ID, ['input', 'id'], `${other.id} now holds ${actorId}'s position on ${issueId}: one position per actor and issue (delete it, or setPosition instead)`);
    }
    const current = readDoc(w.db, type, input.id);
    const restored = withVersion(then, latest.version + 1);
    writeDoc(w.db, type, restored);
    w.records.push({ type, id: input.id, op: ChangeOp.RESTORE, version: latest.version + 1, before: current, after: restored });
    return { type, id: input.id };
  },
};

const RELATION_FAMILIES = [
  { type: 'ActorRelation', node: 'Actor', kinds: ACTOR_RELATION_INVERSE },
  { type: 'EventRelation', node: 'Event', kinds: EVENT_RELATION_INVERSE },
  { type: 'StatementRelation', node: 'Statement', kinds: STATEMENT_RELATION_INVERSE },
] as const;

/** A fact named by an entity id or a relation id, with its evidence, at the version expected. */
function citedFact(w: Write, id: string, expectedVersion: number | null | undefined): { type: DocType; before: AnyDoc & { evidence: SpanDoc[] } } {
  const entity = typeOfId(id);
  const family = entity ? null : RELATION_FAMILIES.find((f) => readDoc(w.db, f.type, id));
  const type: DocType = entity && entity !== 'Place' && entity !== 'Source' ? entity : family ? family.type : refuse(UserErrorCode.NOT_FOUND, ['input', 'node'], `input.node: no fact with id "${id}"`);
  return { type, before: w.current(type, id, expectedVersion, ['input', 'node']) as AnyDoc & { evidence: SpanDoc[] } };
}

/** The nodes a document refers to, by type, so a restore can refuse dangling references. */
function referencesOf(doc: AnyDoc): [DocType, string[]][] {
  const row = doc.row as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? [v] : []);
  const spans = (doc as { evidence?: SpanDoc[]; cues?: SpanDoc[] });
  const sources = [...(spans.evidence ?? []), ...(spans.cues ?? [])].map((s) => s.sourceId);
  const out: [DocType, string[]][] = [['Source', sources], ['Actor', [...str(row.actorId), ...str(row.holderId), ...str(row.speakerId), ...str(row.targetId)]], ['Issue', str(row.issueId)]];
  if ('affiliations' in doc) out.push(['Actor', doc.affiliations.map((a) => a.organizationId)], ['Source', doc.affiliations.flatMap((a) => a.evidence.map((e) => e.sourceId))]);
  if ('participants' in doc) out.push(['Actor', doc.participants.map((p) => p.actorId)]);
  if ('obstacles' in doc) out.push(['Actor', doc.obstacles.flatMap((o) => o.partyIds)], ['Source', doc.obstacles.flatMap((o) => o.evidence.map((e) => e.sourceId))]);
  if ('issueIds' in doc) out.push(['Issue', doc.issueIds]);
  if ('conditionIds' in doc) out.push(['Issue', doc.conditionIds], ['Statement', doc.statementIds]);
  if (typeof row.eventId === 'string') out.push(['Event', [row.eventId]]);
  return out;
}
