/** Small helpers the resolvers share to turn loader results into field values. */
import type DataLoader from 'dataloader';
import { notFound } from '../../shared/errors.js';

/** Loads rows by id, dropping ids with no row (a dangling id is never an error for the user). */
export async function loadAll<Row>(loader: DataLoader<string, Row | null>, ids: readonly string[]): Promise<Row[]> {
  const rows = await loader.loadMany(ids);
  return rows.filter((r): r is Row => r !== null && !(r instanceof Error));
}

/** Loads a row the schema declares non-null; its absence is a data error, reported as NOT_FOUND. */
export async function loadOne<Row>(loader: DataLoader<string, Row | null>, id: string, what: string): Promise<Row> {
  const row = await loader.load(id);
  if (!row) throw notFound(what, id);
  return row;
}

/** Loads an optional reference: null stays null. */
export async function loadMaybe<Row>(loader: DataLoader<string, Row | null>, id: string | null): Promise<Row | null> {
  return id === null ? null : loader.load(id);
}
