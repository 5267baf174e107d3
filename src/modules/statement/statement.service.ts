import { sourceFilterValues, sourceScopeOf } from '../common/source-scope.js';
/** Statement lists: the GraphQL filter turned into the list's filter values. */
import { list, type Param } from '../../db/engine.js';
import type { FilterValues } from '../../db/keyset.js';
import { certaintiesFrom, containsParam } from '../../db/sql-helpers.js';
import { expectId } from '../../shared/ids.js';
import type { StatementFilter } from './statement.args.js';

export function statementFilters(filter: StatementFilter | null | undefined): FilterValues {
  if (!filter) return [];
  const f: [string, Param[]][] = [];
  if (filter.minCertainty) f.push(['minCertainty', [certaintiesFrom(filter.minCertainty)]]);
  f.push(...sourceFilterValues(sourceScopeOf(filter, 'filter.')));
  if (filter.text) f.push(['text', [containsParam(filter.text), containsParam(filter.text)]]);
  if (filter.kinds) f.push(['kinds', [list(filter.kinds)]]);
  if (filter.attributionKinds) f.push(['attributionKinds', [list(filter.attributionKinds)]]);
  if (filter.speaker) f.push(['speaker', [expectId('filter.speaker', filter.speaker, 'actor')]]);
  if (filter.target) f.push(['target', [expectId('filter.target', filter.target, 'actor')]]);
  if (filter.event) f.push(['event', [expectId('filter.event', filter.event, 'event')]]);
  if (filter.party) f.push(['party', [expectId('filter.party', filter.party, 'actor')]]);
  if (filter.issue) f.push(['issue', [expectId('filter.issue', filter.issue, 'issue')]]);
  return f;
}
