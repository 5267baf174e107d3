import type { Executor } from '../../db/engine.js';
import { byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { issueStore } from './issue.store.js';

export function createIssueLoaders(q: Executor) {
  return {
    byId: byIdLoader((ids) => issueStore.byIds(q, ids)),
    obstacles: groupLoader((ids: string[]) => issueStore.obstacles(q, ids), (r) => r.issueId),
    obstacleParties: groupLoader((ids: string[]) => issueStore.obstacleParties(q, ids), (r) => r.obstacleId),
  };
}
