import { asc, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bothEndsLoader, byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { positionStatements, statementIssues, statementRelations, statements, type StatementRow } from '../../db/tables.js';
import { STATEMENT_RELATION_INVERSE } from '../../shared/enums.js';

export function createStatementLoaders(db: Db) {
  return {
    byId: byIdLoader<StatementRow>(db, statements),
    byEvent: groupLoader(
      (ids: string[]) => db.select().from(statements).where(inArray(statements.eventId, ids)).orderBy(asc(statements.id)).all(),
      (r) => r.eventId!,
    ),
    issueIds: groupLoader(
      (ids: string[]) => db.select().from(statementIssues).where(inArray(statementIssues.statementId, ids)).orderBy(asc(statementIssues.issueId)).all(),
      (r) => r.statementId,
    ),
    positionIds: groupLoader(
      (ids: string[]) => db.select().from(positionStatements).where(inArray(positionStatements.statementId, ids)).orderBy(asc(positionStatements.positionId)).all(),
      (r) => r.statementId,
    ),
    /** Relations from both ends: DENIES on the denial reads DENIED_BY on the claim. */
    relations: bothEndsLoader(
      (ids: string[]) => db.select().from(statementRelations).where(or(inArray(statementRelations.subjectId, ids), inArray(statementRelations.objectId, ids))).orderBy(asc(statementRelations.id)).all(),
      STATEMENT_RELATION_INVERSE,
      (r) => ({ certainty: r.certainty }),
    ),
  };
}
