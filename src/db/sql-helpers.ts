/** Small SQL building blocks shared by the services' filters and orders. */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as t from './tables.js';
import { atLeast, Certainty } from '../shared/enums.js';
import { SortDirection } from '../shared/enums.graphql.js';

/** Case-insensitive substring match; `%` and `_` in the user's text match themselves. */
export function containsText(column: SQLiteColumn | SQL, text: string): SQL {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`lower(${column}) LIKE '%' || lower(${escaped}) || '%' ESCAPE '\\'`;
}

export function direction(d: SortDirection | undefined | null): SQL {
  return d === SortDirection.DESC ? sql`DESC` : sql`ASC`;
}

/**
 * The offset of an entity's first mention in its source: the smallest start of the spans
 * citing it. Ordering by it reads the knowledge in the order the article tells it.
 */
export function firstMention(evidenceColumn: SQLiteColumn, entityId: SQLiteColumn): SQL {
  return sql`(SELECT min(${t.evidence.start}) FROM ${t.evidence} WHERE ${evidenceColumn} = ${entityId})`;
}

/** The facts at least as sure as `floor`: the certainties that rank at or above it. */
export function atLeastCertain(column: SQLiteColumn, floor: Certainty): SQL {
  return inArray(column, Object.values(Certainty).filter((c) => atLeast(c, floor)));
}

/** A sortable `YYYY-MM-DD` lower bound of a partial date, null when the date is unknown. */
export function dateKey(precision: SQLiteColumn, year: SQLiteColumn, month: SQLiteColumn, day: SQLiteColumn): SQL {
  return sql`CASE WHEN ${precision} = 'UNKNOWN' THEN NULL ELSE printf('%04d-%02d-%02d', ${year}, coalesce(${month}, 1), coalesce(${day}, 1)) END`;
}

/**
 * The ids of a party and of every actor speaking for it through affiliations, at any depth
 * (official → ministry → state), as a subquery. UNION drops repeats, so a cycle in the
 * affiliations ends the recursion instead of looping.
 */
export function speakersFor(party: string): SQL {
  return sql`(WITH RECURSIVE members(id) AS (
    SELECT ${party}
    UNION SELECT ${t.affiliations.actorId} FROM ${t.affiliations} JOIN members ON ${t.affiliations.organizationId} = members.id
  ) SELECT id FROM members)`;
}
