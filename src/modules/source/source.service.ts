/** The SQL of source lists and of a source's evidence spans. */
import { sql } from 'drizzle-orm';
import type { ListSpec } from '../../db/pages.js';
import { containsText } from '../../db/sql-helpers.js';
import { evidence, sources } from '../../db/tables.js';
import type { EvidenceFilter, SourceFilter } from './source.args.js';

export function sourceList(filter?: SourceFilter | null): ListSpec {
  return {
    from: sql`${sources}`,
    parent: sql`'*'`,
    id: sql`${sources.id}`,
    where: filter?.text ? [sql`(${containsText(sources.title, filter.text)} OR ${containsText(sources.text, filter.text)})`] : [],
    orderBy: [sql`${sources.title} COLLATE NOCASE ASC`],
  };
}

/** A source's spans in text order (`Source.evidence`); ids are the evidence row ids. */
export function evidenceList(filter?: EvidenceFilter | null): ListSpec {
  return {
    from: sql`${evidence}`,
    parent: sql`${evidence.sourceId}`,
    id: sql`CAST(${evidence.id} AS TEXT)`,
    where: filter?.text ? [containsText(evidence.exact, filter.text)] : [],
    orderBy: [sql`${evidence.start} ASC`, sql`${evidence.end} ASC`],
  };
}
