/**
 * The engine interface every store is written against: async, plain arguments in, plain rows
 * out, one SQL text per statement and engine, prepared once per connection.
 *
 * Two engines implement it: SQLite through better-sqlite3 (`sqlite/engine.ts`, the embedded
 * default) and PostgreSQL through node-postgres (`pg/engine.ts`). A store defines each of its
 * statements once, at module load, with `statement()`; the text is written once in the subset
 * both engines read, and the few places where they differ are spelled with the macros below,
 * compiled per engine when the statement is defined, so no SQL text is built per call:
 *
 * - `?` is a placeholder (numbered `$1`, `$2` … for PostgreSQL);
 * - `IN ?list` tests membership in a list of text ids passed as `list(ids)`: SQLite reads it as
 *   one JSON parameter (`IN (SELECT value FROM json_each(?))`), PostgreSQL as one array
 *   (`= ANY($n::text[])`), so the text is the same whatever the length of the list; `IN ?intlist`
 *   the same for a list of integers;
 * - `NOCASE(expr)` orders or compares without case: `expr COLLATE NOCASE` on SQLite,
 *   `lower(expr)` on PostgreSQL (each engine has an index on that expression).
 *
 * Where one text cannot serve both, `statement()` takes the two texts.
 */
import { createHash } from 'node:crypto';

export type EngineKind = 'sqlite' | 'postgres';

/** A list parameter (`IN ?list`): a JSON array for SQLite, an array for PostgreSQL. */
export class ListParam {
  constructor(readonly values: readonly (string | number)[]) {}
}

export const list = (values: Iterable<string | number>): ListParam => new ListParam([...values]);

export type Param = string | number | boolean | null | ListParam;

/** How to read columns that SQLite cannot type: booleans stored as 0/1, JSON stored as text. */
export interface Decode {
  bool?: readonly string[];
  json?: readonly string[];
}

export interface Statement {
  /** The text each engine runs (placeholders numbered for PostgreSQL). */
  readonly text: Readonly<Record<EngineKind, string>>;
  /** PostgreSQL's prepared-statement name: derived from its text, so one name is one text. */
  readonly name: string;
  readonly decode: Decode | null;
}

/** Compiles the macros of the header for one engine. */
export function compileSql(text: string, engine: EngineKind): string {
  let out = text.replace(/NOCASE\(([^()]+)\)/g, (_, expr: string) => (engine === 'sqlite' ? `${expr} COLLATE NOCASE` : `lower(${expr})`));
  out = out.replace(/IN \?list/g, engine === 'sqlite' ? 'IN (SELECT value FROM json_each(?))' : '= ANY(?::text[])');
  out = out.replace(/IN \?intlist/g, engine === 'sqlite' ? 'IN (SELECT value FROM json_each(?))' : '= ANY(?::bigint[])');
  if (engine === 'postgres') out = numberPlaceholders(out);
  return out;
}

/** `?` → `$1`, `$2` …, outside quoted strings and identifiers. */
function numberPlaceholders(text: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = null;
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?') {
      out += `$${++n}`;
    } else out += c;
  }
  return out;
}

/**
 * Defines a statement once. `text` serves both engines unless `postgres` (or `sqlite`) gives
 * that engine its own text; `decode` names the columns SQLite returns untyped.
 */
export function statement(text: string, options: { postgres?: string; sqlite?: string; decode?: Decode } = {}): Statement {
  const compiled = {
    sqlite: compileSql(options.sqlite ?? text, 'sqlite'),
    postgres: compileSql(options.postgres ?? text, 'postgres'),
  };
  return { text: compiled, name: 's' + createHash('sha1').update(compiled.postgres).digest('hex').slice(0, 20), decode: options.decode ?? null };
}

/** What runs statements: an engine, or the transaction an engine hands to a write. */
export interface Executor {
  readonly kind: EngineKind;
  all<R>(statement: Statement, params?: readonly Param[]): Promise<R[]>;
  get<R>(statement: Statement, params?: readonly Param[]): Promise<R | undefined>;
  /** Runs a statement that returns no rows; `changes` is the number of rows it touched. */
  run(statement: Statement, params?: readonly Param[]): Promise<{ changes: number }>;
  /**
   * Streams the rows of a read, a batch at a time, so memory holds one batch whatever the size
   * of the result (the exports). Other statements may run on the same executor between two
   * rows: SQLite steps better-sqlite3's `iterate()`; PostgreSQL DECLAREs a cursor in the
   * transaction and FETCHes from it (a pg-cursor would hold the connection until closed, so
   * nothing else could run in the same snapshot meanwhile). On an engine, outside any
   * transaction, the rows come from one snapshot of their own. Stop early with `break`: the
   * cursor is closed.
   */
  iterate<R>(statement: Statement, params?: readonly Param[]): AsyncIterable<R>;
}

export interface Engine extends Executor {
  /** Where the data lives, for messages: a file path or `postgres://host:port/db` (no password). */
  readonly location: string;
  /**
   * Runs `work` in one transaction and commits when it resolves; rolls back when it throws.
   * Writes are serialized on SQLite (one writer) and by row locks on PostgreSQL.
   */
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  /** Runs several reads against one consistent state of the database. */
  snapshot<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: holds one connection of its own that LISTENs on `channel`, calling
   * `notified` for each notification and `connected` each time the LISTEN is (re)established:
   * a listener that lost its connection reconnects by itself and should then catch up on what
   * it may have missed. SQLite has one process per file and no such channel.
   */
  listen?(channel: string, handlers: { notified(payload: string): void; connected(): void }): Listener;
}

/** A LISTEN held open by `Engine.listen`. */
export interface Listener {
  close(): Promise<void>;
}

/** Engine options the tests use. */
export interface EngineOptions {
  /** Called with the text of every statement the driver runs (the SQL-count test counts them). */
  onStatement?: (text: string) => void;
}

/** A database fault that is not the user's doing (the server went away): SERVICE_UNAVAILABLE. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly location: string, cause: unknown) {
    super(`the database at ${location} is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}
