/** Actor lists: the GraphQL filter and order turned into the list's filter values and order. */
import { list, type Param } from '../../db/engine.js';
import type { FilterValues } from '../../db/keyset.js';
import { containsParam } from '../../db/sql-helpers.js';
import { checkIdList, expectId } from '../../shared/ids.js';
import { ActorOrderField, type ActorFilter } from './actor.args.js';

export function actorFilters(filter: ActorFilter | null | undefined): FilterValues {
  if (!filter) return [];
  const f: [string, Param[]][] = [];
  if (filter.text) f.push(['text', [containsParam(filter.text), containsParam(filter.text)]]);
  if (filter.kinds) f.push(['kinds', [list(filter.kinds)]]);
  if (filter.ids) f.push(['ids', [list(checkIdList('filter.ids', filter.ids))]]);
  if (filter.countryCode) f.push(['countryCode', [filter.countryCode.toUpperCase()]]);
  if (filter.affiliatedWith) f.push(['affiliatedWith', [expectId('filter.affiliatedWith', filter.affiliatedWith, 'actor')]]);
  if (filter.hasPositionOn) f.push(['hasPositionOn', [expectId('filter.hasPositionOn', filter.hasPositionOn, 'issue')]]);
  return f;
}

export const DEFAULT_ACTOR_ORDER = ActorOrderField.NAME;
