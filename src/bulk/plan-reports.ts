/**
 * The reports of a plan's facts, derived as a write derives them (`deriveReports` in
 * `store/reports.ts`): one per source a fact's evidence cites, with the fact's reading, that
 * source's evidence and cues. A bundle's facts get theirs as the bundle is read, so a seed or
 * an import gives every fact its report and the seed's answers stay as they were.
 */
import { originOfSources } from '../analysis/corroboration.js';
import { Certainty, Polarity } from '../shared/enums.js';
import type { SpanDoc } from '../store/documents.js';
import { deriveReports, reportId } from '../store/reports.js';
import type { SeedPlan } from './bundle-reader.js';

type SpanRow = SeedPlan['evidence'][number];
const span = (e: SpanRow): SpanDoc => ({ sourceId: e.sourceId, start: e.start, end: e.end, exact: e.exact, prefix: e.prefix, suffix: e.suffix });

/**
 * Adds to `plan` the derived reports of its events, statements and positions that have none
 * in it. `originOf` names the end of a source's reprint chain.
 */
export function addDerivedReports(plan: SeedPlan, originOf: (sourceId: string) => string): void {
  const reported = new Set(plan.reports.map((r) => r.eventId ?? r.statementId ?? r.positionId));
  const facts = [
    ...plan.events.map((row) => ({ row, subject: 'eventId' as const })),
    ...plan.statements.map((row) => ({ row, subject: 'statementId' as const })),
    ...plan.positions.map((row) => ({ row, subject: 'positionId' as const })),
  ].filter((f) => !reported.has(f.row.id));
  if (facts.length === 0) return;
  const spansOf = (rows: readonly (SpanRow | SeedPlan['factualityCues'][number])[], subject: 'eventId' | 'statementId' | 'positionId') => {
    const out = new Map<string, SpanDoc[]>();
    for (const r of rows) {
      const id = r[subject];
      if (id == null) continue;
      const list = out.get(id);
      if (list) list.push(span(r as SpanRow));
      else out.set(id, [span(r as SpanRow)]);
    }
    return out;
  };
  const evidence = { eventId: spansOf(plan.evidence, 'eventId'), statementId: spansOf(plan.evidence, 'statementId'), positionId: spansOf(plan.evidence, 'positionId') };
  const cues = { eventId: spansOf(plan.factualityCues, 'eventId'), statementId: spansOf(plan.factualityCues, 'statementId'), positionId: spansOf(plan.factualityCues, 'positionId') };
  for (const { row, subject } of facts) {
    const reading = {
      row: { id: row.id, certainty: row.certainty ?? Certainty.CERTAIN, polarity: row.polarity ?? Polarity.POSITIVE, holderId: row.holderId ?? null },
      evidence: evidence[subject].get(row.id) ?? [],
      cues: cues[subject].get(row.id) ?? [],
    };
    for (const r of deriveReports(reading)) {
      const id = reportId(row.id, r.sourceId);
      plan.reports.push({ id, eventId: null, statementId: null, positionId: null, [subject]: row.id, sourceId: r.sourceId, originId: originOf(r.sourceId), certainty: r.certainty, polarity: r.polarity, holderId: r.holderId });
      for (const s of r.evidence) plan.reportSpans.push({ ...s, reportId: id, cue: false });
      for (const s of r.cues) plan.reportSpans.push({ ...s, reportId: id, cue: true });
    }
  }
}

/** The end of a reprint chain, given each source's `reprintOf` (a cycle stops where it closes). */
export const originIn = originOfSources;
