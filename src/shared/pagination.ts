/**
 * Relay cursor pagination, one implementation for every connection.
 *
 * A cursor is an opaque base64url string of `<scope>:<offset>`: the scope names the
 * connection it came from (`actors`, `Actor.statements`), so a cursor from another
 * connection is refused instead of silently paging the wrong list. Offsets fit a knowledge
 * base that changes only by re-seeding; the order is always made total with the id.
 *
 * `pageWindow` turns the arguments into the bounds the SQL applies; the bounds depend on the
 * list's total only through `min(total, before)`, which `src/db/pages.ts` evaluates per parent.
 */
import { badUserInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The validated arguments: `start` is the first offset after `after`, `before` an offset or null. */
export interface PageWindow {
  start: number;
  before: number | null;
  first: number | null;
  last: number | null;
}

export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(`${scope}:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(argumentName: string, scope: string, cursor: string): number {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^(.+):(\d+)$/.exec(decoded);
  if (!match) throw badUserInput(argumentName, `"${cursor}" is not a cursor of this API`);
  if (match[1] !== scope) {
    throw badUserInput(argumentName, `the cursor belongs to the list "${match[1]}", not to "${scope}"`);
  }
  return Number(match[2]);
}

function checkCount(argumentName: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0) throw badUserInput(argumentName, `must not be negative (got ${value})`);
  if (value > MAX_PAGE_SIZE) throw badUserInput(argumentName, `may be at most ${MAX_PAGE_SIZE} (got ${value}); page with "after"`);
  return value;
}

export function pageWindow(scope: string, args: PageArgs): PageWindow {
  const first = checkCount('first', args.first);
  const last = checkCount('last', args.last);
  const after = args.after != null ? decodeCursor('after', scope, args.after) : null;
  const before = args.before != null ? decodeCursor('before', scope, args.before) : null;
  return {
    start: after === null ? 0 : after + 1,
    before,
    // Without first or last a page holds DEFAULT_PAGE_SIZE items, never an unbounded list.
    first: first === null && last === null ? DEFAULT_PAGE_SIZE : first,
    last,
  };
}

/** The offsets [start, end) of the page within a list of `total` items (Relay's algorithm). */
export function pageBounds(window: PageWindow, total: number): { start: number; end: number } {
  let start = window.start;
  let end = Math.min(total, window.before ?? total);
  if (window.first !== null) end = Math.min(end, start + window.first);
  if (window.last !== null) start = Math.max(start, end - window.last);
  return { start, end: Math.max(start, end) };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * Builds the connection object from the page's items (already in order). `total` may be null
 * when the page was read without counting the list (forward paging); then `hasNext` says
 * whether items follow, and `totalCount` is counted only if a query asks for it.
 */
export function toPage<T>(scope: string, window: PageWindow, page: { total: number | null; hasNext?: boolean; count(): number }, items: T[]): Page<T> {
  const known = page.total;
  const { start, end } = known === null ? { start: window.start, end: window.start + items.length } : pageBounds(window, known);
  const edges = items.map((node, i) => ({ cursor: encodeCursor(scope, start + i), node }));
  let total = known;
  return {
    edges,
    get totalCount() {
      return (total ??= page.count());
    },
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: known === null ? page.hasNext === true : end < known,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Paging a question's answer. The questions keep the contract's list shapes, so a page is a
 * plain list, not a connection: `first` and `after` sit beside the question's own arguments,
 * and each item carries the cursor to continue after it. Without `first` the answer comes
 * whole (from after `after`), as it did before paging existed; `first` is bounded as for
 * connections. The scope names the question and its arguments (`listScope`), so a cursor from
 * another question, or from the same question asked about something else, is refused.
 */
export interface ListPageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page of a list: its scope, the first offset, and at most how many items (null: to the end). */
export interface ListWindow {
  scope: string;
  start: number;
  first: number | null;
}

/** `timeline(actor: actor:iran, minCertainty: POSSIBLE)`: the question and the arguments given, null ones left out. */
export function listScope(question: string, args: Record<string, string | number | null | undefined>): string {
  const given = Object.entries(args).filter(([, value]) => value !== null && value !== undefined);
  return `${question}(${given.map(([name, value]) => `${name}: ${value}`).join(', ')})`;
}

/** Validates the paging arguments, before any work is done: `first` 0 to MAX_PAGE_SIZE, `after` a cursor of this list. */
export function listWindow(scope: string, args: ListPageArgs): ListWindow {
  const first = checkCount('first', args.first);
  const after = args.after != null ? decodeCursor('after', scope, args.after) : null;
  return { scope, start: after === null ? 0 : after + 1, first };
}

/**
 * The window's items of a whole answer, each with its cursor (its offset in the whole answer),
 * encoded only when read: a whole timeline has thousands of entries and few queries ask.
 */
export function listPage<T extends object>(window: ListWindow, items: readonly T[]): (T & { cursor: string })[] {
  const end = window.first === null ? items.length : Math.min(items.length, window.start + window.first);
  return items.slice(window.start, end).map((item, i) => ({
    ...item,
    get cursor() {
      return encodeCursor(window.scope, window.start + i);
    },
  }));
}
