import type { Db } from '../../db/client.js';
import { byIdLoader } from '../../db/loader-kit.js';
import { sources, type SourceRow } from '../../db/tables.js';

export function createSourceLoaders(db: Db) {
  return { byId: byIdLoader<SourceRow>(db, sources) };
}
