/** The SQL of position lists: filters and orders turned into a ListSpec for `fetchPages`. */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { atLeastCertain, direction, speakersFor } from '../../db/sql-helpers.js';
import { positions } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { PositionOrderField, type PositionFilter, type PositionOrder } from './position.args.js';

export function positionConditions(filter: PositionFilter | null | undefined): (SQL | undefined)[] {
  if (!filter) return [];
  const c: (SQL | undefined)[] = [];
  if (filter.minCertainty) c.push(atLeastCertain(positions.certainty, filter.minCertainty));
  if (filter.actor) c.push(eq(positions.actorId, expectId('filter.actor', filter.actor, 'actor')));
  if (filter.party) {
    const party = expectId('filter.party', filter.party, 'actor');
    c.push(sql`${positions.actorId} IN ${speakersFor(party)}`);
  }
  if (filter.issue) c.push(eq(positions.issueId, expectId('filter.issue', filter.issue, 'issue')));
  if (filter.stances) c.push(inArray(positions.stance, filter.stances));
  if (filter.firmness) c.push(inArray(positions.firmness, filter.firmness));
  if (filter.isPrecondition !== null && filter.isPrecondition !== undefined) c.push(eq(positions.isPrecondition, filter.isPrecondition));
  return c;
}

export function positionOrder(order: PositionOrder | null | undefined): SQL[] {
  const dir = direction(order?.direction);
  switch (order?.field ?? PositionOrderField.ISSUE) {
    case PositionOrderField.ISSUE:
      return [sql`${positions.issueId} ${dir}`, sql`${positions.actorId} ${dir}`];
    case PositionOrderField.ACTOR:
      return [sql`${positions.actorId} ${dir}`, sql`${positions.issueId} ${dir}`];
    case PositionOrderField.ID:
      return [sql`${positions.id} ${dir}`];
  }
}

export function positionList(filter?: PositionFilter | null, order?: PositionOrder | null): ListSpec {
  return { from: sql`${positions}`, parent: sql`'*'`, id: sql`${positions.id}`, where: positionConditions(filter), orderBy: positionOrder(order) };
}
