/**
 * Reports: how one source reports one fact (an event, a statement or a position). A report is
 * part of its fact's document (`documents.ts`): `readDoc` reads it, `writeDoc` replaces them
 * all, the history keeps them in the fact's before and after, and `asOf` reads them back.
 *
 * - A fact recorded from a source gets that source's report *derived* from its own reading:
 *   one per source its evidence cites, with the fact's certainty, polarity and holder, that
 *   source's evidence spans and its cues (`deriveReports`). The migration 0012 (PostgreSQL
 *   0005) did the same for the facts stored before reports existed, and a document recorded
 *   in the history before then has its reports derived when read (`reportsOfDoc`).
 * - When a write other than `setReport`/`removeReport` changes a fact's own reading
 *   (`updateEvent`, `addEvidence`, `setPosition` over a position …), a report that was still
 *   the derived one follows the new reading, a source newly cited gets its derived report, and
 *   a report set by `setReport` (it differs from the derived one) is kept as set
 *   (`followOwnReading`).
 * - Independence: a report's `origin` is the source at the end of its source's `reprintOf`
 *   chain (itself when it reprints nothing). Reports with one origin are one independent
 *   source: a reprint never adds to the story it reprints (`corroborationOf`).
 */
import { columns, decodeOf } from '../db/columns.js';
import { list, statement, type Executor } from '../db/engine.js';
import * as t from '../db/tables.js';
import type { Certainty, Polarity } from '../shared/enums.js';
import type { SpanDoc } from './documents.js';

/** One report as the fact's document keeps it: the source, its reading, its spans. */
export interface ReportDoc {
  sourceId: string;
  certainty: Certainty;
  polarity: Polarity;
  holderId: string | null;
  evidence: SpanDoc[];
  cues: SpanDoc[];
}

/** The kinds of fact that have reports, and their column in `reports`. */
export type ReportSubject = 'eventId' | 'statementId' | 'positionId';
export const REPORT_SUBJECTS: readonly ReportSubject[] = ['eventId', 'statementId', 'positionId'];
export const REPORT_SUBJECT_OF = { Event: 'eventId', Statement: 'statementId', Position: 'positionId' } as const;
export type FactType = keyof typeof REPORT_SUBJECT_OF;
export const isFactType = (type: string): type is FactType => type in REPORT_SUBJECT_OF;

/** What a fact's document holds that its reports are derived from. */
export interface FactReading {
  row: { id: string; certainty: Certainty; polarity: Polarity; holderId: string | null };
  evidence: SpanDoc[];
  cues: SpanDoc[];
}

/** A report's stored id: the fact's and the source's. */
export const reportId = (factId: string, sourceId: string) => `${factId}@${sourceId}`;

const bySource = (a: { sourceId: string }, b: { sourceId: string }) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0);
const bySpan = (a: SpanDoc, b: SpanDoc) => bySource(a, b) || a.start - b.start || a.end - b.end;

/** The reports a fact's own reading makes: one per source its evidence cites, by source id. */
export function deriveReports(fact: FactReading): ReportDoc[] {
  const sources = [...new Set(fact.evidence.map((e) => e.sourceId))].sort();
  return sources.map((sourceId) => ({
    sourceId,
    certainty: fact.row.certainty,
    polarity: fact.row.polarity,
    holderId: fact.row.holderId,
    evidence: fact.evidence.filter((e) => e.sourceId === sourceId).sort(bySpan),
    cues: fact.cues.filter((c) => c.sourceId === sourceId).sort(bySpan),
  }));
}

/** A fact document's reports: those it holds, or, for a document older than reports, the derived ones. */
export function reportsOfDoc(doc: FactReading & { reports?: ReportDoc[] }): ReportDoc[] {
  return doc.reports ?? deriveReports(doc);
}

const spanKey = (s: SpanDoc) => `${s.sourceId}|${s.start}|${s.end}|${s.exact}|${s.prefix}|${s.suffix}`;
const sameSpans = (a: SpanDoc[], b: SpanDoc[]) => a.length === b.length && a.every((s, i) => spanKey(s) === spanKey(b[i]!));
function sameReport(a: ReportDoc, b: ReportDoc): boolean {
  return a.sourceId === b.sourceId && a.certainty === b.certainty && a.polarity === b.polarity && a.holderId === b.holderId && sameSpans([...a.evidence].sort(bySpan), [...b.evidence].sort(bySpan)) && sameSpans([...a.cues].sort(bySpan), [...b.cues].sort(bySpan));
}

/**
 * The reports after a write changed a fact's own reading (see the header): the derived ones
 * follow it, those set by `setReport` stay, a newly cited source gets its derived report.
 */
export function followOwnReading(before: FactReading & { reports: ReportDoc[] }, after: FactReading): ReportDoc[] {
  const was = new Map(deriveReports(before).map((r) => [r.sourceId, r]));
  const now = new Map(deriveReports(after).map((r) => [r.sourceId, r]));
  const out = new Map<string, ReportDoc>();
  for (const r of before.reports) {
    const derived = was.get(r.sourceId);
    if (derived && sameReport(derived, r)) {
      const next = now.get(r.sourceId);
      if (next) out.set(r.sourceId, next);
    } else out.set(r.sourceId, r);
  }
  for (const [sourceId, r] of now) if (!out.has(sourceId) && !was.has(sourceId)) out.set(sourceId, r);
  const kept = [...out.values()].sort(bySource);
  return kept.length > 0 ? kept : deriveReports(after);
}

/** Reports in the order documents keep them (by source), their spans by source and start. */
export function canonicalReports(reports: readonly ReportDoc[]): ReportDoc[] {
  return [...reports].sort(bySource).map((r) => ({ ...r, evidence: [...r.evidence].sort(bySpan), cues: [...r.cues].sort(bySpan) }));
}

const spanOf = (r: SpanDoc): SpanDoc => ({ sourceId: r.sourceId, start: r.start, end: r.end, exact: r.exact, prefix: r.prefix, suffix: r.suffix });

/** The reprint chain of one source (`?`), walked up: `up(id, parent, depth)`. */
const ORIGIN = `WITH RECURSIVE "up"("id", "parent", "depth") AS (
  SELECT "s"."id", "s"."reprint_of_id", 0 FROM "sources" AS "s" WHERE "s"."id" = ?
  UNION ALL SELECT "s"."id", "s"."reprint_of_id", "up"."depth" + 1 FROM "up" JOIN "sources" AS "s" ON "s"."id" = "up"."parent" WHERE "up"."depth" < 64)`;

const Q = {
  reportsOf: Object.fromEntries(
    REPORT_SUBJECTS.map((s) => [s, statement(`SELECT ${columns(t.reports, 'r')} FROM "reports" AS "r" WHERE "r"."${s === 'eventId' ? 'event_id' : s === 'statementId' ? 'statement_id' : 'position_id'}" = ? ORDER BY "r"."source_id"`, { decode: decodeOf(t.reports) })]),
  ) as Record<ReportSubject, ReturnType<typeof statement>>,
  spansOf: statement(`SELECT ${columns(t.reportSpans, 's')} FROM "report_spans" AS "s" WHERE "s"."report_id" IN ?list ORDER BY "s"."report_id", "s"."source_id", "s"."start", "s"."id"`, { decode: decodeOf(t.reportSpans) }),
  deleteOf: Object.fromEntries(REPORT_SUBJECTS.map((s) => [s, statement(`DELETE FROM "reports" WHERE "${s === 'eventId' ? 'event_id' : s === 'statementId' ? 'statement_id' : 'position_id'}" = ?`)])) as Record<ReportSubject, ReturnType<typeof statement>>,
  // The origin is found in the same statement: the end of the source's reprint chain (the depth bound stops a cycle).
  insert: statement(
    `INSERT INTO "reports" ("id", "event_id", "statement_id", "position_id", "source_id", "origin_id", "certainty", "polarity", "holder_id")
     SELECT ?, ?, ?, ?, ?, coalesce((${ORIGIN} SELECT "up"."id" FROM "up" ORDER BY "up"."depth" DESC LIMIT 1), ?), ?, ?, ?`,
  ),
  insertSpan: statement(`INSERT INTO "report_spans" ("source_id", "start", "end", "exact", "prefix", "suffix", "report_id", "cue") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
  // The end of a source's reprint chain; the depth bound stops a cycle a bundle might have slipped in.
  origin: statement(`${ORIGIN} SELECT "up"."id" AS "id" FROM "up" ORDER BY "up"."depth" DESC LIMIT 1`),
};

/** The source at the end of `sourceId`'s reprint chain (itself when it reprints nothing). */
export async function originOf(q: Executor, sourceId: string): Promise<string> {
  return (await q.get<{ id: string }>(Q.origin, [sourceId]))?.id ?? sourceId;
}

/** A fact's stored reports, by source. */
export async function readReports(q: Executor, subject: ReportSubject, factId: string): Promise<ReportDoc[]> {
  const rows = await q.all<t.ReportRow>(Q.reportsOf[subject], [factId]);
  if (rows.length === 0) return [];
  const spans = await q.all<t.ReportSpanRow>(Q.spansOf, [list(rows.map((r) => r.id))]);
  return rows.map((r) => ({
    sourceId: r.sourceId,
    certainty: r.certainty,
    polarity: r.polarity,
    holderId: r.holderId,
    evidence: spans.filter((s) => s.reportId === r.id && !s.cue).map(spanOf),
    cues: spans.filter((s) => s.reportId === r.id && s.cue).map(spanOf),
  }));
}

/** Replaces a fact's reports (their spans go with them, by cascade). */
export async function writeReports(q: Executor, subject: ReportSubject, factId: string, reports: readonly ReportDoc[]): Promise<void> {
  await q.run(Q.deleteOf[subject], [factId]);
  for (const r of reports) {
    const id = reportId(factId, r.sourceId);
    const fact = REPORT_SUBJECTS.map((s) => (s === subject ? factId : null));
    await q.run(Q.insert, [id, ...fact, r.sourceId, r.sourceId, r.sourceId, r.certainty, r.polarity, r.holderId]);
    for (const [spans, cue] of [[r.evidence, false], [r.cues, true]] as const) {
      for (const s of spans) await q.run(Q.insertSpan, [s.sourceId, s.start, s.end, s.exact, s.prefix, s.suffix, id, cue]);
    }
  }
}
