/** The SQL of source lists and of a source's evidence spans. */
import { sql } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { containsText, direction } from '../../db/sql-helpers.js';
import { evidence, sources } from '../../db/tables.js';
import { EvidenceOrderField, SourceOrderField, type EvidenceFilter, type EvidenceOrder, type SourceFilter, type SourceOrder } from './source.args.js';

export function sourceList(filter?: SourceFilter | null, order?: SourceOrder | null): ListSpec {
  const dir = direction(order?.direction);
  return {
    from: sql`${sources}`,
    parent: sql`'*'`,
    id: sql`${sources.id}`,
    where: filter?.text ? [sql`(${containsText(sources.title, filter.text)} OR ${containsText(sources.text, filter.text)})`] : [],
    orderBy: order?.field === SourceOrderField.ID ? [sql`${sources.id} ${dir}`] : [sql`${sources.title} COLLATE NOCASE ${dir}`],
  };
}

/** A source's spans (`Source.evidence`), in text order by default; ids are the evidence row ids. */
export function evidenceList(filter?: EvidenceFilter | null, order?: EvidenceOrder | null): ListSpec {
  const dir = direction(order?.direction);
  return {
    from: sql`${evidence}`,
    parent: sql`${evidence.sourceId}`,
    id: sql`CAST(${evidence.id} AS TEXT)`,
    where: filter?.text ? [containsText(evidence.exact, filter.text)] : [],
    orderBy:
      order?.field === EvidenceOrderField.LENGTH
        ? [sql`(${evidence.end} - ${evidence.start}) ${dir}`, sql`${evidence.start} ASC`]
        : [sql`${evidence.start} ${dir}`, sql`${evidence.end} ${dir}`],
  };
}
