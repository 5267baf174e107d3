/** The SQL of statement lists: filters and orders turned into a ListSpec for `fetchPages`. */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { atLeastCertain, containsText, direction, firstMention, speakersFor } from '../../db/sql-helpers.js';
import { evidence, statementIssues, statements } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { StatementOrderField, type StatementFilter, type StatementOrder } from './statement.args.js';

export function statementConditions(filter: StatementFilter | null | undefined): (SQL | undefined)[] {
  if (!filter) return [];
  const c: (SQL | undefined)[] = [];
  if (filter.minCertainty) c.push(atLeastCertain(statements.certainty, filter.minCertainty));
  if (filter.text) {
    c.push(
      sql`(${containsText(statements.summary, filter.text)} OR EXISTS (SELECT 1 FROM ${evidence} WHERE ${evidence.statementId} = ${statements.id} AND ${containsText(evidence.exact, filter.text)}))`,
    );
  }
  if (filter.kinds) c.push(inArray(statements.kind, filter.kinds));
  if (filter.attributionKinds) c.push(inArray(statements.attributionKind, filter.attributionKinds));
  if (filter.speaker) c.push(eq(statements.speakerId, expectId('filter.speaker', filter.speaker, 'actor')));
  if (filter.target) c.push(eq(statements.targetId, expectId('filter.target', filter.target, 'actor')));
  if (filter.event) c.push(eq(statements.eventId, expectId('filter.event', filter.event, 'event')));
  if (filter.party) {
    const party = expectId('filter.party', filter.party, 'actor');
    c.push(sql`${statements.speakerId} IN ${speakersFor(party)}`);
  }
  if (filter.issue) {
    const issue = expectId('filter.issue', filter.issue, 'issue');
    c.push(sql`EXISTS (SELECT 1 FROM ${statementIssues} WHERE ${statementIssues.statementId} = ${statements.id} AND ${statementIssues.issueId} = ${issue})`);
  }
  return c;
}

export function statementOrder(order: StatementOrder | null | undefined): SQL[] {
  const dir = direction(order?.direction);
  const mention = firstMention(statements);
  switch (order?.field ?? StatementOrderField.MENTION) {
    case StatementOrderField.MENTION:
      return [sql`${mention} ${dir}`];
    case StatementOrderField.KIND:
      return [sql`${statements.kind} ${dir}`, sql`${mention} ASC`];
    case StatementOrderField.ID:
      return [sql`${statements.id} ${dir}`];
  }
}

/** Who a statement list hangs from: the root, a speaker (`Actor.statements`) or an issue. */
export type StatementParent = 'root' | 'speaker' | 'issue';

export function statementList(parent: StatementParent, filter?: StatementFilter | null, order?: StatementOrder | null): ListSpec {
  const base = { id: sql`${statements.id}`, where: statementConditions(filter), orderBy: statementOrder(order) };
  switch (parent) {
    case 'root':
      return { ...base, from: sql`${statements}`, parent: sql`'*'` };
    case 'speaker':
      return { ...base, from: sql`${statements}`, parent: sql`${statements.speakerId}` };
    case 'issue':
      return {
        ...base,
        from: sql`${statements} JOIN ${statementIssues} ON ${statementIssues.statementId} = ${statements.id}`,
        parent: sql`${statementIssues.issueId}`,
      };
  }
}
