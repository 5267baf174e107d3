/** The SQL of reports: a page of facts' reports and their spans, the origins of sources, and the disputed facts. */
import { columns, decodeOf } from '../../db/columns.js';
import { list, statement, type Executor } from '../../db/engine.js';
import type { DatePrecision } from '../../shared/enums.js';
import { reports, reportSpans, type ReportRow, type ReportSpanRow } from '../../db/tables.js';

/** A report as `minSources`/`publishedBy` count it. */
export interface ReportScopeRow {
  fact: string;
  originId: string;
  precision: DatePrecision;
  year: number | null;
  month: number | null;
  day: number | null;
}

export type ReportFactKind = 'event' | 'statement' | 'position';
const COLUMN: Record<ReportFactKind, string> = { event: 'event_id', statement: 'statement_id', position: 'position_id' };
const per = <T>(make: (column: string) => T) => Object.fromEntries(Object.entries(COLUMN).map(([k, c]) => [k, make(c)])) as Record<ReportFactKind, T>;

const Q = {
  reportsOf: per((c) => statement(`SELECT ${columns(reports, 'r')} FROM "reports" AS "r" WHERE "r"."${c}" IN ?list ORDER BY "r"."source_id"`, { decode: decodeOf(reports) })),
  spansOf: per((c) =>
    statement(`SELECT ${columns(reportSpans, 's')} FROM "report_spans" AS "s" JOIN "reports" AS "r" ON "r"."id" = "s"."report_id" WHERE "r"."${c}" IN ?list ORDER BY "s"."report_id", "s"."source_id", "s"."start", "s"."id"`, {
      decode: decodeOf(reportSpans),
    }),
  ),
  // Each source's chain walked up to its end; the depth bound stops a cycle.
  origins: statement(
    `WITH RECURSIVE "up"("start", "id", "parent", "depth") AS (
       SELECT "s"."id", "s"."id", "s"."reprint_of_id", 0 FROM "sources" AS "s" WHERE "s"."id" IN ?list
       UNION ALL SELECT "up"."start", "s"."id", "s"."reprint_of_id", "up"."depth" + 1 FROM "up" JOIN "sources" AS "s" ON "s"."id" = "up"."parent" WHERE "up"."depth" < 64)
     SELECT "up"."start" AS "sourceId", "up"."id" AS "originId" FROM "up" WHERE "up"."parent" IS NULL`,
  ),
  // What the source-scoped questions count of each fact's reports: its origin and its source's date.
  scopeOf: statement(
    ['event_id', 'statement_id', 'position_id']
      .map((c) => `SELECT "r"."${c}" AS "fact", "r"."origin_id" AS "originId", "s"."published_precision" AS "precision", "s"."published_year" AS "year", "s"."published_month" AS "month", "s"."published_day" AS "day"
       FROM "reports" AS "r" JOIN "sources" AS "s" ON "s"."id" = "r"."source_id" WHERE "r"."${c}" IN ?list`)
      .join(' UNION ALL '),
  ),
  // A fact is disputed when it has a POSITIVE and a NEGATIVE report and those come from two origins at least.
  disputed: statement(
    `SELECT "f"."fact" AS "id" FROM (
       SELECT coalesce("r"."event_id", "r"."statement_id", "r"."position_id") AS "fact",
         sum(CASE WHEN "r"."polarity" = 'POSITIVE' THEN 1 ELSE 0 END) AS "positive",
         sum(CASE WHEN "r"."polarity" = 'NEGATIVE' THEN 1 ELSE 0 END) AS "negative",
         count(DISTINCT CASE WHEN "r"."polarity" IN ('POSITIVE', 'NEGATIVE') THEN "r"."origin_id" END) AS "origins"
       FROM "reports" AS "r" GROUP BY coalesce("r"."event_id", "r"."statement_id", "r"."position_id")) AS "f"
     WHERE "f"."positive" > 0 AND "f"."negative" > 0 AND "f"."origins" > 1 AND "f"."fact" > ? ORDER BY "f"."fact" LIMIT ?`,
  ),
};

export const reportStore = {
  reportsOf: (q: Executor, kind: ReportFactKind, factIds: readonly string[]) => q.all<ReportRow>(Q.reportsOf[kind], [list(factIds)]),
  spansOf: (q: Executor, kind: ReportFactKind, factIds: readonly string[]) => q.all<ReportSpanRow>(Q.spansOf[kind], [list(factIds)]),
  origins: (q: Executor, sourceIds: readonly string[]) => q.all<{ sourceId: string; originId: string }>(Q.origins, [list(sourceIds)]),
  /** Each report of these facts (events, statements and positions alike) as the source-scoped questions count it. */
  scopeOf: (q: Executor, factIds: readonly string[]) => q.all<ReportScopeRow>(Q.scopeOf, [list(factIds), list(factIds), list(factIds)]),
  /** The disputed facts' ids after `after` (exclusive; '' for the first page), by id. */
  disputed: async (q: Executor, after: string, limit: number) => (await q.all<{ id: string }>(Q.disputed, [after, limit])).map((r) => r.id),
};
