/**
 * Paging: one Relay connection for every list, for one parent or for many at once.
 *
 * A to-many connection (`Actor.statements`) is asked once per parent row; the pages of every
 * parent asked with the same arguments are read together, in one statement (a DataLoader per
 * list and arguments, per request). The page statement returns the rows themselves, and they
 * prime the by-id loader, so a row is never read twice. `totalCount` is counted only when a
 * query asks for it, again once for every parent together.
 */
import DataLoader from 'dataloader';
import { getNamedType, isObjectType, Kind, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ListParam, type Executor } from '../../db/engine.js';
import { ROOT_PARENT, type Direction, type FilterValues, type KeyedRow, type ListStore } from '../../db/keyset.js';
import { keyPage, keyWindow, type Page, type PageArgs } from '../../shared/pagination.js';

export interface ConnectionRequest<Row> {
  list: ListStore<Row>;
  /** The connection's name (`actors`, `Actor.statements`); its cursors carry it, with the order. */
  scope: string;
  /** `root`, or the kind of parent the list hangs from (`speaker`, `issue` …). */
  parent?: string;
  filters: FilterValues;
  /** The order by name (`NAME`, `MENTION` …) and its direction. */
  order: { field: string; direction?: Direction | null };
  page: PageArgs;
  /** The by-id loader the rows of the page prime, and the row's key in it. */
  byId?: DataLoader<string, Row | null>;
  keyOf?: (row: Row) => string;
  /** The connection field's resolve info: the fields asked of its nodes decide the columns read. */
  info?: GraphQLResolveInfo;
}

/**
 * The columns a page must read for the fields its query asks of the nodes (`edges { node { … } }`),
 * or null for whole rows. A page reads only some columns when every field asked of its nodes
 * is a plain property of the row: a field of the schema without a resolver of its own
 * (type-graphql's `simpleResolvers`, so GraphQL's default resolver reads the property) whose
 * name is a column of the list. Any other field (a field resolver reads what it likes of the
 * row) means the whole row. Fragments count with their fields, and `@skip`/`@include` are not
 * evaluated: a field that may be asked is read. Such a row is partial, so it primes no loader.
 */
const columnsByField = new WeakMap<readonly FieldNode[], { list: ListStore<unknown>; columns: string[] | null }>();

function columnsOf(info: GraphQLResolveInfo, list: ListStore<unknown>): string[] | null {
  // The 20 pages of a nested page are asked through the same field nodes: their columns are found once.
  const known = columnsByField.get(info.fieldNodes);
  if (known && known.list === list) return known.columns;
  const columns = findColumns(info, list);
  columnsByField.set(info.fieldNodes, { list, columns });
  return columns;
}

function findColumns(info: GraphQLResolveInfo, list: ListStore<unknown>): string[] | null {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  const edge = getNamedType(connection.getFields().edges?.type);
  if (!isObjectType(edge)) return null;
  const node = getNamedType(edge.getFields().node?.type);
  if (!isObjectType(node)) return null;
  const names = new Set<string>();
  // Names asked under one field of a selection set (`edges`, then `node`), through fragments.
  const under = (set: SelectionSetNode | undefined, field: string, found: (set: SelectionSetNode) => boolean): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === field && selection.selectionSet && !found(selection.selectionSet)) return false;
      } else {
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet;
        if (!inner || !under(inner, field, found)) return false;
      }
    }
    return true;
  };
  const collect = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (!plainColumn(node, name, list)) return false;
        names.add(name);
      } else {
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet;
        if (!inner || !collect(inner)) return false;
      }
    }
    return true;
  };
  for (const field of info.fieldNodes) if (!under(field.selectionSet, 'edges', (edges) => under(edges, 'node', collect))) return null;
  if (list.columns.has('id')) names.add('id');
  return [...list.columns].filter((name) => names.has(name));
}

/** A field GraphQL's default resolver reads as the row's property of its name, which is a column of the list. */
function plainColumn(node: GraphQLObjectType, name: string, list: ListStore<unknown>): boolean {
  const field = node.getFields()[name];
  return field !== undefined && field.resolve === undefined && list.columns.has(name);
}

export function createConnections(q: Executor) {
  const pageLoaders = new Map<string, DataLoader<string, KeyedRow<unknown>[]>>();
  const countLoaders = new Map<string, DataLoader<string, number>>();

  function loaderOf<V>(loaders: Map<string, DataLoader<string, V>>, key: string, batch: (parentIds: readonly string[] | null) => Promise<Map<string, V>>) {
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, V>(async (parents) => {
        const found = await batch(parents.length === 1 && parents[0] === ROOT_PARENT ? null : parents);
        return parents.map((p) => found.get(p)!);
      });
      loaders.set(key, loader);
    }
    return loader;
  }

  /** One page of a list for one parent (`ROOT_PARENT` for a root list). */
  return async function connection<Row>(request: ConnectionRequest<Row>, parentId: string = ROOT_PARENT): Promise<Page<Row>> {
    const parent = request.parent ?? 'root';
    const direction = request.order.direction ?? 'ASC';
    const tag = `${request.scope}/${request.order.field}/${direction}`;
    const window = keyWindow(tag, request.page);
    const backwards = window.first === null;
    const filterKey = JSON.stringify(request.filters, (_, v) => (v instanceof ListParam ? { list: v.values } : v));
    const columns = request.info ? columnsOf(request.info, request.list as ListStore<unknown>) : null;
    const query = { parent, filters: request.filters, order: request.order.field, direction, after: window.after, before: window.before, backwards, limit: (backwards ? window.last! : window.first!) + 1, columns };
    const pages = loaderOf(pageLoaders, JSON.stringify([tag, parent, filterKey, window, columns]), (parents) => request.list.page(q, query, parents) as Promise<Map<string, KeyedRow<unknown>[]>>);
    const read = (await pages.load(parentId)) as KeyedRow<Row>[];
    // Whole rows only: a row of some columns would answer a later load of the same id wrongly.
    if (request.byId && request.keyOf && columns === null) for (const { row } of read) request.byId.prime(request.keyOf(row), row);
    const counts = () => loaderOf(countLoaders, JSON.stringify([request.scope, parent, filterKey]), (parents) => request.list.count(q, parent, request.filters, parents)).load(parentId);
    return keyPage(tag, window, read, counts);
  };
}

export type Connections = ReturnType<typeof createConnections>;
