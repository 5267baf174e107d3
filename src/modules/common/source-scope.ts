/**
 * The `minSources` and `publishedBy` arguments of the questions and the list filters, checked
 * and turned into a `SourceScope` (analysis/corroboration.ts): at least `minSources`
 * independent sources (default 1), counting only the reports of sources published on or before
 * `publishedBy` (a full ISO day), a source whose date is not known to the day left out.
 */
import { narrows, type SourceScope } from '../../analysis/corroboration.js';
import type { Param } from '../../db/engine.js';
import { badUserInput } from '../../shared/errors.js';

export const MAX_MIN_SOURCES = 100;

export const MIN_SOURCES_DESCRIPTION = 'Only facts reported by at least this many independent sources (a reprint counts as the source it reprints, never on top of it). Default 1: every fact.';
export const PUBLISHED_BY_DESCRIPTION =
  'What had been reported by this day (an ISO date, YYYY-MM-DD): only reports from sources published on or before it count, and a fact with none is left out. A source whose publication date is not known to the day (only its month or year, or not at all) is left out.';

/** `YYYY-MM-DD` as the number YYYYMMDD; anything else (another precision, a day that does not exist) is BAD_USER_INPUT. */
export function publishedByDay(argumentName: string, value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!match || m < 1 || m > 12 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) throw badUserInput(argumentName, `"${value}" is not an ISO day (YYYY-MM-DD)`);
  return y * 10000 + m * 100 + d;
}

/** The scope the arguments ask for (argument names prefixed for a filter: `filter.minSources`). */
export function sourceScopeOf(args: { minSources?: number | null; publishedBy?: string | null }, prefix = ''): SourceScope {
  const minSources = args.minSources ?? 1;
  if (!Number.isInteger(minSources) || minSources < 1 || minSources > MAX_MIN_SOURCES) throw badUserInput(`${prefix}minSources`, `must be from 1 to ${MAX_MIN_SOURCES} (got ${minSources})`);
  return { minSources, publishedBy: args.publishedBy == null ? null : publishedByDay(`${prefix}publishedBy`, args.publishedBy) };
}

/** The list filter values of a scope: `sources` (origins counted) or `sourcesBy` (only those published by the day); none for the whole list. */
export function sourceFilterValues(scope: SourceScope): [string, Param[]][] {
  if (!narrows(scope)) return [];
  return scope.publishedBy === null ? [['sources', [scope.minSources]]] : [['sourcesBy', [scope.publishedBy, scope.minSources]]];
}

/**
 * The list filters' SQL for a fact table aliased `alias` whose reports are found by `column`:
 * how many origins its reports have (all, or those of sources published by a day) against
 * the minimum asked.
 */
export function sourceFilters(alias: string, column: 'event_id' | 'statement_id' | 'position_id'): Record<'sources' | 'sourcesBy', string> {
  return {
    sources: `(SELECT count(DISTINCT rp.origin_id) FROM reports AS rp WHERE rp.${column} = ${alias}.id) >= ?`,
    sourcesBy: `(SELECT count(DISTINCT rp.origin_id) FROM reports AS rp JOIN sources AS rs ON rs.id = rp.source_id WHERE rp.${column} = ${alias}.id AND rs.published_precision = 'DAY' AND rs.published_year * 10000 + rs.published_month * 100 + rs.published_day <= ?) >= ?`,
  };
}
