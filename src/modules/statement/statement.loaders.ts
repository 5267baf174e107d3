import { asc, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { positionStatements, statementIssues, statementRelations, statements, type StatementRow } from '../../db/tables.js';
import { STATEMENT_RELATION_INVERSE } from '../../shared/enums.js';
import type { StatementRelationValue } from './statement.type.js';

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
    relations: groupLoader<StatementRelationValue & { ownerId: string }>(
      (ids) =>
        db
          .select()
          .from(statementRelations)
          .where(or(inArray(statementRelations.subjectId, ids), inArray(statementRelations.objectId, ids)))
          .orderBy(asc(statementRelations.id))
          .all()
          .flatMap((r) => [
            ...(ids.includes(r.subjectId) ? [{ id: r.id, ownerId: r.subjectId, kind: r.kind, otherId: r.objectId }] : []),
            ...(ids.includes(r.objectId) ? [{ id: r.id, ownerId: r.objectId, kind: STATEMENT_RELATION_INVERSE[r.kind], otherId: r.subjectId }] : []),
          ]),
      (r) => r.ownerId,
    ),
  };
}
