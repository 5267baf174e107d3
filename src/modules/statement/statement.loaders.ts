import type { Executor } from '../../db/engine.js';
import { bothEndsLoader, byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { STATEMENT_RELATION_INVERSE } from '../../shared/enums.js';
import { statementStore } from './statement.store.js';

export function createStatementLoaders(q: Executor) {
  return {
    byId: byIdLoader((ids) => statementStore.byIds(q, ids)),
    byEvent: groupLoader((ids: string[]) => statementStore.byEvents(q, ids), (r) => r.eventId!),
    issueIds: groupLoader((ids: string[]) => statementStore.issueLinks(q, ids), (r) => r.statementId),
    positionIds: groupLoader((ids: string[]) => statementStore.positionLinks(q, ids), (r) => r.statementId),
    /** Relations from both ends: DENIES on the denial reads DENIED_BY on the claim. */
    relations: bothEndsLoader((ids) => statementStore.relations(q, ids), STATEMENT_RELATION_INVERSE, (r) => ({ certainty: r.certainty })),
  };
}
