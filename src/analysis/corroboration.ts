/**
 * Corroboration: how many sources report a fact, how many of them independently, and whether
 * they agree. Pure functions over plain report rows.
 *
 * - A report's `originId` is the end of its source's reprint chain (itself when it reprints
 *   nothing). Reports with one origin are one independent source: a reprint never adds to the
 *   story it reprints, and a reprint alone stands for the story it copies.
 * - Agreement: CONFLICT when two reports with different origins give the fact opposite
 *   polarity (one POSITIVE, one NEGATIVE); otherwise SINGLE_SOURCE with one independent
 *   source, CONCUR with more. An UNDERSPECIFIED polarity neither agrees nor conflicts.
 * - Reports are listed in order of their sources' publication, unknown dates last, then by
 *   source id; a partial date counts from the first day it covers (2025-06 as 2025-06-01).
 * - `publishedBy`: only reports from sources known to be published on or before that day
 *   count; a source whose date is not known to the day (precision MONTH, YEAR or UNKNOWN) is
 *   left out, since it cannot be placed before or after the day.
 */
import { DatePrecision, Polarity } from '../shared/enums.js';

export enum Agreement {
  SINGLE_SOURCE = 'SINGLE_SOURCE',
  CONCUR = 'CONCUR',
  CONFLICT = 'CONFLICT',
}

/** When a source was published, as its row stores it. */
export interface Published {
  precision: DatePrecision;
  year: number | null;
  month: number | null;
  day: number | null;
}

/** One report as the corroboration reads it. */
export interface ReportFact {
  sourceId: string;
  originId: string;
  polarity: Polarity;
  publisher: string | null;
  published: Published;
}

export interface Corroboration {
  sources: number;
  independentSources: number;
  publishers: string[];
  agreement: Agreement;
}

/** Which reports count: at least `minSources` independent ones, from sources published by `publishedBy` (a `YYYYMMDD` number). */
export interface SourceScope {
  minSources: number;
  publishedBy: number | null;
}

export const WHOLE_SCOPE: SourceScope = { minSources: 1, publishedBy: null };

/** Whether a scope narrows anything: every fact has at least one report. */
export const narrows = (scope: SourceScope): boolean => scope.minSources > 1 || scope.publishedBy !== null;

/** A partial date as the sortable `YYYYMMDD` of the first day it covers; null when unknown. */
export function dayKey(p: Published): number | null {
  if (p.precision === DatePrecision.UNKNOWN || p.year === null) return null;
  return p.year * 10000 + (p.month ?? 1) * 100 + (p.day ?? 1);
}

/** The reports in the order `reports` lists them: by publication, unknown last, then source id. */
export function orderReports<R extends { sourceId: string; published: Published }>(reports: readonly R[]): R[] {
  const key = (r: R) => dayKey(r.published);
  return [...reports].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ka === null ? 1 : kb === null ? -1 : ka - kb;
    return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;
  });
}

/** Two reports that conflict (different origins, opposite polarity), or null. */
export function conflictOf<R extends ReportFact>(reports: readonly R[]): [R, R] | null {
  for (const a of reports) {
    if (a.polarity !== Polarity.POSITIVE) continue;
    const b = reports.find((r) => r.polarity === Polarity.NEGATIVE && r.originId !== a.originId);
    if (b) return [a, b];
  }
  return null;
}

export function corroboration(reports: readonly ReportFact[]): Corroboration {
  const independentSources = new Set(reports.map((r) => r.originId)).size;
  const publishers = [...new Set(reports.flatMap((r) => (r.publisher === null ? [] : [r.publisher])))].sort();
  const agreement = conflictOf(reports) ? Agreement.CONFLICT : independentSources > 1 ? Agreement.CONCUR : Agreement.SINGLE_SOURCE;
  return { sources: new Set(reports.map((r) => r.sourceId)).size, independentSources, publishers, agreement };
}

/** Whether a report counts under the scope's `publishedBy`. */
export function publishedInTime(published: Published, publishedBy: number | null): boolean {
  if (publishedBy === null) return true;
  return published.precision === DatePrecision.DAY && dayKey(published)! <= publishedBy;
}

/** Whether a fact with these reports counts under the scope. */
export function counts(reports: readonly Pick<ReportFact, 'originId' | 'published'>[], scope: SourceScope): boolean {
  if (!narrows(scope)) return true;
  const origins = new Set(reports.filter((r) => publishedInTime(r.published, scope.publishedBy)).map((r) => r.originId));
  return origins.size >= scope.minSources && origins.size > 0;
}

/** Why two reports conflict, in words. */
export function conflictReason(a: { sourceId: string; publisher: string | null }, b: { sourceId: string; publisher: string | null }): string {
  const name = (r: { sourceId: string; publisher: string | null }) => (r.publisher ? `${r.sourceId} (${r.publisher})` : r.sourceId);
  return `${name(a)} reports it as holding; ${name(b)}, an independent source, reports that it does not`;
}

/** The end of each source's reprint chain, given what each reprints (a cycle stops where it closes). */
export function originOfSources(reprintOf: ReadonlyMap<string, string | null>): (sourceId: string) => string {
  return (sourceId) => {
    const seen = new Set<string>([sourceId]);
    let at = sourceId;
    for (let next = reprintOf.get(at); next && !seen.has(next); next = reprintOf.get(at)) {
      seen.add(next);
      at = next;
    }
    return at;
  };
}
