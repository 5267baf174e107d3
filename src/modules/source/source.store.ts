/** The SQL of sources and of the evidence spans: rows, spans by the fact they cite, and the two lists. */
import { columns, decodeOf, rowsWhereIn } from '../../db/columns.js';
import { list, type Executor } from '../../db/engine.js';
import { defineList } from '../../db/keyset.js';
import { contains } from '../../db/sql-helpers.js';
import { evidence, factualityCues, sources, type EvidenceRow, type FactualityCueRow, type SourceRow } from '../../db/tables.js';

/** The evidence columns, one per kind of fact a span can cite. */
export const EVIDENCE_SUBJECTS = {
  actor: 'actor_id',
  event: 'event_id',
  statement: 'statement_id',
  issue: 'issue_id',
  position: 'position_id',
  affiliation: 'affiliation_id',
  actorRelation: 'actor_relation_id',
  eventRelation: 'event_relation_id',
  statementRelation: 'statement_relation_id',
  obstacle: 'obstacle_id',
} as const;
export type EvidenceSubject = keyof typeof EVIDENCE_SUBJECTS;

/** The kinds of fact a factuality cue can set. */
export const CUE_SUBJECTS = { event: 'event_id', statement: 'statement_id', position: 'position_id' } as const;
export type CueSubject = keyof typeof CUE_SUBJECTS;

const byIds = rowsWhereIn(sources, 'id');
const evidenceByIds = rowsWhereIn(evidence, 'id');
// The spans of a fact, in the order they occur in the source; one statement per kind of fact.
const spanOrder = ['source_id', 'start', 'id'];
const evidenceOf = Object.fromEntries(Object.entries(EVIDENCE_SUBJECTS).map(([s, column]) => [s, rowsWhereIn(evidence, column, spanOrder)])) as Record<EvidenceSubject, ReturnType<typeof rowsWhereIn>>;
const cuesOf = Object.fromEntries(Object.entries(CUE_SUBJECTS).map(([s, column]) => [s, rowsWhereIn(factualityCues, column, spanOrder)])) as Record<CueSubject, ReturnType<typeof rowsWhereIn>>;

export const sourceStore = {
  byIds: (q: Executor, ids: readonly string[]) => q.all<SourceRow>(byIds, [list(ids)]),
  evidenceByIds: (q: Executor, ids: readonly number[]) => q.all<EvidenceRow>(evidenceByIds, [list(ids)]),
  evidenceOf: (q: Executor, subject: EvidenceSubject, ids: readonly string[]) => q.all<EvidenceRow>(evidenceOf[subject], [list(ids)]),
  cuesOf: (q: Executor, subject: CueSubject, ids: readonly string[]) => q.all<FactualityCueRow>(cuesOf[subject], [list(ids)]),
};

/** The source list (`sources`). */
export const sourceList = defineList<SourceRow>({
  name: 'sources',
  select: columns(sources, 'src'),
  decode: decodeOf(sources),
  from: 'sources AS src',
  id: 'src.id',
  parents: {},
  filters: { text: `(${contains('src.title')} OR ${contains('src.text')})` },
  orders: {
    TITLE: { parts: [{ expr: 'NOCASE(src.title)', dir: 'given' }], idDir: 'ASC' },
    ID: { parts: [], idDir: 'given' },
  },
});

/** A source's spans (`Source.evidence`), in text order by default. */
export const evidenceList = defineList<EvidenceRow>({
  name: 'Source.evidence',
  select: columns(evidence, 'ev'),
  decode: decodeOf(evidence),
  from: 'evidence AS ev',
  id: 'ev.id',
  parents: { source: { column: 'ev.source_id' } },
  filters: { text: contains('ev.exact') },
  orders: {
    START: { parts: [{ expr: 'ev.start', dir: 'given' }, { expr: 'ev."end"', dir: 'given' }], idDir: 'ASC' },
    LENGTH: { parts: [{ expr: '(ev."end" - ev.start)', dir: 'given' }, { expr: 'ev.start', dir: 'ASC' }], idDir: 'ASC' },
  },
});
