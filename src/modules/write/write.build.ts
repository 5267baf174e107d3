/** Parts of documents that several writers build from their inputs, checked the way the seed's are. */
import { Certainty, Polarity } from '../../shared/enums.js';
import { factualityProblem } from '../../shared/fact-rules.js';
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
