/**
 * W3C Web Annotation text selectors over a source text, in Unicode code points.
 *
 * `start`/`end` count code points (not UTF-16 units), `end` exclusive, so that
 * `[...text].slice(start, end).join('') === exact`. `prefix`/`suffix` are up to
 * CONTEXT_LENGTH code points either side (a TextQuoteSelector's disambiguating context).
 */

import { createHash } from 'node:crypto';

export const CONTEXT_LENGTH = 32;

/** A source text's identity: the SHA-256 (hex) of its UTF-8 bytes. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface TextSpan {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * A source text addressed in code points. A text without astral characters (no surrogate
 * pairs, the common case) has one UTF-16 unit per code point and is sliced as it is; only a
 * text with astral characters is split into code points, once, so that a large collection
 * does not hold an array entry per character.
 */
export class CodePointText {
  private readonly astral: boolean;
  private points: string[] | null = null;
  /** The length in code points. */
  readonly length: number;

  constructor(readonly text: string) {
    this.astral = /[\uD800-\uDFFF]/.test(text);
    this.length = this.astral ? this.codePoints().length : text.length;
  }

  private codePoints(): string[] {
    return (this.points ??= Array.from(this.text));
  }

  /** The code points [start, end), clamped to the text, as a string. */
  slice(start: number, end: number): string {
    const from = Math.max(0, start);
    const to = Math.min(end, this.length);
    if (to <= from) return '';
    return this.astral ? this.codePoints().slice(from, to).join('') : this.text.slice(from, to);
  }

  /** The span [start, end) with its quote and context. */
  span(start: number, end: number): TextSpan {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > this.length) {
      throw new SpanError(`span [${start}, ${end}) is outside the text (length ${this.length})`);
    }
    return { start, end, exact: this.slice(start, end), prefix: this.slice(start - CONTEXT_LENGTH, start), suffix: this.slice(end, end + CONTEXT_LENGTH) };
  }

  /** Every start offset (in code points) at which `quote` occurs, overlapping ones included. */
  occurrences(quote: string): number[] {
    const found: number[] = [];
    let from = 0;
    for (;;) {
      const at = this.text.indexOf(quote, from);
      if (at < 0) return found;
      found.push(this.astral ? Array.from(this.text.slice(0, at)).length : at);
      from = at + 1;
    }
  }

  /**
   * Locates a quote. A quote that is absent, or present more than once without an explicit
   * 1-based `occurrence`, is refused: a citation must point at exactly one place.
   */
  locate(quote: string, occurrence?: number): TextSpan {
    const starts = this.occurrences(quote);
    if (starts.length === 0) throw new SpanError(`quote not found in the source: "${quote}"`);
    if (occurrence === undefined && starts.length > 1) {
      throw new SpanError(`quote is ambiguous (${starts.length} occurrences; give an occurrence): "${quote}"`);
    }
    const index = (occurrence ?? 1) - 1;
    const start = starts[index];
    if (start === undefined) {
      throw new SpanError(`quote occurs ${starts.length} time(s), not ${occurrence}: "${quote}"`);
    }
    // A text without astral characters holds none in its quotes: code units are code points.
    return this.span(start, start + (this.astral ? Array.from(quote).length : quote.length));
  }

  /** Refuses a span whose quote or context does not match the text at its offsets. */
  verify(span: TextSpan): void {
    const actual = this.span(span.start, span.end);
    if (actual.exact !== span.exact || actual.prefix !== span.prefix || actual.suffix !== span.suffix) {
      throw new SpanError(`span [${span.start}, ${span.end}) does not match the source: expected "${actual.exact}", got "${span.exact}"`);
    }
  }
}

export class SpanError extends Error {
  override name = 'SpanError';
}
