/** Parts of documents that several writers build from their inputs, checked the way the seed's are. */
import { Certainty, Polarity } from '../../shared/enums.js';
import { factualityProblem } from '../../shared/fact-rules.js';
import type { Docs } from '../../store/documents.js';
import { columnsOf } from '../../store/entities.js';
import { deriveReports } from '../../store/reports.js';
import type * as I from './write.inputs.js';
import { refuse, type Write } from './write.runner.js';
import { UserErrorCode } from './write.types.js';

/** `<prefix>:<slug of the text>`; refused when nothing of the text makes a slug. */
export function slugId(prefix: string, text: string, field: string[]): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (slug === '') refuse(UserErrorCode.INVALID_VALUE, field, `${field.join('.')}: cannot make an id from "${text}"; give an id`);
  return `${prefix}:${slug}`;
}

/** A factuality input as columns and cue spans, checked like the seed's. */
export async function factualityOf(w: Write, f: I.FactualityInput | null | undefined, defaultHolder: string | null) {
  const certainty = f?.certainty ?? Certainty.CERTAIN;
  const polarity = f?.polarity ?? Polarity.POSITIVE;
  const cues = await w.spans(f?.cues ?? [], ['input', 'factuality', 'cues']);
  const problem = factualityProblem(certainty, polarity, cues.length);
  if (problem) refuse(UserErrorCode.INVALID_VALUE, ['input', 'factuality', 'cues'], `input.factuality.cues: ${problem}`);
  if (f?.holder) await w.requireIds('Actor', [f.holder], ['input', 'factuality', 'holder']);
  return { columns: { certainty, polarity, holderId: f?.holder ?? defaultHolder }, cues };
}

/** A list (ids, aliases) as a document keeps it: each once, sorted. */
export const sortedSet = (items: readonly string[]): string[] => [...new Set(items)].sort();

type Fact = 'Event' | 'Statement' | 'Position';

/**
 * A new fact's row (its fields' columns, its factuality, version 1), evidence and cues: what an
 * event, a statement and a position build alike. The cues are located before the evidence.
 */
export async function newFact<T extends Fact>(w: Write, type: T, id: string, input: object & { factuality?: I.FactualityInput | null; evidence: I.EvidenceInput[] }, defaultHolder: string | null) {
  const f = await factualityOf(w, input.factuality, defaultHolder);
  const row = { id, ...columnsOf(type, input, 'create'), ...f.columns, version: 1 } as Docs[T]['row'];
  const evidence = await w.spans(input.evidence, ['input', 'evidence']);
  // The source it is recorded from reports it as the fact reads (reports.ts).
  return { row, evidence, cues: f.cues, reports: deriveReports({ row, evidence, cues: f.cues }) };
}

/**
 * An event or statement after an update: the fields given replace the stored ones, the issues
 * given replace the list, a factuality given replaces the stored one and its cues (its holder
 * defaulting to `defaultHolder` of the updated row); the rest is kept.
 */
export async function changedFact<T extends 'Event' | 'Statement'>(
  w: Write,
  type: T,
  before: Docs[T],
  input: object & { factuality?: I.FactualityInput | null; issues?: string[] | null },
  defaultHolder: (row: Docs[T]['row']) => string | null,
): Promise<Docs[T]> {
  const row = { ...before.row, ...columnsOf(type, input, 'update') };
  const f = input.factuality ? await factualityOf(w, input.factuality, defaultHolder(row)) : null;
  return { ...before, row: f ? { ...row, ...f.columns } : row, issueIds: input.issues ? sortedSet(input.issues) : before.issueIds, cues: f ? f.cues : before.cues };
}
