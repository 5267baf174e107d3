/**
 * Compile-time parity of the two engines' tables: every table of `../tables.ts` (SQLite) has a
 * namesake in `./tables.ts` (PostgreSQL) and the reverse; for each, the rows a select infers
 * are mutually assignable (booleans and JSON included), and the inserts take the same columns
 * with the same types, and an insert valid on PostgreSQL is valid on SQLite. Not always the
 * reverse, on purpose: the identity ids (`GENERATED ALWAYS`) take no value on PostgreSQL, where
 * SQLite's AUTOINCREMENT would accept one; and SQLite numbers an INTEGER PRIMARY KEY itself
 * when it is left out (`revisions.number`, `revision_counter.id`), where PostgreSQL requires
 * it. The code gives the latter always and the former never. A column added, renamed, retyped or made nullable
 * on one engine only stops `tsc`. Types only: nothing here runs.
 */
import type { Table } from 'drizzle-orm';
import type * as sqlite from '../tables.js';
import type * as pg from './tables.js';

type TableNames<M> = { [K in keyof M]: M[K] extends Table ? K : never }[keyof M];
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Within<A, B> = [A] extends [B] ? true : false;

type SqliteNames = TableNames<typeof sqlite>;
type PgNames = TableNames<typeof pg>;

/** Per table: [selects agree, inserts take the same columns (bar identities) and types, a PostgreSQL insert is a SQLite insert]. */
/** The columns a PostgreSQL insert cannot set: the identity ids. */
type Generated<P extends Table> = Exclude<keyof P['$inferSelect'], keyof P['$inferInsert']>;
type Parity<S extends Table, P extends Table> = [
  Mutual<S['$inferSelect'], P['$inferSelect']>,
  Mutual<Required<Omit<S['$inferInsert'], Generated<P>>>, Required<P['$inferInsert']>>,
  Within<P['$inferInsert'], S['$inferInsert']>,
];
type RowParity = {
  [K in SqliteNames & PgNames]: typeof sqlite[K] extends Table ? (typeof pg[K] extends Table ? Parity<typeof sqlite[K], typeof pg[K]> : never) : never;
};

type Expect<T extends true> = T;
/** Fails when a table is on one engine only. */
export type EveryTableOnBothEngines = Expect<Mutual<SqliteNames, PgNames>>;
/** Fails when a table disagrees; the error shows its key with a `false`. */
export type RowsAgree = Expect<Mutual<RowParity, { [K in keyof RowParity]: [true, true, true] }>>;
