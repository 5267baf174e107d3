/** The history list: the GraphQL filter turned into the list's filter values. */
import type { Param } from '../../db/engine.js';
import type { FilterValues } from '../../db/keyset.js';
import type { RevisionFilter } from './revision.args.js';

export function revisionFilters(filter: RevisionFilter | null | undefined): FilterValues {
  if (!filter) return [];
  const f: [string, Param[]][] = [];
  if (filter.node) f.push(['node', [filter.node]]);
  if (filter.author) f.push(['author', [filter.author]]);
  return f;
}
