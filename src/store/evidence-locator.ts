/**
 * Finds a quote in a source, the way a W3C TextQuoteSelector and TextPositionSelector do
 * together: the exact words must occur; `start`/`end` (code points) and `prefix`/`suffix`
 * narrow the occurrences; exactly one must remain. Quotes and context are NFC-normalised
 * first, as stored texts are. Nothing is fuzzy-matched: a typo is a refusal.
 */
import type { CodePointText } from '../shared/text-span.js';
import type { SpanDoc } from './documents.js';

export interface QuoteSelector {
  exact: string;
  prefix?: string | null;
  suffix?: string | null;
  start?: number | null;
  end?: number | null;
}

export type Located = { span: SpanDoc } | { refused: 'EVIDENCE_NOT_FOUND' | 'EVIDENCE_AMBIGUOUS'; message: string };

export function locateQuote(sourceId: string, text: CodePointText, selector: QuoteSelector): Located {
  const exact = selector.exact.normalize('NFC');
  const prefix = selector.prefix?.normalize('NFC') ?? null;
  const suffix = selector.suffix?.normalize('NFC') ?? null;
  const length = Array.from(exact).length;
  const all = text.occurrences(exact);
  if (all.length === 0) return { refused: 'EVIDENCE_NOT_FOUND', message: `the quote "${exact}" is not in ${sourceId}` };
  const fits = (start: number) =>
    (selector.start == null || selector.start === start) &&
    (selector.end == null || selector.end === start + length) &&
    (prefix === null || text.slice(start - Array.from(prefix).length, start) === prefix) &&
    (suffix === null || text.slice(start + length, start + length + Array.from(suffix).length) === suffix);
  const chosen = all.filter(fits);
  if (chosen.length === 0) {
    return { refused: 'EVIDENCE_NOT_FOUND', message: `the quote "${exact}" occurs in ${sourceId} at ${all.join(', ')}, but none matches the given start/end/prefix/suffix` };
  }
  if (chosen.length > 1) {
    return { refused: 'EVIDENCE_AMBIGUOUS', message: `the quote "${exact}" occurs ${chosen.length} times in ${sourceId} (at ${chosen.join(', ')}); give start/end or prefix/suffix to pick one` };
  }
  const { start, end, exact: quoted, prefix: before, suffix: after } = text.span(chosen[0]!, chosen[0]! + length);
  return { span: { sourceId, start, end, exact: quoted, prefix: before, suffix: after } };
}
