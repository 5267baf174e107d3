import type { Executor } from '../../db/engine.js';
import { byKeyLoader, groupLoader } from '../../db/loader-kit.js';
import { revisionStore } from './revision.store.js';

export function createRevisionLoaders(q: Executor) {
  return {
    /** Revisions by number, given as strings (the key of every by-id loader). */
    byNumber: byKeyLoader((keys) => revisionStore.byNumbers(q, keys.map(Number)), (r) => String(r.number)),
    changes: groupLoader((numbers: string[]) => revisionStore.changes(q, numbers.map(Number)), (r) => String(r.revision)),
  };
}
