/** The SQL of issues: their rows, obstacles and the parties of each, and the issue list. */
import { columns, decodeOf, rowsWhereIn } from '../../db/columns.js';
import { list, type Executor } from '../../db/engine.js';
import { defineList } from '../../db/keyset.js';
import { contains } from '../../db/sql-helpers.js';
import { issueObstacleParties, issueObstacles, issues, type IssueObstaclePartyRow, type IssueObstacleRow, type IssueRow } from '../../db/tables.js';

const byIds = rowsWhereIn(issues, 'id');
const obstaclesOf = rowsWhereIn(issueObstacles, 'issue_id', ['id']);
const partiesOf = rowsWhereIn(issueObstacleParties, 'obstacle_id', ['actor_id']);

export const issueStore = {
  byIds: (q: Executor, ids: readonly string[]) => q.all<IssueRow>(byIds, [list(ids)]),
  obstacles: (q: Executor, issueIds: readonly string[]) => q.all<IssueObstacleRow>(obstaclesOf, [list(issueIds)]),
  obstacleParties: (q: Executor, obstacleIds: readonly string[]) => q.all<IssueObstaclePartyRow>(partiesOf, [list(obstacleIds)]),
};

/** The issue list (`issues`). */
export const issueList = defineList<IssueRow>({
  name: 'issues',
  select: columns(issues, 'i'),
  decode: decodeOf(issues),
  from: 'issues AS i',
  id: 'i.id',
  parents: {},
  filters: {
    text: `(${contains('i.name')} OR ${contains('i.description')})`,
    ids: 'i.id IN ?list',
    actor: 'EXISTS (SELECT 1 FROM positions AS p WHERE p.issue_id = i.id AND p.actor_id = ?)',
  },
  orders: {
    MENTION: { parts: [{ expr: 'i.first_mention', dir: 'given', nullable: true }], idDir: 'ASC' },
    NAME: { parts: [{ expr: 'NOCASE(i.name)', dir: 'given' }], idDir: 'ASC' },
    ID: { parts: [], idDir: 'given' },
  },
});
