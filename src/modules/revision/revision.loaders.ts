import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { groupLoader } from '../../db/loader-kit.js';
import { changes, revisions, type RevisionRow } from '../../db/tables.js';

export function createRevisionLoaders(db: Db) {
  return {
    /** Revisions by number, given as (zero-padded) strings: the page machinery's ids. */
    byNumber: new DataLoader<string, RevisionRow | null>(async (keys) => {
      const rows = db.select().from(revisions).where(inArray(revisions.number, keys.map(Number))).all();
      const found = new Map(rows.map((r) => [r.number, r]));
      return keys.map((k) => found.get(Number(k)) ?? null);
    }),
    changes: groupLoader(
      (numbers: string[]) => db.select().from(changes).where(inArray(changes.revision, numbers.map(Number))).orderBy(asc(changes.id)).all(),
      (r) => String(r.revision),
    ),
  };
}
