/**
 * Relay cursor pagination, one implementation for every connection.
 *
 * A connection's cursor carries the order key and id of its row (`encodeKeyCursor`), tagged
 * with the list and its order, so a cursor from another list or order is refused instead of
 * silently paging the wrong list, and a page read after a write neither repeats nor skips an
 * item (the page is read with `WHERE key > cursor`, see `src/db/keyset.ts`).
 *
 * A question's answer is computed whole and paged in memory, so its cursors are offsets into
 * the answer (`encodeCursor`, `listPage`).
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

/** An offset cursor into a question's answer: base64url of `<scope>:<offset>`. */
export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(`${scope}:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(argumentName: string, scope: string, cursor: string): number {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^(.+):(\d+)$/.exec(decoded);
  if (!match) {
    const list = listOfKeyCursor(decoded);
    if (list) throw badUserInput(argumentName, `the cursor belongs to the list "${list}", not to "${scope}"`);
    throw badUserInput(argumentName, `"${cursor}" is not a cursor of this API`);
  }
  if (match[1] !== scope) {
    throw badUserInput(argumentName, `the cursor belongs to the list "${match[1]}", not to "${scope}"`);
  }
  return Number(match[2]);
}

/** The list a connection's cursor (decoded) belongs to, or null when it is not one. */
function listOfKeyCursor(decoded: string): string | null {
  try {
    const value: unknown = JSON.parse(decoded);
    return Array.isArray(value) && typeof value[0] === 'string' ? listOfTag(value[0]) : null;
  } catch {
    return null;
  }
}

function checkCount(argumentName: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0) throw badUserInput(argumentName, `must not be negative (got ${value})`);
  if (value > MAX_PAGE_SIZE) throw badUserInput(argumentName, `may be at most ${MAX_PAGE_SIZE} (got ${value}); page with "after"`);
  return value;
}

/**
 * The validated arguments of a connection page: how many, in which direction, and the order
 * keys of the cursors (each the last order values of a row, then its id).
 */
export interface KeyWindow {
  first: number | null;
  last: number | null;
  after: unknown[] | null;
  before: unknown[] | null;
}

/**
 * A connection's cursor: base64url of `[tag, key]`, where the tag names the list and its order
 * (`actors/NAME/ASC`) and the key holds the row's order values and id. Opaque to clients.
 */
export function encodeKeyCursor(tag: string, key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([tag, key]), 'utf8').toString('base64url');
}

/** The list a tag names, for messages: `actors/NAME/ASC` → `actors`. */
const listOfTag = (tag: string) => tag.split('/')[0]!;

export function decodeKeyCursor(argumentName: string, tag: string, cursor: string): unknown[] {
  let decoded: unknown = null;
  if (/^[A-Za-z0-9_-]+$/.test(cursor)) {
    try {
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      decoded = null;
    }
  }
  const valid = Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && Array.isArray(decoded[1]) && decoded[1].length > 0 && decoded[1].every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw badUserInput(argumentName, `"${cursor}" is not a cursor of this API`);
  const [cursorTag, key] = decoded as [string, unknown[]];
  if (listOfTag(cursorTag) !== listOfTag(tag)) throw badUserInput(argumentName, `the cursor belongs to the list "${listOfTag(cursorTag)}", not to "${listOfTag(tag)}"`);
  if (cursorTag !== tag) throw badUserInput(argumentName, `the cursor was made for another order of "${listOfTag(tag)}" (${cursorTag.split('/').slice(1).join(' ')}); page with the order it came from`);
  return key;
}

/** Validates a connection's paging arguments before any work is done. */
export function keyWindow(tag: string, args: PageArgs): KeyWindow {
  const first = checkCount('first', args.first);
  const last = checkCount('last', args.last);
  return {
    // Without first or last a page holds DEFAULT_PAGE_SIZE items, never an unbounded list.
    first: first === null && last === null ? DEFAULT_PAGE_SIZE : first,
    last,
    after: args.after != null ? decodeKeyCursor('after', tag, args.after) : null,
    before: args.before != null ? decodeKeyCursor('before', tag, args.before) : null,
  };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Counted only when a query asks for it. */
  totalCount: number | Promise<number>;
}

/**
 * The page from the rows read in the direction of the window (`last` without `first` reads
 * backwards): at most one row more than the page was read, which says whether more follow.
 * Relay's algorithm: `first` applies before `last`. `hasPreviousPage` when paging forward (and
 * `hasNextPage` when paging backward) says whether a cursor was given: whether rows lie on that
 * side is not read, as Relay allows.
 */
export function keyPage<T>(tag: string, window: KeyWindow, read: readonly { row: T; key: readonly unknown[] }[], count: () => Promise<number>): Page<T> {
  const backwards = window.first === null;
  const size = backwards ? window.last! : window.first!;
  let rows = read.slice(0, size);
  const more = read.length > size;
  if (backwards) rows = rows.reverse();
  let trimmedFront = false;
  if (!backwards && window.last !== null && rows.length > window.last) {
    rows = rows.slice(rows.length - window.last);
    trimmedFront = true;
  }
  const edges = rows.map(({ row, key }) => new KeyEdge(tag, key, row));
  let total: Promise<number> | null = null;
  return {
    edges,
    get totalCount() {
      return (total ??= count());
    },
    pageInfo: {
      hasPreviousPage: backwards ? more : window.after !== null || trimmedFront,
      hasNextPage: backwards ? window.before !== null : more,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/**
 * An edge whose cursor is encoded only when read: a nested page of 20 lists of 10 makes 200
 * edges, and most queries ask for none of their cursors.
 */
class KeyEdge<T> {
  constructor(
    private readonly tag: string,
    private readonly key: readonly unknown[],
    readonly node: T,
  ) {}

  get cursor(): string {
    return encodeKeyCursor(this.tag, this.key);
  }
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
