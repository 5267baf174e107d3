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
    const query = { parent, filters: request.filters, order: request.order.field, direction, after: window.after, before: window.before, backwards, limit: (backwards ? window.last! : window.first!) + 1 };
    const pages = loaderOf(pageLoaders, JSON.stringify([tag, parent, filterKey, window]), (parents) => request.list.page(q, query, parents) as Promise<Map<string, KeyedRow<unknown>[]>>);
    const read = (await pages.load(parentId)) as KeyedRow<Row>[];
    if (request.byId && request.keyOf) for (const { row } of read) request.byId.prime(request.keyOf(row), row);
    const counts = () => loaderOf(countLoaders, JSON.stringify([request.scope, parent, filterKey]), (parents) => request.list.count(q, parent, request.filters, parents)).load(parentId);
    return keyPage(tag, window, read, counts);
  };
}

export type Connections = ReturnType<typeof createConnections>;
