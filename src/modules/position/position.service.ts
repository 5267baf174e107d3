import { sourceFilterValues, sourceScopeOf } from '../common/source-scope.js';
/** Position lists: the GraphQL filter turned into the list's filter values. */
import { list, type Param } from '../../db/engine.js';
import type { FilterValues } from '../../db/keyset.js';
import { certaintiesFrom } from '../../db/sql-helpers.js';
import { expectId } from '../../shared/ids.js';
import type { PositionFilter } from './position.args.js';

export function positionFilters(filter: PositionFilter | null | undefined): FilterValues {
  if (!filter) return [];
  const f: [string, Param[]][] = [];
  if (filter.minCertainty) f.push(['minCertainty', [certaintiesFrom(filter.minCertainty)]]);
  f.push(...sourceFilterValues(sourceScopeOf(filter, 'filter.')));
  if (filter.actor) f.push(['actor', [expectId('filter.actor', filter.actor, 'actor')]]);
  if (filter.party) f.push(['party', [expectId('filter.party', filter.party, 'actor')]]);
  if (filter.issue) f.push(['issue', [expectId('filter.issue', filter.issue, 'issue')]]);
  if (filter.stances) f.push(['stances', [list(filter.stances)]]);
  if (filter.firmness) f.push(['firmness', [list(filter.firmness)]]);
  if (filter.isPrecondition !== null && filter.isPrecondition !== undefined) f.push(['isPrecondition', [filter.isPrecondition]]);
  return f;
}
