/** The SQL of the history list: revisions newest first, and each revision's changes. */
import { columns, decodeOf, rowsWhereIn } from '../../db/columns.js';
import { list, type Executor } from '../../db/engine.js';
import { defineList } from '../../db/keyset.js';
import { changes, revisions, type ChangeRow, type RevisionRow } from '../../db/tables.js';

const byNumbers = rowsWhereIn(revisions, 'number');
const changesOf = rowsWhereIn(changes, 'revision', ['id']);

export const revisionStore = {
  byNumbers: (q: Executor, numbers: readonly number[]) => q.all<RevisionRow>(byNumbers, [list(numbers)]),
  changes: (q: Executor, numbers: readonly number[]) => q.all<ChangeRow>(changesOf, [list(numbers)]),
};

/** The history (`revisions`), newest first, filtered by node or author. */
export const revisionList = defineList<RevisionRow>({
  name: 'revisions',
  select: columns(revisions, 'r'),
  decode: decodeOf(revisions),
  from: 'revisions AS r',
  id: 'r.number',
  parents: {},
  filters: {
    node: 'r.number IN (SELECT c.revision FROM changes AS c WHERE c.node_id = ?)',
    author: 'r.author_name = ?',
  },
  orders: { NEWEST: { parts: [], idDir: 'DESC' } },
});
