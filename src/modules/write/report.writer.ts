/**
 * `setReport`, `removeReport`: how one source reports one fact (an event, a statement or a
 * position). Each is an update of the fact's document (its version one up, one revision),
 * so the history and `asOf` carry reports as they carry evidence. A report's evidence and cues
 * are spans of its own source, located like every quote; a fact keeps at least one report.
 */
import { Certainty, Polarity } from '../../shared/enums.js';
import { factualityProblem } from '../../shared/fact-rules.js';
import { typeOfId } from '../../shared/ids.js';
import type { Docs } from '../../store/documents.js';
import { canonicalReports, isFactType, type FactType, type ReportDoc } from '../../store/reports.js';
import type * as I from './write.inputs.js';
import { refuse, type StoredResult, type Write } from './write.runner.js';
import { UserErrorCode } from './write.types.js';

/** The fact named, at the version expected; the version may be left out only when `optional`. */
async function factAt(w: Write, id: string, expectedVersion: number | null | undefined, optional: boolean): Promise<{ type: FactType; before: Docs[FactType] }> {
  const type = typeOfId(id);
  if (!type || !isFactType(type)) return refuse(UserErrorCode.NOT_FOUND, ['input', 'fact'], `input.fact: "${id}" is not an event, statement or position`);
  const before = await w.read(type, id);
  if (!before) return refuse(UserErrorCode.NOT_FOUND, ['input', 'fact'], `input.fact: no ${type} with id "${id}"`);
  if (expectedVersion == null && !optional) refuse(UserErrorCode.INVALID_VALUE, ['input', 'expectedVersion'], `input.expectedVersion: required to change ${id}'s reports (now at version ${before.row.version})`);
  if (expectedVersion != null && expectedVersion !== before.row.version) {
    refuse(UserErrorCode.VERSION_CONFLICT, ['input', 'expectedVersion'], `${id} is at version ${before.row.version}, not ${expectedVersion}: read it again and reapply your change`);
  }
  return { type, before };
}

/** Refuses a quote of another source than the report's. */
function ownSource(quotes: readonly I.EvidenceInput[], source: string, field: string): void {
  const i = quotes.findIndex((q) => q.source !== source);
  if (i >= 0) refuse(UserErrorCode.INVALID_VALUE, ['input', field, String(i), 'source'], `input.${field}.${i}.source: a report quotes its own source, ${source} (not ${quotes[i]!.source})`);
}

export async function setReport(w: Write, input: I.SetReportInput): Promise<StoredResult> {
  await w.requireIds('Source', [input.source], ['input', 'source']);
  // A new report may leave the version out; replacing one names the version read.
  const type = typeOfId(input.fact);
  const existing = type && isFactType(type) ? (await w.read(type, input.fact))?.reports.some((r) => r.sourceId === input.source) : false;
  const { type: factType, before } = await factAt(w, input.fact, input.expectedVersion, !existing);
  ownSource(input.evidence, input.source, 'evidence');
  ownSource(input.cues ?? [], input.source, 'cues');
  const certainty = input.certainty ?? Certainty.CERTAIN;
  const polarity = input.polarity ?? Polarity.POSITIVE;
  const cues = await w.spans(input.cues ?? [], ['input', 'cues']);
  const problem = factualityProblem(certainty, polarity, cues.length);
  if (problem) refuse(UserErrorCode.INVALID_VALUE, ['input', 'cues'], `input.cues: ${problem}`);
  if (input.holder) await w.requireIds('Actor', [input.holder], ['input', 'holder']);
  const report: ReportDoc = { sourceId: input.source, certainty, polarity, holderId: input.holder ?? null, evidence: await w.spans(input.evidence, ['input', 'evidence']), cues };
  const reports = canonicalReports([...before.reports.filter((r) => r.sourceId !== input.source), report]);
  await w.update(factType, before, { ...before, reports });
  return { type: factType, id: input.fact };
}

export async function removeReport(w: Write, input: I.RemoveReportInput): Promise<StoredResult> {
  const { type, before } = await factAt(w, input.fact, input.expectedVersion, false);
  const kept = before.reports.filter((r) => r.sourceId !== input.source);
  if (kept.length === before.reports.length) refuse(UserErrorCode.NOT_FOUND, ['input', 'source'], `input.source: ${input.source} has no report of ${input.fact}`);
  if (kept.length === 0) refuse(UserErrorCode.INVALID_VALUE, ['input', 'source'], `input.source: it is ${input.fact}'s only report; a fact keeps at least one (set another first)`);
  await w.update(type, before, { ...before, reports: kept });
  return { type, id: input.fact };
}
