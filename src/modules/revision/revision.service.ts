/** The SQL of the history list: newest first, filtered by node or author. */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { changes, revisions } from '../../db/tables.js';
import type { RevisionFilter } from './revision.args.js';

export function revisionConditions(filter: RevisionFilter | null | undefined): (SQL | undefined)[] {
  if (!filter) return [];
  const c: (SQL | undefined)[] = [];
  if (filter.node) c.push(sql`${revisions.number} IN (SELECT ${changes.revision} FROM ${changes} WHERE ${changes.nodeId} = ${filter.node})`);
  if (filter.author) c.push(eq(revisions.authorName, filter.author));
  return c;
}

export function revisionList(filter?: RevisionFilter | null): ListSpec {
  return {
    from: sql`${revisions}`,
    parent: sql`'*'`,
    // Zero-padded so that the page machinery's id tie-break sorts like the number.
    id: sql`printf('%012d', ${revisions.number})`,
    where: revisionConditions(filter),
    orderBy: [sql`${revisions.number} DESC`],
  };
}
