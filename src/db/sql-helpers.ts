/** Small SQL building blocks shared by the services' filters and orders. */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.js';
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
 * citing it. Ordering by it reads the knowledge in the order the article tells it. Stored in
 * `first_mention` (migration 0007: indexed, kept by triggers on evidence), so a page ordered
 * by it is an index seek, not a subquery per row.
 */
export function firstMention(table: (typeof MENTIONED)[number]['table']): SQL {
  return sql`${table}.${sql.identifier('first_mention')}`;
}

/** The tables that keep `first_mention`, with the evidence column that cites their rows. */
export const MENTIONED = [
  { table: t.actors, evidence: 'actor_id' },
  { table: t.issues, evidence: 'issue_id' },
  { table: t.events, evidence: 'event_id' },
  { table: t.statements, evidence: 'statement_id' },
] as const;

/** Recomputes `first_mention` of every row from the evidence (after a bulk load that set its triggers aside). */
export function fillFirstMentions(db: Db): void {
  for (const { table, evidence } of MENTIONED) {
    const name = getTableConfig(table).name;
    db.$client.exec(`UPDATE "${name}" SET first_mention = (SELECT min(start) FROM evidence WHERE "${evidence}" = "${name}".id)`);
  }
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
