/**
 * `npm run kb -- export --format bundle|jsonld|csv|plover <dir>`: the knowledge base in the
 * formats researchers use, from either engine, read in one snapshot and streamed row by row
 * (`Executor.iterate`: a cursor), never held whole (the statements are `export.store.ts`);
 * `bundle` (bundle.ts) is read back by `kb import`. The same content exports to the same bytes
 * from SQLite and from PostgreSQL.
 *
 * - csv: one RFC 4180 file per table of facts and per link table (written by csv-stringify),
 *   a header row of the stored column names, ids that join across files.
 * - jsonld: one W3C Web Annotation per evidence span (motivation `describing`: the span
 *   attests the fact) and per factuality cue (motivation `assessing`: the span sets how sure
 *   the source is), the fact as body, the source as target with a TextQuoteSelector and a
 *   TextPositionSelector in code points, gathered in one AnnotationPage.
 * - plover: one JSON line per event in PLOVER/POLECAT field names (see PLOVER_TYPES), with its
 *   source count (`kb_sources`, `kb_independent_sources`).
 *
 * The output folder must not exist or be empty: an export never mixes with earlier files.
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Engine, Executor } from '../db/engine.js';
import { exportBundle } from './bundle.js';
import { ExportError } from './export-error.js';
import { CSV_READS, cueFacts, evidenceFacts, firstSpanOf, participantsOf, ploverEvents, sourceText, type SpanFactRow } from './export.store.js';
import { EventKind } from '../shared/enums.js';
import { articleSentences } from '../shared/sentences.js';
import { stableJson } from '../shared/stable-json.js';

export const EXPORT_FORMATS = ['bundle', 'csv', 'jsonld', 'plover'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The tables a CSV export writes: every fact, link and span table, and the history's revisions. */
export const CSV_TABLES = CSV_READS.map((table) => table.name);

/** Refuses an output folder that exists and holds anything; creates it otherwise. */
export function prepareOutput(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ExportError(`${dir} exists and is not empty; export into a new or empty folder`);
  mkdirSync(dir, { recursive: true });
}

export interface ExportSummary {
  format: ExportFormat;
  files: { file: string; records: number }[];
}

/**
 * Writes the knowledge base in `format` into `dir` (new or empty), reading it through the
 * engine in one snapshot (a write meanwhile cannot split it) and streaming every table from a
 * cursor, so memory does not grow with the base.
 */
export async function exportKb(engine: Engine, format: ExportFormat, dir: string): Promise<ExportSummary> {
  if (!EXPORT_FORMATS.includes(format)) throw new ExportError(`unknown format "${format}"; use one of ${EXPORT_FORMATS.join(', ')}`);
  prepareOutput(dir);
  const write = { bundle: exportBundle, csv: exportCsv, jsonld: exportJsonLd, plover: exportPlover }[format];
  const files = await engine.snapshot((q) => write(q, dir));
  return { format, files };
}

/** Streams `lines` into a file. */
async function writeLines(path: string, lines: AsyncIterable<string>): Promise<void> {
  await pipeline(Readable.from(lines), createWriteStream(path));
}

/**
 * One file per table, rows in key order. A boolean is 1/0 and a JSON value is written with
 * its keys sorted, whichever engine stored it (SQLite: 0/1 and text; PostgreSQL: boolean and jsonb).
 */
async function exportCsv(q: Executor, dir: string) {
  const files: ExportSummary['files'] = [];
  for (const table of CSV_READS) {
    let records = 0;
    const rows = async function* () {
      for await (const row of q.iterate<Record<string, unknown>>(table.rows)) {
        for (const column of table.booleans) if (row[column] !== null) row[column] = row[column] === true || row[column] === 1 ? 1 : 0;
        for (const column of table.json) if (row[column] !== null) row[column] = stableJson(typeof row[column] === 'string' ? JSON.parse(row[column] as string) : row[column]);
        records++;
        yield row;
      }
    };
    await pipeline(Readable.from(rows()), stringify({ header: true, columns: table.columns }), createWriteStream(join(dir, `${table.name}.csv`)));
    files.push({ file: `${table.name}.csv`, records });
  }
  return files;
}

const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const KB = 'urn:x-geo-news-kb:';

type SpanRow = SpanFactRow;

/** The fact a span belongs to, as the annotation's body: its id, its type and a label. */
function body(row: SpanRow, purpose: 'describing' | 'assessing') {
  return {
    id: `${KB}${row.fact}`,
    type: 'SpecificResource',
    purpose,
    [`${KB}type`]: row.fact_type,
    ...(row.certainty ? { [`${KB}certainty`]: row.certainty } : {}),
  };
}

function annotation(row: SpanRow, kind: 'evidence' | 'cue') {
  return {
    id: `${KB}${kind}:${row.id}`,
    type: 'Annotation',
    motivation: kind === 'evidence' ? 'describing' : 'assessing',
    body: body(row, kind === 'evidence' ? 'describing' : 'assessing'),
    target: {
      source: `${KB}${row.source_id}`,
      selector: [
        { type: 'TextQuoteSelector', exact: row.exact, prefix: row.prefix, suffix: row.suffix },
        { type: 'TextPositionSelector', start: row.start, end: row.end },
      ],
    },
  };
}

async function exportJsonLd(q: Executor, dir: string) {
  let records = 0;
  const lines = (async function* () {
    yield `{"@context":${JSON.stringify(ANNOTATION_CONTEXT)},"id":${JSON.stringify(`${KB}annotations`)},"type":"AnnotationPage","items":[\n`;
    let first = true;
    for (const [rows, kind] of [[evidenceFacts, 'evidence'], [cueFacts, 'cue']] as const) {
      for await (const row of rows(q)) {
        yield `${first ? '' : ',\n'}${JSON.stringify(annotation(row, kind))}`;
        first = false;
        records++;
      }
    }
    yield '\n]}\n';
  })();
  await writeLines(join(dir, 'annotations.jsonld'), lines);
  return [{ file: 'annotations.jsonld', records }];
}

/**
 * Our event kinds as PLOVER event types (PLOVER 2021 codebook, as POLECAT records use them).
 * Null where PLOVER has no type for the kind (an address, an unspecified event): the record is
 * still written, with `event_type` null, so nothing is silently dropped.
 */
export const PLOVER_TYPES: Record<EventKind, string | null> = {
  [EventKind.NEGOTIATION]: 'CONSULT',
  [EventKind.MEETING]: 'CONSULT',
  [EventKind.COMMUNICATION]: 'CONSULT',
  [EventKind.ARMED_CONFLICT]: 'ASSAULT',
  [EventKind.MILITARY_OPERATION]: 'ASSAULT',
  [EventKind.MILITARY_PREPARATION]: 'MOBILIZE',
  [EventKind.THREAT]: 'THREATEN',
  [EventKind.PROTEST]: 'PROTEST',
  [EventKind.CRACKDOWN]: 'COERCE',
  [EventKind.SANCTIONS]: 'SANCTION',
  [EventKind.POLICY]: null,
  [EventKind.ADDRESS]: null,
  [EventKind.OTHER]: null,
};

/** PLOVER's contexts, read from the kind where it names one. */
const PLOVER_CONTEXTS: Partial<Record<EventKind, string>> = {
  [EventKind.ARMED_CONFLICT]: 'military',
  [EventKind.MILITARY_OPERATION]: 'military',
  [EventKind.MILITARY_PREPARATION]: 'military',
  [EventKind.SANCTIONS]: 'economic',
  [EventKind.PROTEST]: 'political',
  [EventKind.CRACKDOWN]: 'political',
};

/** Sentence lists of the sources last quoted (events are read by id, not by source): a few at a time. */
const SENTENCE_CACHE = 8;

async function exportPlover(q: Executor, dir: string) {
  const sentencesOf = new Map<string, ReturnType<typeof articleSentences>>();
  const sentenceAt = async (sourceId: string, start: number) => {
    let sentences = sentencesOf.get(sourceId);
    if (!sentences) {
      sentences = articleSentences((await sourceText(q, sourceId)) ?? '');
      if (sentencesOf.size >= SENTENCE_CACHE) sentencesOf.delete(sentencesOf.keys().next().value!);
      sentencesOf.set(sourceId, sentences);
    }
    return sentences.find((s) => s.start <= start && start < s.end)?.text ?? null;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  let records = 0;
  const lines = (async function* () {
    for await (const e of ploverEvents(q)) {
      const kind = e.kind as EventKind;
      const people = await participantsOf(q, e.id);
      const side = (roles: string[]) => people.filter((p) => roles.includes(p.role));
      const actors = side(['INITIATOR', 'PARTICIPANT']);
      const recipients = side(['TARGET', 'SUBJECT']);
      const span = await firstSpanOf(q, e.id);
      const date = e.start_precision === 'UNKNOWN' || e.start_year === null ? null : [String(e.start_year).padStart(4, '0'), e.start_month && pad(e.start_month), e.start_day && pad(e.start_day)].filter(Boolean).join('-');
      records++;
      yield `${JSON.stringify({
        id: e.id,
        event_type: PLOVER_TYPES[kind],
        mode: null,
        context: PLOVER_CONTEXTS[kind] ?? null,
        event_text: e.title,
        actor: actors[0]?.name ?? null,
        actor_id: actors[0]?.actor_id ?? null,
        actor_country: actors[0]?.country_code ?? null,
        recipient: recipients[0]?.name ?? null,
        recipient_id: recipients[0]?.actor_id ?? null,
        recipient_country: recipients[0]?.country_code ?? null,
        other_actors: people.slice().filter((p) => p !== actors[0] && p !== recipients[0]).map((p) => ({ id: p.actor_id, name: p.name, role: p.role })),
        date,
        date_precision: e.start_precision.toLowerCase(),
        location: e.place,
        location_country: e.country,
        source_id: span?.source_id ?? null,
        source_sentence: span ? await sentenceAt(span.source_id, span.start) : null,
        kb_kind: e.kind,
        kb_status: e.status,
        kb_certainty: e.certainty,
        kb_sources: Number(e.sources),
        kb_independent_sources: Number(e.independent_sources),
      })}\n`;
    }
  })();
  await writeLines(join(dir, 'events.jsonl'), lines);
  return [{ file: 'events.jsonl', records }];
}
