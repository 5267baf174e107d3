/**
 * Keyset pages of a list, for one parent or many at once, in one statement.
 *
 * A list is defined once in its module's store (`defineList`): its table and select list, the
 * parents it hangs from, its filters (each a condition with placeholders) and its orders. A
 * page is `WHERE <filters> AND <after the cursor> ORDER BY <order>, id LIMIT n + 1`: the
 * cursor holds the last row's order key and id, so a write between two pages can neither
 * repeat nor skip a row that existed before and after it, and a page deep in the list costs
 * what the first page costs (an index on the order serves both).
 *
 * The SQL text depends only on the request's shape (the parent, which filters are present,
 * the order and direction, which of the cursor's keys are null, one parent or many), so each
 * shape is compiled once per list and prepared once per connection; values are parameters.
 *
 * Nulls sort first in an ascending order and last in a descending one, as SQLite sorts them;
 * PostgreSQL is told so explicitly (`NULLS FIRST` / `NULLS LAST`).
 */
import { statement, list, type Decode, type Executor, type Param, type Statement } from './engine.js';

export type Direction = 'ASC' | 'DESC';

/** One expression of an order. `given`: the direction the client asked; a fixed one otherwise. */
export interface OrderPart {
  expr: string;
  dir: 'given' | Direction;
  nullable?: boolean;
}

/** An order: its parts, then the id, which makes it total (in the given direction for an order by id alone). */
export interface OrderSpec {
  parts: readonly OrderPart[];
  /** The id's direction: `given` for an order by id, ascending otherwise. */
  idDir: 'given' | Direction;
}

export interface ParentSpec {
  /** A join that ties the list's rows to this kind of parent. */
  join?: string;
  /** The parent's id column. */
  column: string;
}

export interface ListDefinition {
  /** The list's name, for messages. */
  name: string;
  /** `columns(table, alias)` of the rows returned. */
  select: string;
  decode: Decode;
  /** `statements AS s`. */
  from: string;
  /** The row's id expression (`s.id`); the page's tie-break and the loaders' key. */
  id: string;
  parents: Readonly<Record<string, ParentSpec>>;
  /** Conditions by name, each with its placeholders: `s.kind IN ?list`. */
  filters: Readonly<Record<string, string>>;
  orders: Readonly<Record<string, OrderSpec>>;
  /** What `countBy` may group the list by: a key expression, with a join when it needs one. */
  dimensions?: Readonly<Record<string, { key: string; join?: string }>>;
}

/** One group of `countBy`: its key (null for rows without one) and how many rows it holds. */
export interface CountRow {
  key: string | null;
  count: number;
}

/** A filter that applies: its name and the values of its placeholders. */
export type FilterValues = readonly (readonly [name: string, params: readonly Param[]])[];

export interface PageQuery {
  /** `root`, or the name of a parent of the definition. */
  parent: string;
  filters: FilterValues;
  order: string;
  direction: Direction;
  /** Start strictly after this key (its order values then its id), or from the beginning. */
  after: readonly unknown[] | null;
  /** Stop strictly before this key. */
  before: readonly unknown[] | null;
  /** Read from the end backwards (`last`): rows come back in reverse order. */
  backwards: boolean;
  /** How many rows to read per parent. */
  limit: number;
  /**
   * The row's properties to read (`ListStore.columns` names them), or null for the whole row.
   * A page whose nodes are asked for a few plain fields reads those columns only: the
   * nested page's 174 statements are then 2 columns each instead of 17.
   */
  columns?: readonly string[] | null;
}

/** A row read for a page, with its order key (for its cursor). */
export interface KeyedRow<Row> {
  row: Row;
  key: unknown[];
}

const ROOT = 'root';

function resolveDir(dir: 'given' | Direction, given: Direction, backwards: boolean): Direction {
  const d = dir === 'given' ? given : dir;
  return backwards ? (d === 'ASC' ? 'DESC' : 'ASC') : d;
}

/**
 * A key without case (`NOCASE(a.name)`) is compared with the cursor's value taken without case
 * too: the cursor holds the stored value itself (`rawKey`), the same bytes on both engines.
 */
const NOCASE_KEY = /^NOCASE\((.+)\)$/;
const valueOf = (expr: string) => (NOCASE_KEY.test(expr) ? 'NOCASE(?)' : '?');
/** What a page selects as a row's key: the stored value, whatever the order compares. */
const rawKey = (expr: string) => expr.replace(NOCASE_KEY, '$1');

/** `expr` strictly after / equal to the cursor value `nullValue ? NULL : ?` in direction `d` (nulls smallest). */
function after(expr: string, d: Direction, valueIsNull: boolean): string {
  if (valueIsNull) return d === 'ASC' ? `${expr} IS NOT NULL` : 'FALSE';
  const v = valueOf(expr);
  return d === 'ASC' ? `${expr} > ${v}` : `(${expr} < ${v} OR ${expr} IS NULL)`;
}
function equal(expr: string, valueIsNull: boolean): string {
  return valueIsNull ? `${expr} IS NULL` : `${expr} = ${valueOf(expr)}`;
}

interface KeyExpr {
  expr: string;
  dir: Direction;
  nullable: boolean;
}

/**
 * The condition "the row's key comes strictly after `key`" in the order `keys`, expanded as
 * `k0 > c0 OR (k0 = c0 AND (k1 > c1 OR …))` so that mixed directions and nulls are exact; a
 * leading bound on the first key lets an index start at the cursor. Returns the SQL and its
 * parameters, in order.
 */
function keysetCondition(keys: readonly KeyExpr[], key: readonly unknown[]): { sql: string; params: Param[] } {
  const params: Param[] = [];
  const disjuncts: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      const isNull = key[j] === null;
      parts.push(equal(keys[j]!.expr, isNull));
      if (!isNull) params.push(key[j] as Param);
    }
    const isNull = key[i] === null;
    const cond = after(keys[i]!.expr, keys[i]!.dir, isNull);
    parts.push(cond);
    if (!isNull) params.push(key[i] as Param);
    disjuncts.push(parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`);
  }
  // The bound that lets an index range start at the cursor (implied by the disjunction).
  const first = keys[0]!;
  let bound = '';
  if (key[0] !== null && first.dir === 'ASC') {
    bound = `${first.expr} >= ${valueOf(first.expr)} AND `;
    params.unshift(key[0] as Param);
  }
  return { sql: `(${bound}(${disjuncts.join(' OR ')}))`, params };
}

function orderBy(keys: readonly KeyExpr[]): { sqlite: string; postgres: string } {
  const sqlite = keys.map((k) => `${k.expr} ${k.dir}`).join(', ');
  const postgres = keys.map((k) => `${k.expr} ${k.dir}${k.nullable ? (k.dir === 'ASC' ? ' NULLS FIRST' : ' NULLS LAST') : ''}`).join(', ');
  return { sqlite, postgres };
}

export interface ListStore<Row> {
  readonly definition: ListDefinition;
  /** The row's properties, each one column of the select list (what `PageQuery.columns` may name). */
  readonly columns: ReadonlySet<string>;
  /** Reads a page for each parent (one statement); `parentIds` null for the root list. */
  page(q: Executor, query: PageQuery, parentIds: readonly string[] | null): Promise<Map<string, KeyedRow<Row>[]>>;
  /** Counts the list of each parent (one statement), unpaged. */
  count(q: Executor, parent: string, filters: FilterValues, parentIds: readonly string[] | null): Promise<Map<string, number>>;
  /** The root list, filtered, counted per key of a dimension: the largest group first, rows without a key last. */
  countBy(q: Executor, dimension: string, filters: FilterValues): Promise<CountRow[]>;
}

export const ROOT_PARENT = '*';

/** `"s"."speaker_id" AS "speakerId"` → speakerId: that text; a select list that is not only such columns is read whole. */
const MAX_COLUMN_SETS = 64;
const SELECTED_COLUMN = /^"[^"]+"\."[^"]+" AS "([^"]+)"$/;
function selectedColumns(select: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of select.split(', ')) {
    const match = SELECTED_COLUMN.exec(part);
    if (!match) return new Map();
    parts.set(match[1]!, part);
  }
  return parts;
}

export function defineList<Row>(definition: ListDefinition): ListStore<Row> {
  const statements = new Map<string, Statement>();
  const selectParts = selectedColumns(definition.select);
  /**
   * The select list of some of the row's columns, in the list's order, or null for the whole row.
   * Each set of columns is a statement of its own; past MAX_COLUMN_SETS sets, which no client
   * asks for in earnest, pages read whole rows, so the prepared statements stay bounded.
   */
  const columnSets = new Map<string, string>();
  const selectOf = (columns: readonly string[] | null | undefined): string | null => {
    if (!columns || columns.length === 0) return null;
    const names = [...selectParts.keys()].filter((name) => columns.includes(name));
    const key = names.join(',');
    let select = columnSets.get(key);
    if (select === undefined) {
      if (columnSets.size >= MAX_COLUMN_SETS) return null;
      columnSets.set(key, (select = names.map((name) => selectParts.get(name)!).join(', ')));
    }
    return select;
  };
  const cached = (shape: string, build: () => Statement) => {
    let s = statements.get(shape);
    if (!s) statements.set(shape, (s = build()));
    return s;
  };

  function parentOf(name: string): ParentSpec | null {
    if (name === ROOT) return null;
    const parent = definition.parents[name];
    if (!parent) throw new Error(`the list ${definition.name} has no parent "${name}"`);
    return parent;
  }

  function where(parent: ParentSpec | null, many: boolean, filters: FilterValues): { sql: string; params: Param[] } {
    const conditions: string[] = [];
    const params: Param[] = [];
    if (parent) conditions.push(many ? `${parent.column} IN ?list` : `${parent.column} = ?`);
    for (const [name, values] of filters) {
      const condition = definition.filters[name];
      if (condition === undefined) throw new Error(`the list ${definition.name} has no filter "${name}"`);
      conditions.push(condition);
      params.push(...values);
    }
    return { sql: conditions.length ? conditions.join(' AND ') : 'TRUE', params };
  }

  const fromOf = (parent: ParentSpec | null) => `${definition.from}${parent?.join ? ` ${parent.join}` : ''}`;

  return {
    definition,
    columns: new Set(selectParts.keys()),

    async page(q, query, parentIds) {
      const parent = parentOf(query.parent);
      const many = parentIds !== null && parentIds.length > 1;
      const spec = definition.orders[query.order];
      if (!spec) throw new Error(`the list ${definition.name} has no order "${query.order}"`);
      const keys: KeyExpr[] = [
        ...spec.parts.map((p) => ({ expr: p.expr, dir: resolveDir(p.dir, query.direction, query.backwards), nullable: p.nullable === true })),
        { expr: definition.id, dir: resolveDir(spec.idDir, query.direction, query.backwards), nullable: false },
      ];
      // `after` and `before` in the direction read: backwards, `before` is where reading starts.
      const [start, stop] = query.backwards ? [query.before, query.after] : [query.after, query.before];
      const reversed = keys.map((k) => ({ ...k, dir: (k.dir === 'ASC' ? 'DESC' : 'ASC') as Direction }));
      const filter = where(parent, many, query.filters);
      const conditions = [filter.sql];
      const params: Param[] = [];
      if (parent) params.push(many ? list(parentIds!) : parentIds![0]!);
      params.push(...filter.params);
      let nulls = '';
      if (start) {
        const c = keysetCondition(keys, start);
        conditions.push(c.sql);
        params.push(...c.params);
        nulls += start.map((v) => (v === null ? 'n' : 'v')).join('');
      }
      if (stop) {
        const c = keysetCondition(reversed, stop);
        conditions.push(c.sql);
        params.push(...c.params);
        nulls += '|' + stop.map((v) => (v === null ? 'n' : 'v')).join('');
      }
      if (query.columns) for (const name of query.columns) if (!selectParts.has(name)) throw new Error(`the list ${definition.name} has no column "${name}"`);
      const narrow = selectOf(query.columns);
      const select = narrow ?? definition.select;
      const shape = JSON.stringify([query.parent, many, query.filters.map(([n]) => n), query.order, query.direction, query.backwards, !!start, !!stop, nulls, narrow]);
      const keyColumns = keys.map((k, i) => `${rawKey(k.expr)} AS "__k${i}"`).join(', ');
      const order = orderBy(keys);
      const s = cached(shape, () => {
        const text = (engineOrder: string) =>
          many
            ? `SELECT * FROM (SELECT ${select}, ${keyColumns}, ${parent!.column} AS "__parent", row_number() OVER (PARTITION BY ${parent!.column} ORDER BY ${engineOrder}) AS "__rn"
                FROM ${fromOf(parent)} WHERE ${conditions.join(' AND ')}) AS w WHERE "__rn" <= ? ORDER BY "__parent", "__rn"`
            : `SELECT ${select}, ${keyColumns} FROM ${fromOf(parent)} WHERE ${conditions.join(' AND ')} ORDER BY ${engineOrder} LIMIT ?`;
        return statement(text(order.sqlite), { postgres: text(order.postgres), decode: definition.decode });
      });
      params.push(query.limit);
      const rows = await q.all<Record<string, unknown>>(s, params);
      const pages = new Map<string, KeyedRow<Row>[]>((parentIds ?? [ROOT_PARENT]).map((p) => [p, []]));
      // The columns selected after the row's own (the key, then the parent and its rank) are
      // removed last first, named by the row's own property names: V8 undoes the deletion of an
      // object's last property, named by an interned string, by going back to the shape it had
      // before; any other deletion turns the row into a slow dictionary that every resolver then
      // reads. (`__k${i}` built here would be a string of its own, not the row's interned name.)
      const columns = rows.length ? Object.keys(rows[0]!) : [];
      const added = columns.slice(columns.length - keys.length - (many ? 2 : 0));
      const keyNames = added.slice(0, keys.length);
      const removed = [...added].reverse();
      const single = parentIds?.[0] ?? ROOT_PARENT;
      for (const raw of rows) {
        const key = keyNames.map((name) => raw[name]);
        const parentId = many ? String(raw.__parent) : single;
        for (const name of removed) delete raw[name];
        pages.get(parentId)?.push({ row: raw as Row, key });
      }
      return pages;
    },

    async count(q, parentName, filters, parentIds) {
      const parent = parentOf(parentName);
      const many = parentIds !== null && parentIds.length > 1;
      const filter = where(parent, many, filters);
      const shape = JSON.stringify(['count', parentName, many, filters.map(([n]) => n)]);
      const s = cached(shape, () =>
        statement(
          many
            ? `SELECT ${parent!.column} AS "parent", count(*) AS "total" FROM ${fromOf(parent)} WHERE ${filter.sql} GROUP BY ${parent!.column}`
            : `SELECT count(*) AS "total" FROM ${fromOf(parent)} WHERE ${filter.sql}`,
        ),
      );
      const params: Param[] = [];
      if (parent) params.push(many ? list(parentIds!) : parentIds![0]!);
      params.push(...filter.params);
      const rows = await q.all<{ parent?: string; total: number }>(s, params);
      const totals = new Map<string, number>((parentIds ?? [ROOT_PARENT]).map((p) => [p, 0]));
      for (const r of rows) totals.set(many ? r.parent! : (parentIds?.[0] ?? ROOT_PARENT), r.total);
      return totals;
    },

    async countBy(q, dimension, filters) {
      const d = definition.dimensions?.[dimension];
      if (!d) throw new Error(`the list ${definition.name} has no dimension "${dimension}"`);
      const filter = where(null, false, filters);
      const shape = JSON.stringify(['countBy', dimension, filters.map(([n]) => n)]);
      const s = cached(shape, () =>
        statement(
          `SELECT ${d.key} AS "key", count(DISTINCT ${definition.id}) AS "count" FROM ${definition.from}${d.join ? ` ${d.join}` : ''}
           WHERE ${filter.sql} GROUP BY ${d.key} ORDER BY "count" DESC, CASE WHEN ${d.key} IS NULL THEN 1 ELSE 0 END, ${d.key}`,
        ),
      );
      return q.all<CountRow>(s, filter.params);
    },
  };
}
