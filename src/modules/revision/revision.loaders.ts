import DataLoader from 'dataloader';
import { engineOf, type Db } from '../../db/client.js';
import type { ChangeRow, RevisionRow } from '../../db/tables.js';
import { changesOf, revisionsByNumbers } from './revision.store.js';

export function createRevisionLoaders(db: Db) {
  const engine = engineOf(db);
  return {
    /** Revisions by number, given as (zero-padded) strings: the page machinery's ids. */
    byNumber: new DataLoader<string, RevisionRow | null>(async (keys) => {
      const found = new Map((await revisionsByNumbers(engine, keys.map(Number))).map((r) => [r.number, r]));
      return keys.map((k) => found.get(Number(k)) ?? null);
    }),
    /** Each revision's changes, by revision number (as a string). */
    changes: new DataLoader<string, ChangeRow[]>(async (keys) => {
      const groups = new Map<number, ChangeRow[]>(keys.map((k) => [Number(k), []]));
      for (const row of await changesOf(engine, keys.map(Number))) groups.get(row.revision)?.push(row);
      return keys.map((k) => groups.get(Number(k))!);
    }),
  };
}
