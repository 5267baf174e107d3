/** The SQL of positions: their rows, conditions and backing statements, and the position list. */
import { columns, decodeOf, rowsWhereIn } from '../../db/columns.js';
import { list, type Executor } from '../../db/engine.js';
import { defineList } from '../../db/keyset.js';
import { sourceFilters } from '../common/source-scope.js';
import { SPEAKERS_FOR } from '../../db/sql-helpers.js';
import { positionConditions, positionStatements, positions, type PositionConditionRow, type PositionRow, type PositionStatementRow } from '../../db/tables.js';

const byIds = rowsWhereIn(positions, 'id');
const byActors = rowsWhereIn(positions, 'actor_id', ['issue_id', 'id']);
const byIssues = rowsWhereIn(positions, 'issue_id', ['actor_id', 'id']);
const conditionsOf = rowsWhereIn(positionConditions, 'position_id', ['issue_id']);
const statementsOf = rowsWhereIn(positionStatements, 'position_id', ['statement_id']);

export const positionStore = {
  byIds: (q: Executor, ids: readonly string[]) => q.all<PositionRow>(byIds, [list(ids)]),
  byActors: (q: Executor, actorIds: readonly string[]) => q.all<PositionRow>(byActors, [list(actorIds)]),
  byIssues: (q: Executor, issueIds: readonly string[]) => q.all<PositionRow>(byIssues, [list(issueIds)]),
  conditionLinks: (q: Executor, ids: readonly string[]) => q.all<PositionConditionRow>(conditionsOf, [list(ids)]),
  statementLinks: (q: Executor, ids: readonly string[]) => q.all<PositionStatementRow>(statementsOf, [list(ids)]),
};

/** The position list (`positions`). */
export const positionList = defineList<PositionRow>({
  name: 'positions',
  select: columns(positions, 'p'),
  decode: decodeOf(positions),
  from: 'positions AS p',
  id: 'p.id',
  parents: {},
  filters: {
    minCertainty: 'p.certainty IN ?list',
    ...sourceFilters('p', 'position_id'),
    actor: 'p.actor_id = ?',
    party: `p.actor_id IN ${SPEAKERS_FOR}`,
    issue: 'p.issue_id = ?',
    stances: 'p.stance IN ?list',
    firmness: 'p.firmness IN ?list',
    isPrecondition: 'p.is_precondition = ?',
  },
  orders: {
    ISSUE: { parts: [{ expr: 'p.issue_id', dir: 'given' }, { expr: 'p.actor_id', dir: 'given' }], idDir: 'ASC' },
    ACTOR: { parts: [{ expr: 'p.actor_id', dir: 'given' }, { expr: 'p.issue_id', dir: 'given' }], idDir: 'ASC' },
    ID: { parts: [], idDir: 'given' },
  },
});
