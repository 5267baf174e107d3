/**
 * Everything a knowledge base holds (every fact, link and span table, revisions and the count
 * of changes), read through its engine in key order, as one comparable text: equal before and
 * after a refused write means nothing was written, on either engine.
 */
import { CSV_READS } from '../../src/bulk/export.store.js';
import { statement, type Engine } from '../../src/db/engine.js';
import { stableJson } from '../../src/shared/stable-json.js';

const CHANGES = statement(`SELECT count(*) AS "n" FROM "changes"`);

export async function kbContent(engine: Engine): Promise<string> {
  return engine.snapshot(async (q) => {
    const parts: string[] = [];
    for (const table of CSV_READS) {
      parts.push(`# ${table.name}`);
      for await (const row of q.iterate<Record<string, unknown>>(table.rows)) parts.push(stableJson(row));
    }
    parts.push(`# changes ${Number((await q.get<{ n: number }>(CHANGES))!.n)}`);
    return parts.join('\n');
  });
}
