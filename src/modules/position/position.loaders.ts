import type { Executor } from '../../db/engine.js';
import { byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { positionStore } from './position.store.js';

export function createPositionLoaders(q: Executor) {
  return {
    byId: byIdLoader((ids) => positionStore.byIds(q, ids)),
    byActor: groupLoader((ids: string[]) => positionStore.byActors(q, ids), (r) => r.actorId),
    byIssue: groupLoader((ids: string[]) => positionStore.byIssues(q, ids), (r) => r.issueId),
    conditionIds: groupLoader((ids: string[]) => positionStore.conditionLinks(q, ids), (r) => r.positionId),
    statementIds: groupLoader((ids: string[]) => positionStore.statementLinks(q, ids), (r) => r.positionId),
  };
}
