/**
 * The bundle reader: reads a bundle (a folder in the `seed/` layout: the curated YAML of
 * `seed/data/`, or JSON lines), validates it, turns every quote into a code-point span of its
 * source and checks every reference and id, entry by entry, without touching any database.
 * Any refusal (a SeedError) names the file and the entry; the import (`import.ts`) walks it
 * inside its writing transaction, which a refusal rolls back, so a refused bundle writes nothing.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import { isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import * as t from '../db/tables.js';
import { Certainty, Polarity } from '../shared/enums.js';
import { SEED_DIR } from '../shared/paths.js';
import { addDerivedReports, originIn } from './plan-reports.js';
import { reportId } from '../store/reports.js';
import { relationId } from '../shared/relation-ids.js';
import { CodePointText, contentHash, SpanError } from '../shared/text-span.js';
import { columnsOf, referencesOf, type EntityType } from '../store/entities.js';
import {
  seedFiles,
  sourceFile,
  type ActorEntry,
  type EventEntry,
  type FactualityInput,
  type ReportInput,
  type IssueEntry,
  type PlaceEntry,
  type PositionEntry,
  type Quote,
  type SourceFile,
  type StatementEntry,
} from './bundle-format.js';

export class SeedError extends Error {
  override name = 'SeedError';
  constructor(
    readonly file: string,
    readonly entry: string,
    message: string,
    /** The entry's first line in its file, when known. */
    readonly line?: number,
  ) {
    super(`${file}, entry ${entry}${line === undefined ? '' : ` (line ${line})`}: ${message}`);
  }
}

type EvidenceSubject = Pick<
  typeof t.evidence.$inferInsert,
  | 'actorId' | 'eventId' | 'statementId' | 'issueId' | 'positionId' | 'affiliationId'
  | 'actorRelationId' | 'eventRelationId' | 'statementRelationId' | 'obstacleId'
>;

/** Every row the seed writes, table by table, ready to insert. */
export interface SeedPlan {
  sources: (typeof t.sources.$inferInsert)[];
  places: (typeof t.places.$inferInsert)[];
  actors: (typeof t.actors.$inferInsert)[];
  actorAliases: (typeof t.actorAliases.$inferInsert)[];
  affiliations: (typeof t.affiliations.$inferInsert)[];
  actorRelations: (typeof t.actorRelations.$inferInsert)[];
  events: (typeof t.events.$inferInsert)[];
  eventParticipants: (typeof t.eventParticipants.$inferInsert)[];
  eventRelations: (typeof t.eventRelations.$inferInsert)[];
  eventIssues: (typeof t.eventIssues.$inferInsert)[];
  issues: (typeof t.issues.$inferInsert)[];
  issueObstacles: (typeof t.issueObstacles.$inferInsert)[];
  issueObstacleParties: (typeof t.issueObstacleParties.$inferInsert)[];
  statements: (typeof t.statements.$inferInsert)[];
  statementRelations: (typeof t.statementRelations.$inferInsert)[];
  statementIssues: (typeof t.statementIssues.$inferInsert)[];
  positions: (typeof t.positions.$inferInsert)[];
  positionStatements: (typeof t.positionStatements.$inferInsert)[];
  positionConditions: (typeof t.positionConditions.$inferInsert)[];
  evidence: (typeof t.evidence.$inferInsert)[];
  factualityCues: (typeof t.factualityCues.$inferInsert)[];
  reports: (typeof t.reports.$inferInsert)[];
  reportSpans: (typeof t.reportSpans.$inferInsert)[];
}

type CueSubject = Pick<typeof t.factualityCues.$inferInsert, 'eventId' | 'statementId' | 'positionId'>;

/** An entity's row as the plan holds it (`Actor`: a row of `actors` …). */
type PlanRow<T extends EntityType> = SeedPlan[`${Lowercase<T>}s`][number];


/** A YAML file's data, and, when it is a list, the line each item starts on. */
function readYamlWithLines(dir: string, file: string): { data: unknown; lines: (number | undefined)[] } {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new SeedError(file, '(file)', `cannot read ${join(dir, file)}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) throw new SeedError(file, '(file)', `not valid YAML: ${doc.errors[0]!.message}`);
  const lines = isSeq(doc.contents) ? doc.contents.items.map((item) => (isNode(item) && item.range ? lineCounter.linePos(item.range[0]).line : undefined)) : [];
  return { data: doc.toJS(), lines };
}

/** The lines of a file, read in chunks (never whole), decoded across chunk boundaries. */
function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(1 << 16);
  let pending = '';
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      const parts = (pending + decoder.write(buffer.subarray(0, n))).split('\n');
      pending = parts.pop()!;
      yield* parts;
    }
    pending += decoder.end();
    if (pending !== '') yield pending;
  } finally {
    closeSync(fd);
  }
}

/** One entry of a kind: its validated value and how a refusal names it. */
interface Entry<T> {
  value: T;
  /** The entry's id (or its place when it has none). */
  label: string;
  /** The line it starts on. */
  line?: number;
}

/**
 * The entries of one kind, one at a time: from `<kind>.jsonl` (one JSON entry a line, read
 * line by line and never whole, a refusal naming the line) when the bundle has it, else from
 * `<kind>.yaml` (a list, the small hand-written form).
 */
function* entriesOf<S extends z.ZodType>(dataDir: string, kind: string, list: z.ZodArray<S>): Generator<Entry<z.infer<S>>> {
  const jsonl = `${kind}.jsonl`;
  if (!existsSync(join(dataDir, jsonl))) {
    const file = `${kind}.yaml`;
    const { data, lines } = readYamlWithLines(dataDir, file);
    if (!Array.isArray(data)) validate(list, data, file);
    for (const [index, item] of (data as unknown[]).entries()) {
      const value = validate(list, [item], file, index, lines[index]);
      const id = (item as { id?: unknown } | null)?.id;
      yield { value: value[0]!, label: typeof id === 'string' ? id : `#${index + 1}`, line: lines[index] };
    }
    return;
  }
  let line = 0;
  for (const text of linesOf(join(dataDir, jsonl))) {
    line++;
    if (text.trim() === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (e) {
      throw new SeedError(jsonl, `line ${line}`, `not valid JSON: ${(e as Error).message}`);
    }
    const id = (data as { id?: unknown } | null)?.id;
    const [label, at] = typeof id === 'string' ? [id, line] : [`line ${line}`, undefined];
    const result = list.element.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new SeedError(jsonl, label, `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`, at);
    }
    yield { value: result.data, label, line: at };
  }
}

/**
 * Validates `data` against `schema`; a refusal names the entry by its id (or #position). With
 * `offset`, `data` is the one entry at that position of the file's list.
 */
function validate<S extends z.ZodType>(schema: S, data: unknown, file: string, offset = 0, line?: number): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const [index, ...rest] = issue.path;
  let entry = '(file)';
  if (typeof index === 'number' && Array.isArray(data)) {
    const id = (data[index] as { id?: unknown } | undefined)?.id;
    entry = typeof id === 'string' ? id : `#${index + offset + 1}`;
  }
  const where = (typeof index === 'number' ? rest : issue.path).join('.');
  throw new SeedError(file, entry, `${where ? where + ': ' : ''}${issue.message}`, line);
}

/** A plan with no rows: what one entry's rows are gathered into. */
export function emptyPlan(): SeedPlan {
  return {
    sources: [], places: [], actors: [], actorAliases: [], affiliations: [], actorRelations: [], events: [],
    eventParticipants: [], eventRelations: [], eventIssues: [], issues: [], issueObstacles: [],
    issueObstacleParties: [], statements: [], statementRelations: [], statementIssues: [],
    positions: [], positionStatements: [], positionConditions: [], evidence: [], factualityCues: [],
    reports: [], reportSpans: [],
  };
}

/** One entry of a bundle as the walk hands it on: where it is, and its rows. */
export interface BundleEntry {
  file: string;
  entry: string;
  rows: SeedPlan;
}

/** How many rows of each table a bundle holds. */
export type BundleCounts = { [K in keyof SeedPlan]: number };

/** The entry's rows are gathered through these; each names the file and entry in a refusal. */
interface EntryContext {
  rows: SeedPlan;
  /**
   * The entry's id and its fields' columns (its entity description's: every field, an absent
   * one at its fallback), every reference checked with `ref`; the caller adds what is not a
   * field (factuality).
   */
  fields<T extends EntityType>(type: T, entry: { id: string }): PlanRow<T>;
  /** The id, checked: known now, or checked when the walk ends (a forward reference). */
  ref(id: string): string;
  ref(id: string | undefined): string | null;
  /** Evidence spans for a subject, each quote located in its source. */
  cite(quotes: Quote[], subject: EvidenceSubject): void;
  /** The fact's reports as the entry gives them (none: derived when the entry is done). */
  reports(list: ReportInput[] | undefined, subject: CueSubject): void;
  /** The factuality columns; the cues go to `factualityCues`. */
  factualityOf(f: FactualityInput | undefined, subject: CueSubject, defaultHolder?: string | null): { certainty: Certainty; polarity: Polarity; holderId: string | null };
}

/** Each kind of entry: its file, the ids it declares, and the rows it becomes (in the order written). */
const KINDS = [
  {
    kind: 'places', list: seedFiles['places.yaml'], ids: (p: PlaceEntry) => [p.id],
    rows: (p: PlaceEntry, c: EntryContext) => {
      c.rows.places.push({ id: p.id, name: p.name, countryCode: p.countryCode ?? null, latitude: p.latitude ?? null, longitude: p.longitude ?? null });
    },
  },
  {
    kind: 'actors', list: seedFiles['actors.yaml'], ids: (a: ActorEntry) => [a.id],
    rows: (a: ActorEntry, c: EntryContext) => {
      c.rows.actors.push(c.fields('Actor', a));
      new Set(a.aliases).forEach((alias) => c.rows.actorAliases.push({ actorId: a.id, alias }));
      c.cite(a.evidence, { actorId: a.id });
      for (const af of a.affiliations) {
        const id = relationId(a.id, 'AFFILIATED_WITH', af.organization);
        c.rows.affiliations.push({ id, actorId: a.id, organizationId: c.ref(af.organization), role: af.role ?? null });
        c.cite(af.evidence, { affiliationId: id });
      }
      for (const r of a.relations) {
        const id = relationId(a.id, r.kind, r.object);
        c.rows.actorRelations.push({ id, subjectId: a.id, objectId: c.ref(r.object), kind: r.kind, note: r.note ?? null, certainty: r.certainty });
        c.cite(r.evidence, { actorRelationId: id });
      }
    },
  },
  {
    kind: 'issues', list: seedFiles['issues.yaml'], ids: (i: IssueEntry) => [i.id, ...i.obstacles.map((o) => o.id)],
    rows: (i: IssueEntry, c: EntryContext) => {
      c.rows.issues.push(c.fields('Issue', i));
      c.cite(i.evidence, { issueId: i.id });
      for (const o of i.obstacles) {
        c.rows.issueObstacles.push({ id: o.id, issueId: i.id, description: o.description, certainty: o.certainty });
        new Set(o.parties).forEach((actorId) => c.rows.issueObstacleParties.push({ obstacleId: o.id, actorId: c.ref(actorId) }));
        c.cite(o.evidence, { obstacleId: o.id });
      }
    },
  },
  {
    kind: 'events', list: seedFiles['events.yaml'], ids: (e: EventEntry) => [e.id],
    rows: (e: EventEntry, c: EntryContext) => {
      c.rows.events.push({ ...c.fields('Event', e), ...c.factualityOf(e.factuality, { eventId: e.id }) });
      c.cite(e.evidence, { eventId: e.id });
      c.reports(e.reports, { eventId: e.id });
      e.participants.forEach((p) => c.rows.eventParticipants.push({ eventId: e.id, actorId: c.ref(p.actor), role: p.role }));
      new Set(e.issues).forEach((issueId) => c.rows.eventIssues.push({ eventId: e.id, issueId: c.ref(issueId) }));
      for (const r of e.relations) {
        const id = relationId(e.id, r.kind, r.object);
        c.rows.eventRelations.push({ id, subjectId: e.id, objectId: c.ref(r.object), kind: r.kind, note: r.note ?? null, certainty: r.certainty });
        c.cite(r.evidence, { eventRelationId: id });
      }
    },
  },
  {
    kind: 'statements', list: seedFiles['statements.yaml'], ids: (s: StatementEntry) => [s.id],
    rows: (s: StatementEntry, c: EntryContext) => {
      // A statement relays its speaker's view unless its factuality names another holder.
      c.rows.statements.push({ ...c.fields('Statement', s), ...c.factualityOf(s.factuality, { statementId: s.id }, s.speaker ?? null) });
      c.cite(s.evidence, { statementId: s.id });
      c.reports(s.reports, { statementId: s.id });
      new Set(s.issues).forEach((issueId) => c.rows.statementIssues.push({ statementId: s.id, issueId: c.ref(issueId) }));
      for (const r of s.relations) {
        const id = relationId(s.id, r.kind, r.object);
        c.rows.statementRelations.push({ id, subjectId: s.id, objectId: c.ref(r.object), kind: r.kind, certainty: r.certainty });
        c.cite(r.evidence, { statementRelationId: id });
      }
    },
  },
  {
    kind: 'positions', list: seedFiles['positions.yaml'], ids: (p: PositionEntry) => [p.id],
    rows: (p: PositionEntry, c: EntryContext) => {
      c.rows.positions.push({ ...c.fields('Position', p), ...c.factualityOf(p.factuality, { positionId: p.id }) });
      c.cite(p.evidence, { positionId: p.id });
      c.reports(p.reports, { positionId: p.id });
      new Set(p.conditions).forEach((issueId) => c.rows.positionConditions.push({ positionId: p.id, issueId: c.ref(issueId) }));
      new Set(p.statements).forEach((statementId) => c.rows.positionStatements.push({ positionId: p.id, statementId: c.ref(statementId) }));
    },
  },
] as const;

/**
 * The bundle's sources: one (`source.yaml`, as in seed/), several (`sources.yaml`, a list, as
 * an exported bundle has), or many (`sources.jsonl`, one a line, streamed like the other kinds).
 */
function* sourcesOf(dataDir: string): Generator<Entry<SourceFile> & { file: string }> {
  if (existsSync(join(dataDir, 'sources.jsonl'))) {
    for (const entry of entriesOf(dataDir, 'sources', z.array(sourceFile))) yield { file: 'sources.jsonl', ...entry };
    return;
  }
  const many = existsSync(join(dataDir, 'sources.yaml'));
  const file = many ? 'sources.yaml' : 'source.yaml';
  const { data, lines } = readYamlWithLines(dataDir, file);
  const list: SourceFile[] = many ? validate(z.array(sourceFile).min(1), data, file) : [validate(sourceFile, data, file)];
  for (const [index, value] of list.entries()) yield { file, value, label: value.id, line: many ? lines[index] : undefined };
}

/**
 * Walks a bundle once, entry by entry, turning each into its rows and checking everything
 * the seed's checks cover: the form of every entry (file and line named), quotes located in
 * their sources, ids unique across the bundle, references to ids the bundle defines, one
 * position per actor and issue, nothing listed twice. A reference to an id not seen yet is
 * checked when the walk ends, so entries may refer forward. Throws a SeedError at the first
 * fault. It holds the source texts, the ids and one entry at a time, whatever the bundle's size;
 * `onEntry` receives each entry's rows (sources first, then places, actors, issues, events,
 * statements, positions).
 */
export function walkBundle(dir: string, onEntry: (entry: BundleEntry) => void = () => {}): { entries: number; rows: BundleCounts } {
  const walk = bundleEntries(dir);
  for (let next = walk.next(); ; next = walk.next()) {
    if (next.done) return next.value;
    onEntry(next.value);
  }
}

/**
 * `walkBundle` as a generator: the entries one at a time, for a caller that awaits between
 * them (an import writing each entry through the async stores); returns the counts.
 */
export function* bundleEntries(dir: string): Generator<BundleEntry, { entries: number; rows: BundleCounts }> {
  const dataDir = join(dir, 'data');
  const counts = Object.fromEntries(Object.keys(emptyPlan()).map((k) => [k, 0])) as BundleCounts;
  let entries = 0;
  const count = (entry: BundleEntry): BundleEntry => {
    for (const key of Object.keys(counts) as (keyof SeedPlan)[]) counts[key] += entry.rows[key].length;
    entries++;
    return entry;
  };

  const texts = new Map<string, CodePointText>();
  /** What each source reprints, for the reports' origins (checked once every source is read). */
  const reprints = new Map<string, string | null>();
  const sourceLines = new Map<string, { file: string; label: string; line?: number }>();
  let lastSource: string | undefined;
  for (const { file, value: source, label, line } of sourcesOf(dataDir)) {
    let text: string;
    try {
      text = readFileSync(join(dir, source.file), 'utf8');
    } catch {
      throw new SeedError(file, label, `text file ${source.file} not found in ${dir}`, line);
    }
    if (texts.has(source.id)) throw new SeedError(file, label, `duplicate id ${source.id}`, line);
    texts.set(source.id, new CodePointText(text));
    reprints.set(source.id, source.reprintOf ?? null);
    sourceLines.set(source.id, { file, label, line });
    lastSource = source.id;
    const rows = emptyPlan();
    rows.sources.push({ id: source.id, ...(columnsOf('Source', source, 'create', 'bundle') as Omit<PlanRow<'Source'>, 'id' | 'text' | 'contentHash'>), text, contentHash: contentHash(text) });
    yield count({ file, entry: label, rows });
  }
  if (texts.size === 0) throw new SeedError('sources.jsonl', '(file)', 'a bundle needs at least one source');
  for (const [id, of] of reprints) {
    if (of === null) continue;
    const where = sourceLines.get(id)!;
    if (!texts.has(of)) throw new SeedError(where.file, where.label, `reprintOf names ${of}, which the bundle does not define`, where.line);
    let at: string | null = id;
    for (let steps = 0; at !== null && steps <= reprints.size; steps++) at = reprints.get(at) ?? null;
    if (at !== null) throw new SeedError(where.file, where.label, `reprintOf makes a cycle through ${id}`, where.line);
  }
  const originOf = originIn(reprints);
  // A quote names its source; with one source it may leave it out.
  const defaultSource = texts.size === 1 ? lastSource : undefined;

  // Ids are unique across the whole bundle (their type prefix makes a clash a real mistake).
  const known = new Set<string>(texts.keys());
  /** References to ids not defined when they were met: the first place each was met. */
  const forward = new Map<string, { file: string; entry: string; line?: number }>();
  /** Who holds each actor's position on each issue. */
  const held = new Map<string, string>();

  for (const { kind, list, ids, rows: rowsOf } of KINDS) {
    const jsonl = existsSync(join(dataDir, `${kind}.jsonl`));
    const file = `${kind}.${jsonl ? 'jsonl' : 'yaml'}`;
    for (const { value, label, line } of entriesOf(dataDir, kind, list as z.ZodArray<z.ZodType>)) {
      for (const id of (ids as (v: unknown) => string[])(value)) {
        if (known.has(id)) throw new SeedError(file, label, `duplicate id ${id}`, line);
        known.add(id);
      }
      const rows = emptyPlan();
      const fail = (message: string): never => {
        throw new SeedError(file, label, message, line);
      };
      const locate = (quotes: Quote[], what: string) =>
        quotes.map((q) => {
          const { quote, occurrence, source: sourceId = defaultSource } = typeof q === 'string' ? ({ quote: q } as { quote: string; occurrence?: number; source?: string }) : q;
          if (sourceId === undefined) fail(`${what} "${quote}" must name its source: the bundle has ${texts.size}`);
          const text = texts.get(sourceId!) ?? fail(`${what} cites unknown source ${sourceId}`);
          try {
            return { sourceId: sourceId!, ...text.locate(quote, occurrence) };
          } catch (e) {
            if (e instanceof SpanError) fail(`${what}: ${e.message}`);
            throw e;
          }
        });
      const context: EntryContext = {
        rows,
        fields: (type, entry) => {
          for (const id of referencesOf(type, entry, 'bundle')) context.ref(id);
          return { id: entry.id, ...columnsOf(type, entry, 'create', 'bundle') } as never;
        },
        ref: ((id: string | undefined) => {
          if (id === undefined) return null;
          if (!known.has(id) && !forward.has(id)) forward.set(id, { file, entry: label, line });
          return id;
        }) as EntryContext['ref'],
        cite: (quotes, subject) => {
          for (const span of locate(quotes, 'evidence')) rows.evidence.push({ ...span, ...subject });
        },
        reports: (list, subject) => {
          const factId = (subject.eventId ?? subject.statementId ?? subject.positionId)!;
          for (const r of list ?? []) {
            const own = (quotes: Quote[], what: string) =>
              locate(quotes.map((q) => (typeof q === 'string' ? { quote: q, source: r.source } : { source: r.source, ...q })), what).map((span) => {
                if (span.sourceId !== r.source) fail(`${what} "${span.exact}" quotes ${span.sourceId}, not the report's source ${r.source}`);
                return span;
              });
            if (!texts.has(r.source)) fail(`a report names unknown source ${r.source}`);
            const id = reportId(factId, r.source);
            if (rows.reports.some((x) => x.id === id)) fail(`two reports by ${r.source}`);
            rows.reports.push({ id, eventId: null, statementId: null, positionId: null, ...subject, sourceId: r.source, originId: originOf(r.source), certainty: r.certainty, polarity: r.polarity, holderId: r.holder == null ? null : context.ref(r.holder) });
            for (const span of own(r.evidence, 'report evidence')) rows.reportSpans.push({ ...span, reportId: id, cue: false });
            for (const span of own(r.cues, 'report cue')) rows.reportSpans.push({ ...span, reportId: id, cue: true });
          }
        },
        factualityOf: (f, subject, defaultHolder = null) => {
          for (const span of locate(f?.cues ?? [], 'factuality cue')) rows.factualityCues.push({ ...span, ...subject });
          return {
            certainty: f?.certainty ?? Certainty.CERTAIN,
            polarity: f?.polarity ?? Polarity.POSITIVE,
            holderId: f?.holder === undefined ? defaultHolder : f.holder === null ? null : context.ref(f.holder),
          };
        },
      };
      (rowsOf as (v: unknown, c: EntryContext) => void)(value, context);
      addDerivedReports(rows, originOf);

      for (const p of rows.positions) {
        const first = held.get(`${p.actorId}|${p.issueId}`);
        if (first) fail(`${first} already holds ${p.actorId}'s position on ${p.issueId}: one position per actor and issue`);
        held.set(`${p.actorId}|${p.issueId}`, p.id);
      }
      checkUnique(fail, rows.eventParticipants.map((p) => `${p.eventId}|${p.actorId}|${p.role}`), 'participant');
      checkUnique(fail, rows.actorRelations.map((r) => r.id), 'relation');
      checkUnique(fail, rows.affiliations.map((r) => r.id), 'affiliation');
      checkUnique(fail, rows.eventRelations.map((r) => r.id), 'relation');
      checkUnique(fail, rows.statementRelations.map((r) => r.id), 'relation');
      yield count({ file, entry: label, rows });
    }
  }
  for (const [id, where] of forward) {
    if (!known.has(id)) throw new SeedError(where.file, where.entry, `refers to ${id}, which no seed file defines`, where.line);
  }
  return { entries, rows: counts };
}

/**
 * How many entries a bundle holds, for a progress bar, without validating them: the non-blank
 * lines of each JSON-lines file (counted in its bytes), the items of each YAML list. A fault is
 * left to the walk, which names it.
 */
export function countEntries(dir: string): number {
  const dataDir = join(dir, 'data');
  let n = 0;
  for (const kind of ['sources', ...KINDS.map((k) => k.kind)]) {
    const jsonl = join(dataDir, `${kind}.jsonl`);
    if (existsSync(jsonl)) {
      for (const line of linesOf(jsonl)) if (line.trim() !== '') n++;
      continue;
    }
    for (const file of kind === 'sources' ? ['sources.yaml', 'source.yaml'] : [`${kind}.yaml`]) {
      if (!existsSync(join(dataDir, file))) continue;
      try {
        const data = parseDocument(readFileSync(join(dataDir, file), 'utf8')).toJS();
        n += Array.isArray(data) ? data.length : 1;
      } catch {
        // the walk refuses it, naming the file
      }
      break;
    }
  }
  return n;
}

/** Reads, validates and resolves a whole bundle into one plan, without touching any database (small bundles and tests). */
export function readSeed(dir: string = SEED_DIR): SeedPlan {
  const plan = emptyPlan();
  walkBundle(dir, ({ rows }) => {
    for (const key of Object.keys(plan) as (keyof SeedPlan)[]) (plan[key] as unknown[]).push(...rows[key]);
  });
  return plan;
}

/** Refuses an entry that lists the same link twice. */
function checkUnique(fail: (message: string) => never, ids: string[], what: string) {
  if (ids.length < 2) return;
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(`the same ${what} is listed twice (${id})`);
    seen.add(id);
  }
}
