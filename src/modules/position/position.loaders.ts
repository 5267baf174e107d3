import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { positionConditions, positionStatements, positions, type PositionRow } from '../../db/tables.js';

export function createPositionLoaders(db: Db) {
  return {
    byId: byIdLoader<PositionRow>(db, positions),
    byActor: groupLoader(
      (ids: string[]) => db.select().from(positions).where(inArray(positions.actorId, ids)).orderBy(asc(positions.issueId), asc(positions.id)).all(),
      (r) => r.actorId,
    ),
    byIssue: groupLoader(
      (ids: string[]) => db.select().from(positions).where(inArray(positions.issueId, ids)).orderBy(asc(positions.actorId), asc(positions.id)).all(),
      (r) => r.issueId,
    ),
    conditionIds: groupLoader(
      (ids: string[]) => db.select().from(positionConditions).where(inArray(positionConditions.positionId, ids)).orderBy(asc(positionConditions.issueId)).all(),
      (r) => r.positionId,
    ),
    statementIds: groupLoader(
      (ids: string[]) => db.select().from(positionStatements).where(inArray(positionStatements.positionId, ids)).orderBy(asc(positionStatements.statementId)).all(),
      (r) => r.positionId,
    ),
  };
}
