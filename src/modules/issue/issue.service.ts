/** Issue lists: the GraphQL filter turned into the list's filter values. */
import { list, type Param } from '../../db/engine.js';
import type { FilterValues } from '../../db/keyset.js';
import { containsParam } from '../../db/sql-helpers.js';
import { checkIdList, expectId } from '../../shared/ids.js';
import type { IssueFilter } from './issue.args.js';

export function issueFilters(filter: IssueFilter | null | undefined): FilterValues {
  if (!filter) return [];
  const f: [string, Param[]][] = [];
  if (filter.text) f.push(['text', [containsParam(filter.text), containsParam(filter.text)]]);
  if (filter.ids) f.push(['ids', [list(checkIdList('filter.ids', filter.ids))]]);
  if (filter.actor) f.push(['actor', [expectId('filter.actor', filter.actor, 'actor')]]);
  return f;
}
