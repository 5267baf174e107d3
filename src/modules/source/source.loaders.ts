import type { Executor } from '../../db/engine.js';
import { byIdLoader, byKeyLoader } from '../../db/loader-kit.js';
import { sourceStore } from './source.store.js';

export function createSourceLoaders(q: Executor) {
  return {
    byId: byIdLoader((ids) => sourceStore.byIds(q, ids)),
    /** Evidence rows by id, as strings (the key of every by-id loader). */
    evidenceById: byKeyLoader((ids) => sourceStore.evidenceByIds(q, ids.map(Number)), (r) => String(r.id)),
  };
}
