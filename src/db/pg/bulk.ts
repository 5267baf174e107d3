/**
 * PostgreSQL's bulk loader: what makes a load into an empty knowledge base fast on PostgreSQL.
 * The rows a load writes (the same values the stores' INSERTs take, `store/rows.ts` and
 * `changeValues`) are gathered table by table and sent with `COPY … FROM STDIN` (pg-copy-streams)
 * on the connection of the load's own transaction, a batch at a time, so the load stays one
 * transaction (a failure anywhere writes nothing) and memory holds one batch whatever the
 * bundle's size. Foreign keys are checked at the commit (the caller defers them), so the order
 * of the tables within a batch does not matter to them; the tables are sent in the order given
 * all the same (the fill order), since the triggers on `evidence` read the rows a span cites
 * (`first_mention` updates its entity, the search document of an obstacle's span takes the
 * obstacle's issue), which must be there already.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { ListParam, type Executor, type Param } from '../engine.js';
import { withConnection } from './engine.js';
import { MENTIONED } from '../sql-helpers.js';

/** Rows gathered before they are sent: a few MB of COPY text. */
const BATCH_ROWS = 20_000;

/** A value in COPY's text format: `\N` for NULL, backslash, tab, newline and return escaped. */
function copyText(value: Param): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (value instanceof ListParam) throw new Error('COPY: a list is not a column value');
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** The lines joined a few hundred at a time: fewer, larger writes to the connection. */
function* chunks(lines: string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += 500) yield lines.slice(i, i + 500).join('');
}

interface Pending {
  table: string;
  columns: readonly string[];
  lines: string[];
}

export interface CopyLoader {
  /** Queues one row of `table` (values in `columns` order). */
  add(table: string, columns: readonly string[], values: Param[]): void;
  /** Sends what is queued once a batch is full; call it between two entries of the load. */
  flushIfFull(): Promise<void>;
  /** Sends everything still queued. */
  finish(): Promise<void>;
  /** Rows sent so far. */
  readonly sent: number;
}

/** A COPY loader on the connection of `tx`, a PostgreSQL transaction's executor; a batch sends its tables in `order` (others after). */
export function copyLoader(tx: Executor, order: readonly string[] = []): CopyLoader {
  const rank = (table: string) => (order.includes(table) ? order.indexOf(table) : order.length);
  const pending = new Map<string, Pending>();
  let queued = 0;
  let sent = 0;

  async function flush(): Promise<void> {
    if (queued === 0) return;
    const batches = [...pending.values()].filter((p) => p.lines.length > 0).sort((a, b) => rank(a.table) - rank(b.table));
    pending.clear();
    queued = 0;
    await withConnection(tx, async (client) => {
      for (const { table, columns, lines } of batches) {
        const copy = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
        await pipeline(Readable.from(chunks(lines)), copy);
        sent += lines.length;
      }
    });
  }

  return {
    add(table, columns, values) {
      let p = pending.get(table);
      if (!p) pending.set(table, (p = { table, columns, lines: [] }));
      p.lines.push(values.map(copyText).join('\t') + '\n');
      queued++;
    },
    async flushIfFull() {
      if (queued >= BATCH_ROWS) await flush();
    },
    finish: flush,
    get sent() {
      return sent;
    },
  };
}

/**
 * Takes the triggers that keep `first_mention` off `evidence` for a load into an empty base
 * (each would update its entity's row once per span: most of a load's time), and returns what
 * puts them back (after checking the foreign keys, which the load deferred) and fills
 * `first_mention` in one statement per table. The rest of what the
 * triggers keep (the search documents) stays row by row. In the load's transaction: ALTER
 * TABLE locks `evidence` until the commit, and a failure rolls the change back with the rows.
 */
export async function setAsideEvidenceTriggers(tx: Executor): Promise<() => Promise<void>> {
  const triggers = MENTIONED.map(({ table }) => `"${table}_first_mention_insert"`);
  await withConnection(tx, async (client) => {
    for (const trigger of triggers) await client.query(`ALTER TABLE "evidence" DISABLE TRIGGER ${trigger}`);
  });
  return () =>
    withConnection(tx, async (client) => {
      // Every row is in: the deferred foreign-key checks run now (ALTER TABLE waits for none pending).
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      for (const trigger of triggers) await client.query(`ALTER TABLE "evidence" ENABLE TRIGGER ${trigger}`);
      for (const { table, evidence } of MENTIONED) {
        await client.query(
          `UPDATE "${table}" SET "first_mention" = "m"."first" FROM (SELECT "${evidence}" AS "id", min("start") AS "first" FROM "evidence" WHERE "${evidence}" IS NOT NULL GROUP BY "${evidence}") AS "m" WHERE "${table}"."id" = "m"."id"`,
        );
      }
    });
}
