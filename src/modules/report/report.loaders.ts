import type { Executor } from '../../db/engine.js';
import { byKeyLoader, groupLoader } from '../../db/loader-kit.js';
import type { ReportRow } from '../../db/tables.js';
import { reportStore, type ReportFactKind } from './report.store.js';
import type { ReportValue } from './report.type.js';

const SUBJECT = { event: 'eventId', statement: 'statementId', position: 'positionId' } as const;

/**
 * Per kind of fact, its reports with their spans (two statements a batch, whatever the number
 * of facts); and the origin of each source (the end of its reprint chain), one statement a batch.
 */
export function createReportLoaders(q: Executor) {
  const loaderFor = (kind: ReportFactKind) =>
    groupLoader(
      async (factIds: string[]): Promise<ReportValue[]> => {
        const rows = await reportStore.reportsOf(q, kind, factIds);
        if (rows.length === 0) return [];
        const spans = await reportStore.spansOf(q, kind, factIds);
        const byReport = new Map<string, typeof spans>();
        for (const s of spans) {
          const list = byReport.get(s.reportId);
          if (list) list.push(s);
          else byReport.set(s.reportId, [s]);
        }
        return rows.map((r: ReportRow) => {
          const factId = r[SUBJECT[kind]]!;
          const own = (byReport.get(r.id) ?? []).map((s) => ({ sourceId: s.sourceId, start: s.start, end: s.end, exact: s.exact, prefix: s.prefix, suffix: s.suffix, cue: s.cue }));
          return reportValue(kind, factId, { sourceId: r.sourceId, certainty: r.certainty, polarity: r.polarity, holderId: r.holderId, evidence: own.filter((s) => !s.cue), cues: own.filter((s) => s.cue) });
        });
      },
      (r) => r.factId,
    );
  return {
    event: loaderFor('event'),
    statement: loaderFor('statement'),
    position: loaderFor('position'),
    origin: byKeyLoader((ids) => reportStore.origins(q, ids), (r) => r.sourceId),
  };
}

/** A report of a fact as the API answers it: its spans carry the fact they cite (`Evidence.cites`). */
export function reportValue(
  kind: ReportFactKind,
  factId: string,
  r: { sourceId: string; certainty: ReportValue['certainty']; polarity: ReportValue['polarity']; holderId: string | null; evidence: { sourceId: string; start: number; end: number; exact: string; prefix: string; suffix: string }[]; cues: { sourceId: string; start: number; end: number; exact: string; prefix: string; suffix: string }[] },
): ReportValue {
  const cites = { [SUBJECT[kind]]: factId };
  const strip = (s: (typeof r.evidence)[number]) => ({ sourceId: s.sourceId, start: s.start, end: s.end, exact: s.exact, prefix: s.prefix, suffix: s.suffix, ...cites });
  return { kind, factId, sourceId: r.sourceId, certainty: r.certainty, polarity: r.polarity, holderId: r.holderId, evidence: r.evidence.map(strip), cues: r.cues.map(strip) };
}
