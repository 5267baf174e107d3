/**
 * The grouped counts (`statementCounts`, `eventCounts`): the lists' own filters, grouped by a
 * dimension, through the list stores of the statement and event modules.
 */
import type { Executor } from '../../db/engine.js';
import type { CountRow } from '../../db/keyset.js';
import type { EventFilter } from '../event/event.args.js';
import { eventFilters } from '../event/event.service.js';
import { eventList } from '../event/event.store.js';
import type { StatementFilter } from '../statement/statement.args.js';
import { statementFilters } from '../statement/statement.service.js';
import { statementList } from '../statement/statement.store.js';
import type { EventDimension, StatementDimension } from './question.type.js';

/** Statements grouped by a dimension, under the same filter as the `statements` list. */
export function countStatements(q: Executor, dimension: StatementDimension, filter: StatementFilter | null): Promise<CountRow[]> {
  return statementList.countBy(q, dimension, statementFilters(filter));
}

/** Events grouped by a dimension, under the same filter as the `events` list. */
export function countEvents(q: Executor, dimension: EventDimension, filter: EventFilter | null): Promise<CountRow[]> {
  return eventList.countBy(q, dimension, eventFilters(filter));
}
