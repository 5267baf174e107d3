/** The SQL of the history's by-number reads, defined once (the list's paging is `revision.service.ts`). */
import { columns, decodeOf } from '../../db/columns.js';
import { list, statement, type Executor } from '../../db/engine.js';
import { changes, revisions, type ChangeRow, type RevisionRow } from '../../db/tables.js';

// `IN ?list` is a list of text ids; revision numbers are integers, so PostgreSQL gets its own text.
const REVISION = columns(revisions, 'r');
const CHANGE = columns(changes, 'c');
const Q = {
  byNumbers: statement(`SELECT ${REVISION} FROM "revisions" AS "r" WHERE "r"."number" IN ?list`, {
    postgres: `SELECT ${REVISION} FROM "revisions" AS "r" WHERE "r"."number" = ANY(?::integer[])`,
    decode: decodeOf(revisions),
  }),
  changesOf: statement(`SELECT ${CHANGE} FROM "changes" AS "c" WHERE "c"."revision" IN ?list ORDER BY "c"."id"`, {
    postgres: `SELECT ${CHANGE} FROM "changes" AS "c" WHERE "c"."revision" = ANY(?::integer[]) ORDER BY "c"."id"`,
    decode: decodeOf(changes),
  }),
};

export async function revisionsByNumbers(q: Executor, numbers: readonly number[]): Promise<RevisionRow[]> {
  return q.all<RevisionRow>(Q.byNumbers, [list(numbers)]);
}

/** The changes of these revisions, in the order they were recorded. */
export async function changesOf(q: Executor, numbers: readonly number[]): Promise<ChangeRow[]> {
  return q.all<ChangeRow>(Q.changesOf, [list(numbers)]);
}
