import { sourceFilterValues, sourceScopeOf } from '../common/source-scope.js';
/** Event lists: the GraphQL filter turned into the list's filter values. */
import { list, type Param } from '../../db/engine.js';
import type { FilterValues } from '../../db/keyset.js';
import { certaintiesFrom, containsParam, dateKeyOf } from '../../db/sql-helpers.js';
import { expectId } from '../../shared/ids.js';
import { dateBound } from '../common/date-range.js';
import type { EventFilter } from './event.args.js';

export function eventFilters(filter: EventFilter | null | undefined): FilterValues {
  if (!filter) return [];
  const f: [string, Param[]][] = [];
  if (filter.minCertainty) f.push(['minCertainty', [certaintiesFrom(filter.minCertainty)]]);
  f.push(...sourceFilterValues(sourceScopeOf(filter, 'filter.')));
  if (filter.text) f.push(['text', [containsParam(filter.text), containsParam(filter.text)]]);
  if (filter.kinds) f.push(['kinds', [list(filter.kinds)]]);
  if (filter.statuses) f.push(['statuses', [list(filter.statuses)]]);
  if (filter.participant) f.push(['participant', [expectId('filter.participant', filter.participant, 'actor')]]);
  if (filter.issue) f.push(['issue', [expectId('filter.issue', filter.issue, 'issue')]]);
  if (filter.startFrom != null) f.push(['startFrom', [dateKeyOf(dateBound('filter.startFrom', filter.startFrom, 'from'))]]);
  if (filter.startTo != null) f.push(['startTo', [dateKeyOf(dateBound('filter.startTo', filter.startTo, 'to'))]]);
  if (filter.dateKnown === true) f.push(['dateKnown', []]);
  if (filter.dateKnown === false) f.push(['dateUnknown', []]);
  return f;
}
