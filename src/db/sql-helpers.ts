/**
 * Small pieces of SQL text the stores share, written once in the subset both engines read,
 * with the parameter values that go with them. Only stores import this file.
 */
import { atLeast, Certainty } from '../shared/enums.js';
import { list, type ListParam } from './engine.js';

/** Case-insensitive substring match on `column`; takes one parameter: `containsParam(text)`. */
export const contains = (column: string) => `lower(${column}) LIKE '%' || lower(CAST(? AS TEXT)) || '%' ESCAPE '\\'`;

/** The user's text for `contains`: `%` and `_` match themselves. */
export const containsParam = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The certainties at least as sure as `floor`, for `certainty IN ?list`. */
export const certaintiesFrom = (floor: Certainty): ListParam => list(Object.values(Certainty).filter((c) => atLeast(c, floor)));

/**
 * The ids of a party and of every actor speaking for it through affiliations, at any depth
 * (official → ministry → state), as a subquery taking the party's id as its one parameter.
 * UNION drops repeats, so a cycle in the affiliations ends the recursion instead of looping.
 * The anchor reads the party from the actors table rather than casting the parameter: its
 * column then has the id column's collation (C on PostgreSQL), as the recursive term's has;
 * PostgreSQL refuses a recursive query whose two terms differ in collation. A party that is no
 * actor has no speakers either way (speakers are actors).
 */
export const SPEAKERS_FOR = `(WITH RECURSIVE members(id) AS (
    SELECT pa.id FROM actors AS pa WHERE pa.id = ?
    UNION SELECT a.actor_id FROM affiliations AS a JOIN members AS m ON a.organization_id = m.id
  ) SELECT id FROM members)`;

/**
 * A sortable integer lower bound of a partial date (`20250612`; the first month or day when
 * the date is coarser), NULL when the date is unknown. `prefix` is the table alias and column
 * prefix: `e.start`.
 */
export const dateKey = (prefix: string) =>
  `CASE WHEN ${prefix}_precision = 'UNKNOWN' THEN NULL ELSE ${prefix}_year * 10000 + coalesce(${prefix}_month, 1) * 100 + coalesce(${prefix}_day, 1) END`;

/** `YYYY-MM-DD` (a bound from `dateBound`) as the integer `dateKey` compares with. */
export const dateKeyOf = (isoDate: string): number => Number(isoDate.replaceAll('-', ''));

/** The tables that keep `first_mention`, with the evidence column that cites their rows. */
export const MENTIONED = [
  { table: 'actors', evidence: 'actor_id' },
  { table: 'issues', evidence: 'issue_id' },
  { table: 'events', evidence: 'event_id' },
  { table: 'statements', evidence: 'statement_id' },
] as const;

/** Recomputes `first_mention` of every row from the evidence (after a SQLite bulk load that set its triggers aside). */
export function fillFirstMentions(sqlite: { exec(sql: string): unknown }): void {
  for (const { table, evidence } of MENTIONED) {
    sqlite.exec(`UPDATE "${table}" SET first_mention = (SELECT min(start) FROM evidence WHERE "${evidence}" = "${table}".id)`);
  }
}
