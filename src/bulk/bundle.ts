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
import { fieldsOf } from '../store/entities.js';
import { ExportError } from './export-error.js';
import { actorEntry, compact, entryOf, eventEntry, issueEntry, positionEntry, sourceFile, statementEntry } from './bundle-format.js';
import { allPlaces, nodeIds, relationIdsOf, type ExportedNode } from './export.store.js';
import { readDoc, type Docs, type SpanDoc } from '../store/documents.js';
import { canonicalReports, deriveReports } from '../store/reports.js';

/** A span as the bundle writes it: the words and which occurrence of them in the source it is. */
export interface QuoteEntry {
  quote: string;
  occurrence: number;
  source: string;
}

/** Quotes of spans of `texts` (the bundle's sources, by id); a span its text no longer holds is refused. */
export function quoting(texts: ReadonlyMap<string, CodePointText>): (list: SpanDoc[]) => QuoteEntry[] {
  const quote = (s: SpanDoc): QuoteEntry => {
    const text = texts.get(s.sourceId)!;
    const occurrence = text.occurrences(s.exact).indexOf(s.start) + 1;
    if (occurrence === 0) throw new ExportError(`a span of ${s.sourceId} at ${s.start}–${s.end} no longer matches its text ("${s.exact}"); the bundle would not import`);
    return { quote: s.exact, occurrence, source: s.sourceId };
  };
  return (list) => list.map(quote);
}

/** What an entry needs beyond its node's document: quotes for its spans, and the node's relations (where it has any) as entries. */
export interface EntryParts {
  quotes: (list: SpanDoc[]) => QuoteEntry[];
  relations: Record<string, unknown>[];
}

/** The factuality as an entry gives it; absent when it is what an absent one means. */
function factuality(row: { certainty: string; polarity: string; holderId: string | null }, cues: SpanDoc[], defaultHolder: string | null, quotes: EntryParts['quotes']) {
  return row.certainty === 'CERTAIN' && row.polarity === 'POSITIVE' && row.holderId === defaultHolder && cues.length === 0
    ? undefined
    : { certainty: row.certainty, polarity: row.polarity, holder: row.holderId, cues: quotes(cues) };
}

/**
 * The fact's reports as an entry gives them: absent when they are the ones its own reading
 * makes (the seed's, a fact never given another source's report), so such bundles do not change.
 */
function reportsOf(d: Docs['Event'] | Docs['Statement'] | Docs['Position'], quotes: EntryParts['quotes']) {
  const own = canonicalReports(deriveReports(d));
  const held = canonicalReports(d.reports);
  if (JSON.stringify(own) === JSON.stringify(held)) return undefined;
  return held.map((r) => compact({ source: r.sourceId, certainty: r.certainty, polarity: r.polarity, holder: r.holderId, cues: quotes(r.cues), evidence: quotes(r.evidence) }));
}

/** The file a source's text is written to, beside the bundle's data. */
export const textFileOf = (sourceId: string) => `${sourceId.slice('source:'.length)}.txt`;

/**
 * Each node's bundle entry from its document: the id, the fields its entity description
 * reads from the row (`fieldsOf`), and what the node owns beyond its row.
 */
export const ENTRY_OF = {
  Source: (d: Docs['Source']) => entryOf(sourceFile, { id: d.row.id, ...fieldsOf('Source', d.row, 'bundle'), file: textFileOf(d.row.id) }),
  Actor: (d: Docs['Actor'], { quotes, relations }: EntryParts) =>
    entryOf(actorEntry, {
      id: d.row.id, ...fieldsOf('Actor', d.row, 'bundle'), aliases: d.aliases, evidence: quotes(d.evidence),
      affiliations: d.affiliations.map((a) => compact({ organization: a.organizationId, role: a.role, evidence: quotes(a.evidence) })),
      relations,
    }),
  Issue: (d: Docs['Issue'], { quotes }: Pick<EntryParts, 'quotes'>) =>
    entryOf(issueEntry, {
      id: d.row.id, ...fieldsOf('Issue', d.row, 'bundle'), evidence: quotes(d.evidence),
      obstacles: d.obstacles.map((o) => compact({ id: o.id, description: o.description, parties: o.partyIds, certainty: o.certainty === 'CERTAIN' ? undefined : o.certainty, evidence: quotes(o.evidence) })),
    }),
  Event: (d: Docs['Event'], { quotes, relations }: EntryParts) =>
    entryOf(eventEntry, {
      id: d.row.id, ...fieldsOf('Event', d.row, 'bundle'),
      participants: d.participants.map((p) => ({ actor: p.actorId, role: p.role })), issues: d.issueIds, relations,
      factuality: factuality(d.row, d.cues, null, quotes), evidence: quotes(d.evidence), reports: reportsOf(d, quotes),
    }),
  Statement: (d: Docs['Statement'], { quotes, relations }: EntryParts) =>
    entryOf(statementEntry, {
      id: d.row.id, ...fieldsOf('Statement', d.row, 'bundle'), issues: d.issueIds, relations,
      factuality: factuality(d.row, d.cues, d.row.speakerId, quotes), evidence: quotes(d.evidence), reports: reportsOf(d, quotes),
    }),
  Position: (d: Docs['Position'], { quotes }: Pick<EntryParts, 'quotes'>) =>
    entryOf(positionEntry, {
      id: d.row.id, ...fieldsOf('Position', d.row, 'bundle'), conditions: d.conditionIds, statements: d.statementIds,
      factuality: factuality(d.row, d.cues, null, quotes), evidence: quotes(d.evidence), reports: reportsOf(d, quotes),
    }),
};

/**
 * Writes the bundle, reading through `q` (the export's snapshot): node ids streamed kind by
 * kind, documents read one at a time; memory holds the source texts (to count each quote's
 * occurrence) and one entry.
 */
export async function exportBundle(q: Executor, dir: string): Promise<{ file: string; records: number }[]> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const texts = new Map<string, CodePointText>();
  const quotes = quoting(texts);

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
    'sources.yaml': map(docs('Source'), (d) => {
      writeFileSync(join(dir, textFileOf(d.row.id)), d.row.text);
      return ENTRY_OF.Source(d);
    }),
    'places.yaml': map(allPlaces(q), (p) => compact({ id: p.id, name: p.name, countryCode: p.countryCode, latitude: p.latitude, longitude: p.longitude })),
    'actors.yaml': map(docs('Actor'), async (d) => ENTRY_OF.Actor(d, { quotes, relations: await actorRelations(d.row.id) })),
    'issues.yaml': map(docs('Issue'), (d) => ENTRY_OF.Issue(d, { quotes })),
    'events.yaml': map(docs('Event'), async (d) => ENTRY_OF.Event(d, { quotes, relations: await eventRelations(d.row.id) })),
    'statements.yaml': map(docs('Statement'), async (d) => ENTRY_OF.Statement(d, { quotes, relations: await statementRelations(d.row.id) })),
    'positions.yaml': map(docs('Position'), (d) => ENTRY_OF.Position(d, { quotes })),
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
