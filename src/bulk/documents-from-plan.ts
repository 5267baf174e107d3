/**
 * The bridge between a validated bundle (the bundle reader's plan of rows) and node documents,
 * so an import writes through the same `writeDoc` as the mutations and records the same
 * change documents; and `canonical`, which says whether two documents hold the same facts
 * (whatever their version, row order or span ids), so that importing a bundle twice writes
 * nothing the second time.
 */
import type { SeedPlan } from './bundle-reader.js';
import type * as t from '../db/tables.js';
import { stableJson } from '../shared/stable-json.js';
import type { AnyDoc, DocType, SpanDoc } from '../store/documents.js';
import { canonicalReports, type ReportDoc } from '../store/reports.js';

type SpanRow = SeedPlan['evidence'][number] | SeedPlan['factualityCues'][number] | SeedPlan['reportSpans'][number];

const span = (e: SpanRow): SpanDoc => ({ sourceId: e.sourceId, start: e.start, end: e.end, exact: e.exact, prefix: e.prefix, suffix: e.suffix });

/** Spans in the order `readDoc` reads them back (by source, then start), so history documents match live reads. */
const spans = (rows: readonly SpanRow[]) => rows.map(span).sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.start - b.start));
const sorted = (ids: string[]) => [...ids].sort();

function groups<R>(rows: readonly R[], key: (r: R) => string | null | undefined): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    if (k == null) continue;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export interface PlannedDoc {
  type: DocType;
  doc: AnyDoc;
}

/** Every node of a plan as a document, in an order that writes what is referred to first. */
export function documentsOf(plan: SeedPlan): PlannedDoc[] {
  const spansBy = (column: keyof SeedPlan['evidence'][number]) => groups(plan.evidence, (e) => e[column] as string | null | undefined);
  const cuesBy = (column: 'eventId' | 'statementId' | 'positionId') => groups(plan.factualityCues, (c) => c[column]);
  const list = <R>(m: Map<string, R[]>, id: string) => m.get(id) ?? [];
  const ev = { actor: spansBy('actorId'), issue: spansBy('issueId'), event: spansBy('eventId'), statement: spansBy('statementId'), position: spansBy('positionId'), affiliation: spansBy('affiliationId'), obstacle: spansBy('obstacleId'), actorRelation: spansBy('actorRelationId'), eventRelation: spansBy('eventRelationId'), statementRelation: spansBy('statementRelationId') };
  const cue = { event: cuesBy('eventId'), statement: cuesBy('statementId'), position: cuesBy('positionId') };
  const aliases = groups(plan.actorAliases, (a) => a.actorId);
  const affiliations = groups(plan.affiliations, (a) => a.actorId);
  const obstacles = groups(plan.issueObstacles, (o) => o.issueId);
  const obstacleParties = groups(plan.issueObstacleParties, (p) => p.obstacleId);
  const participants = groups(plan.eventParticipants, (p) => p.eventId);
  const eventIssues = groups(plan.eventIssues, (l) => l.eventId);
  const statementIssues = groups(plan.statementIssues, (l) => l.statementId);
  const positionStatements = groups(plan.positionStatements, (l) => l.positionId);
  const positionConditions = groups(plan.positionConditions, (l) => l.positionId);
  const v1 = <R extends object>(row: R) => ({ ...row, version: 1 });
  const reportSpans = groups(plan.reportSpans, (s) => s.reportId);
  const reportsBy = groups(plan.reports, (r) => r.eventId ?? r.statementId ?? r.positionId);
  const reportsOf = (factId: string): ReportDoc[] =>
    canonicalReports(
      list(reportsBy, factId).map((r) => ({
        sourceId: r.sourceId,
        certainty: r.certainty ?? ('CERTAIN' as never),
        polarity: r.polarity ?? ('POSITIVE' as never),
        holderId: r.holderId ?? null,
        evidence: spans(list(reportSpans, r.id).filter((s) => !s.cue)),
        cues: spans(list(reportSpans, r.id).filter((s) => s.cue)),
      })),
    );

  const docs: PlannedDoc[] = [];
  for (const row of plan.sources) docs.push({ type: 'Source', doc: { row: v1(row) as t.SourceRow } });
  for (const row of plan.actors) {
    docs.push({
      type: 'Actor',
      doc: {
        row: v1(row) as t.ActorRow,
        aliases: sorted(list(aliases, row.id).map((a) => a.alias)),
        affiliations: [...list(affiliations, row.id)].sort((x, y) => (x.id < y.id ? -1 : 1)).map((a) => ({ organizationId: a.organizationId, role: a.role ?? null, evidence: spans(list(ev.affiliation, a.id)) })),
        evidence: spans(list(ev.actor, row.id)),
      },
    });
  }
  for (const row of plan.issues) {
    docs.push({
      type: 'Issue',
      doc: {
        row: v1(row) as t.IssueRow,
        obstacles: [...list(obstacles, row.id)].sort((x, y) => (x.id < y.id ? -1 : 1)).map((o) => ({ id: o.id, description: o.description, certainty: o.certainty ?? ('CERTAIN' as never), partyIds: sorted(list(obstacleParties, o.id).map((p) => p.actorId)), evidence: spans(list(ev.obstacle, o.id)) })),
        evidence: spans(list(ev.issue, row.id)),
      },
    });
  }
  for (const row of plan.events) {
    docs.push({
      type: 'Event',
      doc: {
        row: v1(row) as t.EventRow,
        participants: [...list(participants, row.id)].sort((x, y) => (`${x.actorId}|${x.role}` < `${y.actorId}|${y.role}` ? -1 : 1)).map((p) => ({ actorId: p.actorId, role: p.role })),
        issueIds: sorted(list(eventIssues, row.id).map((l) => l.issueId)),
        evidence: spans(list(ev.event, row.id)),
        cues: spans(list(cue.event, row.id)),
        reports: reportsOf(row.id),
      },
    });
  }
  for (const row of plan.statements) {
    docs.push({ type: 'Statement', doc: { row: v1(row) as t.StatementRow, issueIds: sorted(list(statementIssues, row.id).map((l) => l.issueId)), evidence: spans(list(ev.statement, row.id)), cues: spans(list(cue.statement, row.id)), reports: reportsOf(row.id) } });
  }
  for (const row of plan.positions) {
    docs.push({
      type: 'Position',
      doc: {
        row: v1(row) as t.PositionRow,
        statementIds: sorted(list(positionStatements, row.id).map((l) => l.statementId)),
        conditionIds: sorted(list(positionConditions, row.id).map((l) => l.issueId)),
        evidence: spans(list(ev.position, row.id)),
        cues: spans(list(cue.position, row.id)),
        reports: reportsOf(row.id),
      },
    });
  }
  for (const row of plan.actorRelations) docs.push({ type: 'ActorRelation', doc: { row: row as t.ActorRelationRow, evidence: spans(list(ev.actorRelation, row.id)) } });
  for (const row of plan.eventRelations) docs.push({ type: 'EventRelation', doc: { row: row as t.EventRelationRow, evidence: spans(list(ev.eventRelation, row.id)) } });
  for (const row of plan.statementRelations) docs.push({ type: 'StatementRelation', doc: { row: row as t.StatementRelationRow, evidence: spans(list(ev.statementRelation, row.id)) } });
  return docs;
}

const bySpan = (a: SpanDoc, b: SpanDoc) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.start - b.start || a.end - b.end);
const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** A document's facts as one string: version left out, every list in one order, absent = null. */
export function canonical(doc: AnyDoc): string {
  const d = JSON.parse(JSON.stringify(doc, (_k, v: unknown) => (v === undefined ? null : v))) as Record<string, any>;
  delete d.row.version;
  for (const key of ['evidence', 'cues']) if (Array.isArray(d[key])) d[key].sort(bySpan);
  for (const key of ['aliases', 'issueIds', 'statementIds', 'conditionIds']) if (Array.isArray(d[key])) d[key].sort();
  if (Array.isArray(d.reports)) d.reports = canonicalReports(d.reports);
  if (Array.isArray(d.participants)) d.participants.sort(byKey((p: any) => `${p.actorId}|${p.role}`));
  if (Array.isArray(d.affiliations)) {
    d.affiliations.sort(byKey((a: any) => a.organizationId));
    for (const a of d.affiliations) a.evidence.sort(bySpan);
  }
  if (Array.isArray(d.obstacles)) {
    d.obstacles.sort(byKey((o: any) => o.id));
    for (const o of d.obstacles) {
      o.partyIds.sort();
      o.evidence.sort(bySpan);
    }
  }
  return stableJson(d);
}

