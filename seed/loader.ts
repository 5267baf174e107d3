/**
 * The seed loader: reads the curated YAML in `seed/data/`, validates it, turns every quote
 * into a code-point span of the article, checks every reference and id, and only then
 * replaces the database's content in one transaction. Any refusal names the file and the
 * entry and leaves the database exactly as it was.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Db } from '../src/db/client.js';
import * as t from '../src/db/tables.js';
import { Certainty, Polarity } from '../src/shared/enums.js';
import { SEED_DIR } from '../src/shared/paths.js';
import { dateColumns } from '../src/shared/partial-date.js';
import { relationId } from '../src/shared/relation-ids.js';
import { recordSeedRevision } from '../src/store/history.js';
import { CodePointText, contentHash, SpanError, type TextSpan } from '../src/shared/text-span.js';
import {
  seedFiles,
  sourceFile,
  type ActorEntry,
  type EventEntry,
  type FactualityInput,
  type IssueEntry,
  type PlaceEntry,
  type PositionEntry,
  type Quote,
  type SourceFile,
  type StatementEntry,
} from './format.js';

export class SeedError extends Error {
  override name = 'SeedError';
  constructor(
    readonly file: string,
    readonly entry: string,
    message: string,
  ) {
    super(`${file}, entry ${entry}: ${message}`);
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
}

type CueSubject = Pick<typeof t.factualityCues.$inferInsert, 'eventId' | 'statementId' | 'positionId'>;


function readYaml(dir: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new SeedError(file, '(file)', `cannot read ${join(dir, file)}`);
  }
  try {
    return parse(text);
  } catch (e) {
    throw new SeedError(file, '(file)', `not valid YAML: ${(e as Error).message}`);
  }
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

/**
 * The entries of one kind: from `<kind>.jsonl` (one JSON entry a line, read line by line, a
 * refusal naming the line) when the bundle has it, else from `<kind>.yaml` (a list).
 */
function readEntries<S extends z.ZodType>(dataDir: string, kind: string, list: z.ZodArray<S>): z.infer<S>[] {
  const jsonl = `${kind}.jsonl`;
  if (!existsSync(join(dataDir, jsonl))) return validate(list, readYaml(dataDir, `${kind}.yaml`), `${kind}.yaml`);
  const entries: z.infer<S>[] = [];
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
    const result = list.element.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const id = (data as { id?: unknown } | null)?.id;
      throw new SeedError(jsonl, typeof id === 'string' ? `${id} (line ${line})` : `line ${line}`, `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`);
    }
    entries.push(result.data);
  }
  return entries;
}

function validate<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const [index, ...rest] = issue.path;
  let entry = '(file)';
  if (typeof index === 'number' && Array.isArray(data)) {
    const id = (data[index] as { id?: unknown } | undefined)?.id;
    entry = typeof id === 'string' ? id : `#${index + 1}`;
  }
  const where = (typeof index === 'number' ? rest : issue.path).join('.');
  throw new SeedError(file, entry, `${where ? where + ': ' : ''}${issue.message}`);
}

/** Reads, validates and resolves the seed in `dir` without touching any database. */
export function readSeed(dir: string = SEED_DIR): SeedPlan {
  const dataDir = join(dir, 'data');
  // One source (`source.yaml`, as in seed/) or several (`sources.yaml`, a list, as an exported bundle has).
  const many = existsSync(join(dataDir, 'sources.yaml'));
  const sourcesFile = many ? 'sources.yaml' : 'source.yaml';
  const sourceList: SourceFile[] = many ? validate(z.array(sourceFile).min(1), readYaml(dataDir, sourcesFile), sourcesFile) : [validate(sourceFile, readYaml(dataDir, sourcesFile), sourcesFile)];
  const texts = new Map<string, CodePointText>();
  const sourceRows: SeedPlan['sources'] = [];
  for (const source of sourceList) {
    let text: string;
    try {
      text = readFileSync(join(dir, source.file), 'utf8');
    } catch {
      throw new SeedError(sourcesFile, source.id, `text file ${source.file} not found in ${dir}`);
    }
    if (texts.has(source.id)) throw new SeedError(sourcesFile, source.id, `duplicate id ${source.id}`);
    texts.set(source.id, new CodePointText(text));
    sourceRows.push({ id: source.id, title: source.title, text, url: source.url ?? null, contentHash: contentHash(text), ...dateColumns('published', source.published) });
  }
  // A quote names its source; with one source it may leave it out.
  const defaultSource = sourceList.length === 1 ? sourceList[0]!.id : undefined;

  const places: PlaceEntry[] = readEntries(dataDir, 'places', seedFiles['places.yaml']);
  const actors: ActorEntry[] = readEntries(dataDir, 'actors', seedFiles['actors.yaml']);
  const issues: IssueEntry[] = readEntries(dataDir, 'issues', seedFiles['issues.yaml']);
  const events: EventEntry[] = readEntries(dataDir, 'events', seedFiles['events.yaml']);
  const statements: StatementEntry[] = readEntries(dataDir, 'statements', seedFiles['statements.yaml']);
  const positions: PositionEntry[] = readEntries(dataDir, 'positions', seedFiles['positions.yaml']);

  // Ids are unique across the whole seed (their type prefix makes a clash a real mistake).
  const known = new Set<string>(texts.keys());
  const declare = (file: string, id: string) => {
    if (known.has(id)) throw new SeedError(file, id, `duplicate id ${id}`);
    known.add(id);
  };
  places.forEach((p) => declare('places.yaml', p.id));
  actors.forEach((a) => declare('actors.yaml', a.id));
  issues.forEach((i) => {
    declare('issues.yaml', i.id);
    i.obstacles.forEach((o) => declare('issues.yaml', o.id));
  });
  events.forEach((e) => declare('events.yaml', e.id));
  statements.forEach((s) => declare('statements.yaml', s.id));
  positions.forEach((p) => declare('positions.yaml', p.id));

  const ref = (file: string, entry: string, id: string | undefined) => {
    if (id !== undefined && !known.has(id)) throw new SeedError(file, entry, `refers to ${id}, which no seed file defines`);
    return id ?? null;
  };

  const plan: SeedPlan = {
    sources: sourceRows,
    places: [], actors: [], actorAliases: [], affiliations: [], actorRelations: [], events: [],
    eventParticipants: [], eventRelations: [], eventIssues: [], issues: [], issueObstacles: [],
    issueObstacleParties: [], statements: [], statementRelations: [], statementIssues: [],
    positions: [], positionStatements: [], positionConditions: [], evidence: [], factualityCues: [],
  };

  /** Locates each quote in its source; evidence and factuality cues are checked alike. */
  const locate = (file: string, entry: string, quotes: Quote[], what: string) =>
    quotes.map((q) => {
      const { quote, occurrence, source: sourceId = defaultSource } = typeof q === 'string' ? { quote: q } as { quote: string; occurrence?: number; source?: string } : q;
      if (sourceId === undefined) throw new SeedError(file, entry, `${what} "${quote}" must name its source: the bundle has ${texts.size}`);
      const text = texts.get(sourceId);
      if (!text) throw new SeedError(file, entry, `${what} cites unknown source ${sourceId}`);
      let span: TextSpan;
      try {
        span = text.locate(quote, occurrence);
      } catch (e) {
        if (e instanceof SpanError) throw new SeedError(file, entry, `${what}: ${e.message}`);
        throw e;
      }
      return { sourceId, ...span };
    });
  const cite = (file: string, entry: string, quotes: Quote[], subject: EvidenceSubject) => {
    for (const span of locate(file, entry, quotes, 'evidence')) plan.evidence.push({ ...span, ...subject });
  };

  /** The factuality columns of an entry; its cues go to `factualityCues`. */
  const factualityOf = (file: string, entry: string, f: FactualityInput | undefined, subject: CueSubject, defaultHolder: string | null = null) => {
    for (const span of locate(file, entry, f?.cues ?? [], 'factuality cue')) plan.factualityCues.push({ ...span, ...subject });
    return {
      certainty: f?.certainty ?? Certainty.CERTAIN,
      polarity: f?.polarity ?? Polarity.POSITIVE,
      holderId: f?.holder === undefined ? defaultHolder : f.holder === null ? null : ref(file, entry, f.holder),
    };
  };

  for (const p of places) {
    plan.places.push({ id: p.id, name: p.name, countryCode: p.countryCode ?? null, latitude: p.latitude ?? null, longitude: p.longitude ?? null });
  }

  for (const a of actors) {
    const F = 'actors.yaml';
    plan.actors.push({ id: a.id, name: a.name, kind: a.kind, countryCode: a.countryCode ?? null, cameoCode: a.cameoCode ?? null, description: a.description });
    new Set(a.aliases).forEach((alias) => plan.actorAliases.push({ actorId: a.id, alias }));
    cite(F, a.id, a.evidence, { actorId: a.id });
    for (const af of a.affiliations) {
      const id = relationId(a.id, 'AFFILIATED_WITH', af.organization);
      ref(F, a.id, af.organization);
      plan.affiliations.push({ id, actorId: a.id, organizationId: af.organization, role: af.role ?? null });
      cite(F, a.id, af.evidence, { affiliationId: id });
    }
    for (const r of a.relations) {
      const id = relationId(a.id, r.kind, r.object);
      ref(F, a.id, r.object);
      plan.actorRelations.push({ id, subjectId: a.id, objectId: r.object, kind: r.kind, note: r.note ?? null, certainty: r.certainty });
      cite(F, a.id, r.evidence, { actorRelationId: id });
    }
  }

  for (const i of issues) {
    const F = 'issues.yaml';
    plan.issues.push({ id: i.id, name: i.name, description: i.description });
    cite(F, i.id, i.evidence, { issueId: i.id });
    for (const o of i.obstacles) {
      plan.issueObstacles.push({ id: o.id, issueId: i.id, description: o.description, certainty: o.certainty });
      new Set(o.parties).forEach((actorId) => plan.issueObstacleParties.push({ obstacleId: o.id, actorId: ref(F, o.id, actorId)! }));
      cite(F, o.id, o.evidence, { obstacleId: o.id });
    }
  }

  for (const e of events) {
    const F = 'events.yaml';
    plan.events.push({
      id: e.id, title: e.title, summary: e.summary, kind: e.kind, status: e.status,
      ...dateColumns('start', e.start), ...dateColumns('end', e.end),
      durationDays: e.durationDays ?? null, durationNote: e.durationNote ?? null,
      locationId: ref(F, e.id, e.location), cameoCode: e.cameoCode ?? null,
      ...factualityOf(F, e.id, e.factuality, { eventId: e.id }),
    });
    cite(F, e.id, e.evidence, { eventId: e.id });
    e.participants.forEach((p) => plan.eventParticipants.push({ eventId: e.id, actorId: ref(F, e.id, p.actor)!, role: p.role }));
    new Set(e.issues).forEach((issueId) => plan.eventIssues.push({ eventId: e.id, issueId: ref(F, e.id, issueId)! }));
    for (const r of e.relations) {
      const id = relationId(e.id, r.kind, r.object);
      plan.eventRelations.push({ id, subjectId: e.id, objectId: ref(F, e.id, r.object)!, kind: r.kind, note: r.note ?? null, certainty: r.certainty });
      cite(F, e.id, r.evidence, { eventRelationId: id });
    }
  }

  for (const s of statements) {
    const F = 'statements.yaml';
    plan.statements.push({
      id: s.id, kind: s.kind, summary: s.summary, speakerId: ref(F, s.id, s.speaker),
      attributionKind: s.attribution.kind, attributionDetail: s.attribution.detail ?? null,
      targetId: ref(F, s.id, s.target), ...dateColumns('date', s.date), eventId: ref(F, s.id, s.event),
      // A statement relays its speaker's view unless its factuality names another holder.
      ...factualityOf(F, s.id, s.factuality, { statementId: s.id }, s.speaker ?? null),
    });
    cite(F, s.id, s.evidence, { statementId: s.id });
    new Set(s.issues).forEach((issueId) => plan.statementIssues.push({ statementId: s.id, issueId: ref(F, s.id, issueId)! }));
    for (const r of s.relations) {
      const id = relationId(s.id, r.kind, r.object);
      plan.statementRelations.push({ id, subjectId: s.id, objectId: ref(F, s.id, r.object)!, kind: r.kind, certainty: r.certainty });
      cite(F, s.id, r.evidence, { statementRelationId: id });
    }
  }

  for (const p of positions) {
    const F = 'positions.yaml';
    plan.positions.push({
      id: p.id, actorId: ref(F, p.id, p.actor)!, issueId: ref(F, p.id, p.issue)!, stance: p.stance,
      firmness: p.firmness, isPrecondition: p.isPrecondition, summary: p.summary,
      ...factualityOf(F, p.id, p.factuality, { positionId: p.id }),
    });
    cite(F, p.id, p.evidence, { positionId: p.id });
    new Set(p.conditions).forEach((issueId) => plan.positionConditions.push({ positionId: p.id, issueId: ref(F, p.id, issueId)! }));
    new Set(p.statements).forEach((statementId) => plan.positionStatements.push({ positionId: p.id, statementId: ref(F, p.id, statementId)! }));
  }

  const held = new Map<string, string>();
  for (const p of plan.positions) {
    const first = held.get(`${p.actorId}|${p.issueId}`);
    if (first) throw new SeedError('positions.yaml', p.id, `${first} already holds ${p.actorId}'s position on ${p.issueId}: one position per actor and issue`);
    held.set(`${p.actorId}|${p.issueId}`, p.id);
  }
  checkUnique('events.yaml', plan.eventParticipants.map((p) => `${p.eventId}|${p.actorId}|${p.role}`), 'participant');
  checkUnique('actors.yaml', plan.actorRelations.map((r) => r.id), 'relation');
  checkUnique('actors.yaml', plan.affiliations.map((r) => r.id), 'affiliation');
  checkUnique('events.yaml', plan.eventRelations.map((r) => r.id), 'relation');
  checkUnique('statements.yaml', plan.statementRelations.map((r) => r.id), 'relation');
  return plan;
}

function checkUnique(file: string, ids: string[], what: string) {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new SeedError(file, id.split('|')[0]!, `the same ${what} is listed twice (${id})`);
    seen.add(id);
  }
}

/** Tables in the order they are filled; deleted in the reverse order. */
const TABLE_ORDER = [
  ['sources', t.sources], ['places', t.places], ['actors', t.actors], ['actorAliases', t.actorAliases],
  ['affiliations', t.affiliations], ['actorRelations', t.actorRelations], ['issues', t.issues],
  ['issueObstacles', t.issueObstacles], ['issueObstacleParties', t.issueObstacleParties], ['events', t.events],
  ['eventParticipants', t.eventParticipants], ['eventRelations', t.eventRelations], ['eventIssues', t.eventIssues],
  ['statements', t.statements], ['statementRelations', t.statementRelations], ['statementIssues', t.statementIssues],
  ['positions', t.positions], ['positionStatements', t.positionStatements], ['positionConditions', t.positionConditions],
  ['evidence', t.evidence], ['factualityCues', t.factualityCues],
] as const;


/**
 * Replaces the whole content of the database with a plan of rows, in one transaction, and
 * makes it revision 1 by "seed" (earlier history goes; API keys stay). For tests that build
 * large synthetic plans in memory; `npm run seed` and first start import the seed bundle
 * (`seedDatabase` in src/bulk/import.ts). Every span is checked against its source text
 * first: a span that does not match is refused here too.
 */
export function writeSeed(db: Db, plan: SeedPlan): void {
  const texts = new Map(plan.sources.map((s) => [s.id, new CodePointText(s.text)]));
  for (const e of [...plan.evidence, ...plan.factualityCues]) {
    const text = texts.get(e.sourceId);
    if (!text) throw new SpanError(`evidence cites unknown source ${e.sourceId}`);
    text.verify(e);
  }
  db.transaction(() => {
    clearKnowledge(db);
    insertPlan(db, plan);
    // The same connection, so inside this transaction: the seed is revision 1 of the history.
    recordSeedRevision(db);
  });
}

/** Deletes every fact, link and span (what refers first); the caller holds the transaction. */
export function clearKnowledge(db: Db): void {
  for (const [, table] of [...TABLE_ORDER].reverse()) db.delete(table).run();
}

/**
 * Inserts every row of a plan, table by table; the caller holds the transaction. One prepared
 * statement per table, run row by row: building SQL per call (drizzle's insert builder) cost
 * most of a large import's time. Absent values take the column's default; every value goes
 * through its column's driver mapping.
 */
export function insertPlan(db: Db, plan: SeedPlan): void {
  for (const [key, table] of TABLE_ORDER) {
    const rows = plan[key] as Record<string, unknown>[];
    if (rows.length === 0) continue;
    const { name } = getTableConfig(table);
    const fields = Object.entries(getTableColumns(table)).map(([field, column]) => ({ field, column, db: column.name }));
    const insert = db.$client.prepare(`INSERT INTO "${name}" (${fields.map((f) => `"${f.db}"`).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`);
    for (const row of rows) {
      insert.run(
        fields.map(({ field, column }) => {
          const value = row[field] === undefined ? (column.hasDefault ? column.default : null) : row[field];
          // The column's own mapping, as drizzle's builder would apply it (booleans → 1/0, JSON → text).
          return value === null || value === undefined ? null : column.mapToDriverValue(value);
        }),
      );
    }
  }
}


/** True when the database holds no source yet (first start). */
export function isEmpty(db: Db): boolean {
  return db.select({ id: t.sources.id }).from(t.sources).limit(1).all().length === 0;
}
