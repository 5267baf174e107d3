/** The SQL of actor lists: filters and orders turned into a ListSpec for `fetchPages`. */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { containsText, direction, firstMention } from '../../db/sql-helpers.js';
import { actorAliases, actors, affiliations, positions } from '../../db/tables.js';
import { checkIdList, expectId } from '../../shared/ids.js';
import { ActorOrderField, type ActorFilter, type ActorOrder } from './actor.args.js';

export function actorConditions(filter: ActorFilter | null | undefined): (SQL | undefined)[] {
  if (!filter) return [];
  const conditions: (SQL | undefined)[] = [];
  if (filter.text) {
    conditions.push(
      sql`(${containsText(actors.name, filter.text)} OR EXISTS (SELECT 1 FROM ${actorAliases} WHERE ${actorAliases.actorId} = ${actors.id} AND ${containsText(actorAliases.alias, filter.text)}))`,
    );
  }
  if (filter.kinds) conditions.push(inArray(actors.kind, filter.kinds));
  if (filter.ids) conditions.push(inArray(actors.id, [...checkIdList('filter.ids', filter.ids)]));
  if (filter.countryCode) conditions.push(eq(actors.countryCode, filter.countryCode.toUpperCase()));
  if (filter.affiliatedWith) {
    const org = expectId('filter.affiliatedWith', filter.affiliatedWith, 'actor');
    conditions.push(sql`EXISTS (SELECT 1 FROM ${affiliations} WHERE ${affiliations.actorId} = ${actors.id} AND ${affiliations.organizationId} = ${org})`);
  }
  if (filter.hasPositionOn) {
    const issue = expectId('filter.hasPositionOn', filter.hasPositionOn, 'issue');
    conditions.push(sql`EXISTS (SELECT 1 FROM ${positions} WHERE ${positions.actorId} = ${actors.id} AND ${positions.issueId} = ${issue})`);
  }
  return conditions;
}

export function actorOrder(order: ActorOrder | null | undefined): SQL[] {
  const dir = direction(order?.direction);
  switch (order?.field ?? ActorOrderField.NAME) {
    case ActorOrderField.NAME:
      return [sql`${actors.name} COLLATE NOCASE ${dir}`];
    case ActorOrderField.KIND:
      return [sql`${actors.kind} ${dir}`, sql`${actors.name} COLLATE NOCASE ASC`];
    case ActorOrderField.MENTION:
      return [sql`${firstMention(actors)} ${dir}`];
    case ActorOrderField.ID:
      return [sql`${actors.id} ${dir}`];
  }
}

/** All actors (the root list). */
export function actorList(filter?: ActorFilter | null, order?: ActorOrder | null): ListSpec {
  return { from: sql`${actors}`, parent: sql`'*'`, id: sql`${actors.id}`, where: actorConditions(filter), orderBy: actorOrder(order) };
}

