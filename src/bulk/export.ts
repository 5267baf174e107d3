/**
 * `npm run kb -- export --format bundle|jsonld|csv|plover <dir>`: the knowledge base in the
 * formats researchers use; csv, jsonld and plover are streamed row by row from SQLite
 * (`iterate()`), never held whole; `bundle` (bundle.ts) is read back by `kb import`.
 *
 * - csv: one RFC 4180 file per table of facts and per link table (written by csv-stringify),
 *   a header row of the stored column names, ids that join across files.
 * - jsonld: one W3C Web Annotation per evidence span (motivation `describing`: the span
 *   attests the fact) and per factuality cue (motivation `assessing`: the span sets how sure
 *   the source is), the fact as body, the source as target with a TextQuoteSelector and a
 *   TextPositionSelector in code points, gathered in one AnnotationPage.
 * - plover: one JSON line per event in PLOVER/POLECAT field names (see PLOVER_TYPES).
 *
 * The output folder must not exist or be empty: an export never mixes with earlier files.
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type Database from 'better-sqlite3';
import type { Db } from '../db/client.js';
import { exportBundle } from './bundle.js';
import { ExportError } from './export-error.js';
import { EventKind } from '../shared/enums.js';
import { articleSentences } from '../shared/sentences.js';

export const EXPORT_FORMATS = ['bundle', 'csv', 'jsonld', 'plover'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];


/** The tables a CSV export writes: every fact, link and span table, and the history's revisions. */
export const CSV_TABLES = [
  'sources', 'places', 'actors', 'actor_aliases', 'affiliations', 'actor_relations', 'issues', 'issue_obstacles',
  'issue_obstacle_parties', 'events', 'event_participants', 'event_relations', 'event_issues', 'statements',
  'statement_relations', 'statement_issues', 'positions', 'position_statements', 'position_conditions', 'evidence',
  'factuality_cues', 'revisions',
] as const;

/** Refuses an output folder that exists and holds anything; creates it otherwise. */
export function prepareOutput(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ExportError(`${dir} exists and is not empty; export into a new or empty folder`);
  mkdirSync(dir, { recursive: true });
}

export interface ExportSummary {
  format: ExportFormat;
  files: { file: string; records: number }[];
}

export async function exportKb(db: Db, sqlite: Database.Database, format: ExportFormat, dir: string): Promise<ExportSummary> {
  if (!EXPORT_FORMATS.includes(format)) throw new ExportError(`unknown format "${format}"; use one of ${EXPORT_FORMATS.join(', ')}`);
  prepareOutput(dir);
  const files =
    format === 'bundle' ? await exportBundle(db, dir) : format === 'csv' ? await exportCsv(sqlite, dir) : format === 'jsonld' ? await exportJsonLd(sqlite, dir) : await exportPlover(sqlite, dir);
  return { format, files };
}

/** Streams `lines` into a file; returns how many were written. */
async function writeLines(path: string, lines: Iterable<string>): Promise<number> {
  let count = 0;
  const counted = (function* () {
    for (const line of lines) {
      count++;
      yield line;
    }
  })();
  await pipeline(Readable.from(counted), createWriteStream(path));
  return count;
}

async function exportCsv(sqlite: Database.Database, dir: string) {
  const files: ExportSummary['files'] = [];
  for (const table of CSV_TABLES) {
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string }[]).map((c) => c.name);
    let records = 0;
    const rows = (function* () {
      for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
        records++;
        yield row;
      }
    })();
    await pipeline(Readable.from(rows), stringify({ header: true, columns, cast: { boolean: (b) => (b ? '1' : '0') } }), createWriteStream(join(dir, `${table}.csv`)));
    files.push({ file: `${table}.csv`, records });
  }
  return files;
}

const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const KB = 'urn:x-geo-news-kb:';

interface SpanRow {
  id: number;
  source_id: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  fact: string;
  fact_type: string;
  certainty: string | null;
}

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

const EVIDENCE_FACTS = `
  SELECT e.id, e.source_id, e.start, e."end", e.exact, e.prefix, e.suffix,
    coalesce(e.actor_id, e.event_id, e.statement_id, e.issue_id, e.position_id, e.affiliation_id, e.actor_relation_id, e.event_relation_id, e.statement_relation_id, e.obstacle_id) AS fact,
    CASE WHEN e.actor_id IS NOT NULL THEN 'Actor' WHEN e.event_id IS NOT NULL THEN 'Event' WHEN e.statement_id IS NOT NULL THEN 'Statement'
         WHEN e.issue_id IS NOT NULL THEN 'Issue' WHEN e.position_id IS NOT NULL THEN 'Position' WHEN e.affiliation_id IS NOT NULL THEN 'Affiliation'
         WHEN e.actor_relation_id IS NOT NULL THEN 'ActorRelation' WHEN e.event_relation_id IS NOT NULL THEN 'EventRelation'
         WHEN e.statement_relation_id IS NOT NULL THEN 'StatementRelation' ELSE 'Obstacle' END AS fact_type,
    NULL AS certainty
  FROM evidence AS e ORDER BY e.source_id, e.start, e.id`;

const CUE_FACTS = `
  SELECT c.id, c.source_id, c.start, c."end", c.exact, c.prefix, c.suffix,
    coalesce(c.event_id, c.statement_id, c.position_id) AS fact,
    CASE WHEN c.event_id IS NOT NULL THEN 'Event' WHEN c.statement_id IS NOT NULL THEN 'Statement' ELSE 'Position' END AS fact_type,
    coalesce((SELECT certainty FROM events WHERE id = c.event_id), (SELECT certainty FROM statements WHERE id = c.statement_id), (SELECT certainty FROM positions WHERE id = c.position_id)) AS certainty
  FROM factuality_cues AS c ORDER BY c.source_id, c.start, c.id`;

async function exportJsonLd(sqlite: Database.Database, dir: string) {
  let records = 0;
  const lines = (function* () {
    yield `{"@context":${JSON.stringify(ANNOTATION_CONTEXT)},"id":${JSON.stringify(`${KB}annotations`)},"type":"AnnotationPage","items":[\n`;
    let first = true;
    for (const [query, kind] of [[EVIDENCE_FACTS, 'evidence'], [CUE_FACTS, 'cue']] as const) {
      for (const row of sqlite.prepare(query).iterate() as Iterable<SpanRow>) {
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

interface PloverEventRow {
  id: string;
  title: string;
  kind: EventKind;
  status: string;
  certainty: string;
  start_precision: string;
  start_year: number | null;
  start_month: number | null;
  start_day: number | null;
  place: string | null;
  country: string | null;
}

async function exportPlover(sqlite: Database.Database, dir: string) {
  const participants = sqlite.prepare(`SELECT p.actor_id, a.name, a.country_code, p.role FROM event_participants AS p JOIN actors AS a ON a.id = p.actor_id WHERE p.event_id = ? ORDER BY p.actor_id`);
  const firstSpan = sqlite.prepare(`SELECT source_id, start FROM evidence WHERE event_id = ? ORDER BY source_id, start LIMIT 1`);
  const sourceText = sqlite.prepare(`SELECT text FROM sources WHERE id = ?`);
  const sentencesOf = new Map<string, ReturnType<typeof articleSentences>>();
  const sentenceAt = (sourceId: string, start: number) => {
    if (!sentencesOf.has(sourceId)) sentencesOf.set(sourceId, articleSentences((sourceText.get(sourceId) as { text: string }).text));
    return sentencesOf.get(sourceId)!.find((s) => s.start <= start && start < s.end)?.text ?? null;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  let records = 0;
  const lines = (function* () {
    const events = sqlite.prepare(`
      SELECT e.id, e.title, e.kind, e.status, e.certainty, e.start_precision, e.start_year, e.start_month, e.start_day, pl.name AS place, pl.country_code AS country
      FROM events AS e LEFT JOIN places AS pl ON pl.id = e.location_id ORDER BY e.id`);
    for (const e of events.iterate() as Iterable<PloverEventRow>) {
      const people = participants.all(e.id) as { actor_id: string; name: string; country_code: string | null; role: string }[];
      const side = (roles: string[]) => people.filter((p) => roles.includes(p.role));
      const actors = side(['INITIATOR', 'PARTICIPANT']);
      const recipients = side(['TARGET', 'SUBJECT']);
      const span = firstSpan.get(e.id) as { source_id: string; start: number } | undefined;
      const date = e.start_precision === 'UNKNOWN' || e.start_year === null ? null : [String(e.start_year).padStart(4, '0'), e.start_month && pad(e.start_month), e.start_day && pad(e.start_day)].filter(Boolean).join('-');
      records++;
      yield `${JSON.stringify({
        id: e.id,
        event_type: PLOVER_TYPES[e.kind],
        mode: null,
        context: PLOVER_CONTEXTS[e.kind] ?? null,
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
        source_sentence: span ? sentenceAt(span.source_id, span.start) : null,
        kb_kind: e.kind,
        kb_status: e.status,
        kb_certainty: e.certainty,
      })}\n`;
    }
  })();
  await writeLines(join(dir, 'events.jsonl'), lines);
  return [{ file: 'events.jsonl', records }];
}
