/** The SQL of statements: their rows, issues, positions and relations, and the statement lists. */
import { columns, decodeOf, rowsWhereIn } from '../../db/columns.js';
import { list, statement, type Executor } from '../../db/engine.js';
import { defineList } from '../../db/keyset.js';
import { sourceFilters } from '../common/source-scope.js';
import { contains, SPEAKERS_FOR } from '../../db/sql-helpers.js';
import { positionStatements, statementIssues, statementRelations, statements, type PositionStatementRow, type StatementIssueRow, type StatementRelationRow, type StatementRow } from '../../db/tables.js';

const byIds = rowsWhereIn(statements, 'id');
const byEvents = rowsWhereIn(statements, 'event_id', ['id']);
const issuesOf = rowsWhereIn(statementIssues, 'statement_id', ['issue_id']);
const positionsOf = rowsWhereIn(positionStatements, 'statement_id', ['position_id']);
const relationsOf = statement(
  `SELECT ${columns(statementRelations, 'r')} FROM statement_relations AS r WHERE r.subject_id IN ?list OR r.object_id IN ?list ORDER BY r.id`,
  { decode: decodeOf(statementRelations) },
);

export const statementStore = {
  byIds: (q: Executor, ids: readonly string[]) => q.all<StatementRow>(byIds, [list(ids)]),
  byEvents: (q: Executor, eventIds: readonly string[]) => q.all<StatementRow>(byEvents, [list(eventIds)]),
  issueLinks: (q: Executor, ids: readonly string[]) => q.all<StatementIssueRow>(issuesOf, [list(ids)]),
  positionLinks: (q: Executor, ids: readonly string[]) => q.all<PositionStatementRow>(positionsOf, [list(ids)]),
  relations: (q: Executor, ids: readonly string[]) => q.all<StatementRelationRow>(relationsOf, [list(ids), list(ids)]),
};

/** The statement lists: all statements, a speaker's (`Actor.statements`) and an issue's. */
export const statementList = defineList<StatementRow>({
  name: 'statements',
  select: columns(statements, 's'),
  decode: decodeOf(statements),
  from: 'statements AS s',
  id: 's.id',
  parents: {
    speaker: { column: 's.speaker_id' },
    issue: { join: 'JOIN statement_issues AS si ON si.statement_id = s.id', column: 'si.issue_id' },
  },
  filters: {
    minCertainty: 's.certainty IN ?list',
    ...sourceFilters('s', 'statement_id'),
    text: `(${contains('s.summary')} OR EXISTS (SELECT 1 FROM evidence AS ev WHERE ev.statement_id = s.id AND ${contains('ev.exact')}))`,
    kinds: 's.kind IN ?list',
    attributionKinds: 's.attribution_kind IN ?list',
    speaker: 's.speaker_id = ?',
    target: 's.target_id = ?',
    event: 's.event_id = ?',
    party: `s.speaker_id IN ${SPEAKERS_FOR}`,
    issue: 'EXISTS (SELECT 1 FROM statement_issues AS sil WHERE sil.statement_id = s.id AND sil.issue_id = ?)',
  },
  orders: {
    MENTION: { parts: [{ expr: 's.first_mention', dir: 'given', nullable: true }], idDir: 'ASC' },
    KIND: { parts: [{ expr: 's.kind', dir: 'given' }, { expr: 's.first_mention', dir: 'ASC', nullable: true }], idDir: 'ASC' },
    ID: { parts: [], idDir: 'given' },
  },
  dimensions: {
    KIND: { key: 's.kind' },
    SPEAKER: { key: 's.speaker_id' },
    TARGET: { key: 's.target_id' },
    ATTRIBUTION: { key: 's.attribution_kind' },
    ISSUE: { key: 'sd.issue_id', join: 'LEFT JOIN statement_issues AS sd ON sd.statement_id = s.id' },
  },
});
