/**
 * Select lists and decoders derived from the drizzle tables, so a store's SQL names each
 * column once (in `tables.ts`) and reads rows of exactly the table's row type: `columns(actors,
 * 'a')` is `"a"."id" AS "id", "a"."country_code" AS "countryCode", …`, which both engines
 * read; `decodeOf(actors)` names the columns SQLite returns untyped (booleans, JSON).
 */
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { statement, type Decode, type Statement } from './engine.js';

/** The table's columns as `alias.column AS "property"`, in declaration order. */
export function columns(table: Table, alias: string = getTableName(table)): string {
  return Object.entries(getTableColumns(table))
    .map(([property, column]) => `"${alias}"."${column.name}" AS "${property}"`)
    .join(', ');
}

/** The boolean and JSON columns of the table, by property name. */
export function decodeOf(table: Table): Decode {
  const bool: string[] = [];
  const json: string[] = [];
  for (const [property, column] of Object.entries(getTableColumns(table))) {
    if (column.columnType === 'SQLiteBoolean') bool.push(property);
    if (column.columnType === 'SQLiteTextJson') json.push(property);
  }
  return { bool, json };
}

/**
 * The statement reading a table's rows whose `column` is in a list (one `list(keys)`
 * parameter), in `orderBy` (column names of the table): the batch read behind a by-id or
 * by-parent loader. The table's own name serves as its alias.
 */
export function rowsWhereIn(table: Table, column: string, orderBy: readonly string[] = []): Statement {
  const name = getTableName(table);
  const keyColumn = Object.values(getTableColumns(table)).find((c) => c.name === column);
  if (!keyColumn) throw new Error(`${name} has no column ${column}`);
  const inList = keyColumn.dataType === 'number' ? 'IN ?intlist' : 'IN ?list';
  const order = orderBy.length ? ` ORDER BY ${orderBy.map((c) => `"${name}".${c}`).join(', ')}` : '';
  return statement(`SELECT ${columns(table)} FROM "${name}" WHERE "${name}"."${column}" ${inList}${order}`, { decode: decodeOf(table) });
}
