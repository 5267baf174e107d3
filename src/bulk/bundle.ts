/**
 * `npm run kb -- export --format bundle <dir>`: the knowledge base as a bundle in the `seed/`
 * layout — `data/sources.yaml` (one entry per source, its text beside it as `<slug>.txt`)
 * and one YAML file per kind of entry — that `kb import` (through the bundle reader) reads back.
 * Quotes are written as the words with the occurrence they are in their source, so the
 * bundle stays readable and its spans are located again, not trusted, on import.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Executor } from '../db/engine.js';
import { CodePointText } from '../shared/text-span.js';
import { ExportError } from './export-error.js';
import { allPlaces, nodeIds, relationIdsOf, type ExportedNode } from './export.store.js';
import { readDoc, type Docs, type SpanDoc } from '../store/documents.js';

/** Leaves out null and undefined members and empty lists, as the seed files do. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

function date(prefix: string, row: Record<string, unknown>) {
  return compact({ precision: row[`${prefix}Precision`], year: row[`${prefix}Year`], month: row[`${prefix}Month`], day: row[`${prefix}Day`], note: row[`${prefix}Note`] });
}

/**
 * Writes the bundle, reading through `q` (the export's snapshot): node ids streamed kind by
 * kind, documents read one at a time; memory holds the source texts (to count each quote's
 * occurrence) and one entry.
 */
export async function exportBundle(q: Executor, dir: string): Promise<{ file: string; records: number }[]> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const texts = new Map<string, CodePointText>();
  const quote = (s: SpanDoc) => {
    const text = texts.get(s.sourceId)!;
    const occurrence = text.occurrences(s.exact).indexOf(s.start) + 1;
    if (occurrence === 0) throw new ExportError(`a span of ${s.sourceId} at ${s.start}–${s.end} no longer matches its text ("${s.exact}"); the bundle would not import`);
    return { quote: s.exact, occurrence, source: s.sourceId };
  };
  const quotes = (list: SpanDoc[]) => list.map(quote);
  const factuality = (row: { certainty: string; polarity: string; holderId: string | null }, cues: SpanDoc[], defaultHolder: string | null) =>
    row.certainty === 'CERTAIN' && row.polarity === 'POSITIVE' && row.holderId === defaultHolder && cues.length === 0
      ? undefined
      : { certainty: row.certainty, polarity: row.polarity, holder: row.holderId, cues: quotes(cues) };

  // Ids streamed, documents one at a time: the export streams whatever the base's size.
  async function* docs<T extends keyof Docs & ExportedNode>(type: T): AsyncGenerator<Docs[T]> {
    for await (const id of nodeIds(q, type)) yield (await readDoc(q, type, id))!;
  }
  for await (const { row } of docs('Source')) texts.set(row.id, new CodePointText(row.text));
  /** A subject's relations, read when its entry is written. */
  const relationsOf = (type: 'ActorRelation' | 'EventRelation' | 'StatementRelation') => async (id: string) => {
    const out = [];
    for (const relationId of await relationIdsOf(q, type, id)) {
      const r = (await readDoc(q, type, relationId))! as Docs['ActorRelation'] | Docs['EventRelation'] | Docs['StatementRelation'];
      const note = 'note' in r.row ? r.row.note : undefined;
      out.push(compact({ kind: r.row.kind, object: r.row.objectId, note, certainty: r.row.certainty === 'CERTAIN' ? undefined : r.row.certainty, evidence: quotes(r.evidence) }));
    }
    return out;
  };
  const actorRelations = relationsOf('ActorRelation');
  const eventRelations = relationsOf('EventRelation');
  const statementRelations = relationsOf('StatementRelation');
  /** A lazy map: each entry is made when the file writer asks for it. */
  const map = <T, U>(items: Iterable<T> | AsyncIterable<T>, f: (item: T) => U | Promise<U>): AsyncIterable<U> => ({
    async *[Symbol.asyncIterator]() {
      for await (const item of items) yield await f(item);
    },
  });

  const files: Record<string, AsyncIterable<unknown>> = {
    'sources.yaml': map(docs('Source'), ({ row }) => {
      const file = `${row.id.slice('source:'.length)}.txt`;
      writeFileSync(join(dir, file), row.text);
      return compact({ id: row.id, title: row.title, file, url: row.url, published: date('published', row) });
    }),
    'places.yaml': map(allPlaces(q), (p) => compact({ id: p.id, name: p.name, countryCode: p.countryCode, latitude: p.latitude, longitude: p.longitude })),
    'actors.yaml': map(docs('Actor'), async (d) =>
      compact({
        id: d.row.id, name: d.row.name, kind: d.row.kind, aliases: d.aliases, countryCode: d.row.countryCode, cameoCode: d.row.cameoCode, description: d.row.description,
        evidence: quotes(d.evidence),
        affiliations: d.affiliations.map((a) => compact({ organization: a.organizationId, role: a.role, evidence: quotes(a.evidence) })),
        relations: await actorRelations(d.row.id),
      }),
    ),
    'issues.yaml': map(docs('Issue'), (d) =>
      compact({
        id: d.row.id, name: d.row.name, description: d.row.description, evidence: quotes(d.evidence),
        obstacles: d.obstacles.map((o) => compact({ id: o.id, description: o.description, parties: o.partyIds, certainty: o.certainty === 'CERTAIN' ? undefined : o.certainty, evidence: quotes(o.evidence) })),
      }),
    ),
    'events.yaml': map(docs('Event'), async (d) =>
      compact({
        id: d.row.id, title: d.row.title, summary: d.row.summary, kind: d.row.kind, status: d.row.status, start: date('start', d.row), end: date('end', d.row),
        durationDays: d.row.durationDays, durationNote: d.row.durationNote, location: d.row.locationId, cameoCode: d.row.cameoCode,
        participants: d.participants.map((p) => ({ actor: p.actorId, role: p.role })), issues: d.issueIds, relations: await eventRelations(d.row.id),
        factuality: factuality(d.row, d.cues, null), evidence: quotes(d.evidence),
      }),
    ),
    'statements.yaml': map(docs('Statement'), async (d) =>
      compact({
        id: d.row.id, kind: d.row.kind, summary: d.row.summary, speaker: d.row.speakerId, attribution: compact({ kind: d.row.attributionKind, detail: d.row.attributionDetail }),
        target: d.row.targetId, date: date('date', d.row), event: d.row.eventId, issues: d.issueIds, relations: await statementRelations(d.row.id),
        factuality: factuality(d.row, d.cues, d.row.speakerId), evidence: quotes(d.evidence),
      }),
    ),
    'positions.yaml': map(docs('Position'), (d) =>
      compact({
        id: d.row.id, actor: d.row.actorId, issue: d.row.issueId, stance: d.row.stance, firmness: d.row.firmness, isPrecondition: d.row.isPrecondition,
        conditions: d.conditionIds, summary: d.row.summary, statements: d.statementIds, factuality: factuality(d.row, d.cues, null), evidence: quotes(d.evidence),
      }),
    ),
  };
  // Each entry is written as a one-item YAML list as soon as it is made; one after another they are the file's list.
  const written: { file: string; records: number }[] = [];
  for (const [file, entries] of Object.entries(files)) {
    const fd = openSync(join(dir, 'data', file), 'w');
    let records = 0;
    try {
      for await (const entry of entries) {
        writeSync(fd, stringify([entry], { lineWidth: 0 }));
        records++;
      }
      if (records === 0) writeSync(fd, '[]\n');
    } finally {
      closeSync(fd);
    }
    written.push({ file: `data/${file}`, records });
  }
  return written;
}
