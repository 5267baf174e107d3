/**
 * The questions' facts narrowed to a source scope (`minSources`, `publishedBy`): events,
 * statements and positions without enough independent reports (of sources published by the
 * day asked) are left out of what the questions read, as if they were not in the base;
 * relations, affiliations and obstacles stay. The analysis then answers as it always does:
 * a relation naming a fact left out is ignored, as it is for a fact below `minCertainty`.
 *
 * A scoped read filters what it read, so it answers as the whole base filtered would: the
 * timeline's scope walk keeps the events before the answer in the unfiltered base, a superset
 * closed under predecessors in the filtered one, and the filtered set stays closed (see
 * analysis/timeline.ts, "Scope"). The question tests compare scoped and whole answers.
 */
import { counts, narrows, originOfSources, type Published, type SourceScope } from '../../analysis/corroboration.js';
import type { Executor } from '../../db/engine.js';
import { reportsOfDoc } from '../../store/reports.js';
import { reportStore } from '../report/report.store.js';
import type { HistorySnapshot } from './facts-as-of.service.js';
import type { QuestionFacts } from './facts.service.js';

/** Which of the facts count under the scope. */
export type CountedFacts = (factIds: readonly string[], scope: SourceScope) => Promise<Set<string>>;

/** Counted from the tables now: one statement for the facts read. */
export function countedNow(q: Executor): CountedFacts {
  return async (factIds, scope) => {
    const rows = await reportStore.scopeOf(q, factIds);
    const byFact = new Map<string, { originId: string; published: Published }[]>();
    for (const r of rows) {
      const list = byFact.get(r.fact) ?? [];
      list.push({ originId: r.originId, published: { precision: r.precision, year: r.year, month: r.month, day: r.day } });
      byFact.set(r.fact, list);
    }
    return new Set(factIds.filter((id) => counts(byFact.get(id) ?? [], scope)));
  };
}

/** Counted from a snapshot of the history: each fact's reports as its document had them. */
export function countedAsOf(s: HistorySnapshot): CountedFacts {
  const sources = new Map(s.Source.map((d) => [d.row.id, d.row]));
  const originOf = originOfSources(new Map(s.Source.map((d) => [d.row.id, d.row.reprintOfId ?? null])));
  const docs = new Map([...s.Event, ...s.Statement, ...s.Position].map((d) => [d.row.id, d]));
  return async (factIds, scope) =>
    new Set(
      factIds.filter((id) => {
        const doc = docs.get(id);
        if (!doc) return false;
        const reports = reportsOfDoc(doc).map((r) => {
          const source = sources.get(r.sourceId);
          return { originId: originOf(r.sourceId), published: { precision: source?.publishedPrecision ?? ('UNKNOWN' as never), year: source?.publishedYear ?? null, month: source?.publishedMonth ?? null, day: source?.publishedDay ?? null } };
        });
        return counts(reports, scope);
      }),
    );
}

/** The facts a question reads, narrowed to the scope (unchanged when it narrows nothing). */
export function scopedBySources(known: QuestionFacts, scope: SourceScope, counted: CountedFacts): QuestionFacts {
  if (!narrows(scope)) return known;
  const keep = async <T extends { id: string }>(rows: T[]): Promise<T[]> => {
    if (rows.length === 0) return rows;
    const kept = await counted(rows.map((r) => r.id), scope);
    return rows.filter((r) => kept.has(r.id));
  };
  return {
    ...known,
    positions: async () => keep(await known.positions()),
    async statementFacts() {
      const f = await known.statementFacts();
      return { ...f, statements: await keep(f.statements) };
    },
    async timelineFacts() {
      const f = await known.timelineFacts();
      return { ...f, events: await keep(f.events) };
    },
    async timelineFactsFor(answer, minCertainty, budget) {
      const f = await known.timelineFactsFor(answer, minCertainty, budget);
      const events = await keep(f.events);
      return f.whole ? { ...f, events, whole: { ...f.whole, events: await keep(f.whole.events) } } : { ...f, events };
    },
    async contradictionFacts(seeds) {
      const f = await known.contradictionFacts(seeds);
      return { ...f, statements: await keep(f.statements), positions: await keep(f.positions) };
    },
    forParties: (parties) => scopedBySources(known.forParties(parties), scope, counted),
  };
}
