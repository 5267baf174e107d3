import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { issueObstacleParties, issueObstacles, issues, type IssueRow } from '../../db/tables.js';

export function createIssueLoaders(db: Db) {
  return {
    byId: byIdLoader<IssueRow>(db, issues),
    obstacles: groupLoader(
      (ids: string[]) => db.select().from(issueObstacles).where(inArray(issueObstacles.issueId, ids)).orderBy(asc(issueObstacles.id)).all(),
      (r) => r.issueId,
    ),
    obstacleParties: groupLoader(
      (ids: string[]) =>
        db.select().from(issueObstacleParties).where(inArray(issueObstacleParties.obstacleId, ids)).orderBy(asc(issueObstacleParties.actorId)).all(),
      (r) => r.obstacleId,
    ),
  };
}
