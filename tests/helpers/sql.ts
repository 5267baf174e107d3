/**
 * Ad hoc SQL for tests, on either engine: one text (the engine's macros and `?` placeholders,
 * see src/db/engine.ts) run through the engine's own executor, so a test reads and pokes the
 * tables the same way on SQLite and on PostgreSQL. Mind the differences the engines keep:
 * booleans are 0/1 on SQLite and true/false on PostgreSQL, and a few functions differ
 * (SQLite's two-argument max() is GREATEST on PostgreSQL).
 */
import { statement, type Executor, type Param } from '../../src/db/engine.js';

export function sqlRows<R = Record<string, unknown>>(q: Executor, text: string, params: readonly Param[] = []): Promise<R[]> {
  return q.all<R>(statement(text), params);
}

/** The first column of the first row, or undefined when there is no row. */
export async function sqlValue<T = unknown>(q: Executor, text: string, params: readonly Param[] = []): Promise<T> {
  const row = await q.get<Record<string, unknown>>(statement(text), params);
  return (row === undefined ? undefined : Object.values(row)[0]) as T;
}

export function sqlRun(q: Executor, text: string, params: readonly Param[] = []): Promise<{ changes: number }> {
  return q.run(statement(text), params);
}
