/**
 * A fact's reports as the API lists them (by the sources' publication, unknown last, then id),
 * its corroboration, and the disputed facts. Reports come from the fact's document when the
 * fact was read `asOf` a revision (derived from its own reading when the document predates
 * reports), from the batched loaders otherwise; sources and their origins through loaders too.
 */
import { conflictOf, conflictReason, corroboration, orderReports, type ReportFact } from '../../analysis/corroboration.js';
import type { Context } from '../../context.js';
import type { SourceRow } from '../../db/tables.js';
import { typeOfId } from '../../shared/ids.js';
import type { SpanDoc } from '../../store/documents.js';
import { reportsOfDoc, type FactReading, type ReportDoc } from '../../store/reports.js';
import { docPart } from '../common/as-of.js';
import { reportValue } from './report.loaders.js';
import { reportStore, type ReportFactKind } from './report.store.js';
import type { DisputeValue, ReportValue } from './report.type.js';

/** A report with what ordering and corroboration read of its source. */
export type PlacedReport = ReportValue & ReportFact;

/** The fact's reports, as they stand now or as its `asOf` document had them. */
async function reportValues(ctx: Context, kind: ReportFactKind, fact: FactReading['row']): Promise<ReportValue[]> {
  const evidence = docPart<SpanDoc[]>(fact, 'evidence');
  if (evidence !== undefined) {
    const doc = { row: fact, evidence, cues: docPart<SpanDoc[]>(fact, 'cues') ?? [], reports: docPart<ReportDoc[]>(fact, 'reports') };
    return reportsOfDoc(doc).map((r) => reportValue(kind, fact.id, r));
  }
  return ctx.loaders.reports[kind].load(fact.id);
}

/** Reports with their sources' publisher, date and origin, in the order `reports` lists them. */
async function placed(ctx: Context, values: readonly ReportValue[]): Promise<PlacedReport[]> {
  const ids = [...new Set(values.map((v) => v.sourceId))];
  const [sources, origins] = await Promise.all([ctx.loaders.source.byId.loadMany(ids), ctx.loaders.reports.origin.loadMany(ids)]);
  const sourceOf = new Map<string, SourceRow>();
  const originOf = new Map<string, string>();
  ids.forEach((id, i) => {
    const s = sources[i];
    if (s && !(s instanceof Error)) sourceOf.set(id, s);
    const o = origins[i];
    if (o && !(o instanceof Error)) originOf.set(id, o.originId);
  });
  return orderReports(
    values.map((v) => {
      const s = sourceOf.get(v.sourceId);
      return {
        ...v,
        originId: originOf.get(v.sourceId) ?? v.sourceId,
        publisher: s?.publisher ?? null,
        published: { precision: s?.publishedPrecision ?? ('UNKNOWN' as never), year: s?.publishedYear ?? null, month: s?.publishedMonth ?? null, day: s?.publishedDay ?? null },
      };
    }),
  );
}

export async function reportsOf(ctx: Context, kind: ReportFactKind, fact: FactReading['row']): Promise<PlacedReport[]> {
  return placed(ctx, await reportValues(ctx, kind, fact));
}

export async function corroborationOf(ctx: Context, kind: ReportFactKind, fact: FactReading['row']) {
  return corroboration(await reportsOf(ctx, kind, fact));
}

const KIND_OF_TYPE: Record<string, ReportFactKind> = { Event: 'event', Statement: 'statement', Position: 'position' };

/** `disputes`: the facts whose independent reports conflict, by id, after the fact id `after`. */
export async function disputes(ctx: Context, first: number, after: string | null): Promise<DisputeValue[]> {
  const ids = await reportStore.disputed(ctx.engine, after ?? '', first);
  const out: DisputeValue[] = [];
  for (const [id, reports] of await Promise.all(ids.map(async (id) => [id, await placed(ctx, await ctx.loaders.reports[KIND_OF_TYPE[typeOfId(id)!]!].load(id))] as const))) {
    const pair = conflictOf(reports);
    if (pair) out.push({ factId: id, reports, reason: conflictReason(pair[0], pair[1]) });
  }
  return out;
}
