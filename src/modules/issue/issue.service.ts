/** The SQL of issue lists: filters and orders turned into a ListSpec for `fetchPages`. */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { containsText, direction, firstMention } from '../../db/sql-helpers.js';
import { issues, positions } from '../../db/tables.js';
import { checkIdList, expectId } from '../../shared/ids.js';
import { IssueOrderField, type IssueFilter, type IssueOrder } from './issue.args.js';

export function issueConditions(filter: IssueFilter | null | undefined): (SQL | undefined)[] {
  if (!filter) return [];
  const c: (SQL | undefined)[] = [];
  if (filter.text) c.push(sql`(${containsText(issues.name, filter.text)} OR ${containsText(issues.description, filter.text)})`);
  if (filter.ids) c.push(inArray(issues.id, [...checkIdList('filter.ids', filter.ids)]));
  if (filter.actor) {
    const actor = expectId('filter.actor', filter.actor, 'actor');
    c.push(sql`EXISTS (SELECT 1 FROM ${positions} WHERE ${positions.issueId} = ${issues.id} AND ${positions.actorId} = ${actor})`);
  }
  return c;
}

export function issueOrder(order: IssueOrder | null | undefined): SQL[] {
  const dir = direction(order?.direction);
  switch (order?.field ?? IssueOrderField.MENTION) {
    case IssueOrderField.MENTION:
      return [sql`${firstMention(issues)} ${dir}`];
    case IssueOrderField.NAME:
      return [sql`${issues.name} COLLATE NOCASE ${dir}`];
    case IssueOrderField.ID:
      return [sql`${issues.id} ${dir}`];
  }
}

export function issueList(filter?: IssueFilter | null, order?: IssueOrder | null): ListSpec {
  return { from: sql`${issues}`, parent: sql`'*'`, id: sql`${issues.id}`, where: issueConditions(filter), orderBy: issueOrder(order) };
}
