import { describe, expect, it } from 'vitest';
import { CodePointText, SpanError } from '../../src/shared/text-span.js';

describe('Text spans: quotes become code-point offsets', () => {
  it('counts code points, not UTF-16 units, so astral characters count once', () => {
    const text = new CodePointText('😀 Iran’s nuclear program');
    const span = text.locate('Iran’s');
    expect(span.start).toBe(2);
    expect(span.end).toBe(8);
    expect([...text.text].slice(span.start, span.end).join('')).toBe('Iran’s');
  });

  it('gives up to 32 code points of prefix and suffix context', () => {
    const body = 'a'.repeat(40) + 'QUOTE' + 'b'.repeat(40);
    const span = new CodePointText(body).locate('QUOTE');
    expect(span.prefix).toBe('a'.repeat(32));
    expect(span.suffix).toBe('b'.repeat(32));
  });

  it('refuses a quote that is not in the text', () => {
    expect(() => new CodePointText('Washington and Tehran').locate('Moscow')).toThrow(/not found/);
  });

  it('refuses an ambiguous quote unless an occurrence is given', () => {
    const text = new CodePointText('talks, then more talks');
    expect(() => text.locate('talks')).toThrow(/ambiguous \(2 occurrences/);
    expect(text.locate('talks', 2).start).toBe(17);
    expect(() => text.locate('talks', 3)).toThrow(/occurs 2 time/);
  });

  it('refuses a span whose quote does not match the text at its offsets', () => {
    const text = new CodePointText('Iran denied the reports');
    const good = text.locate('denied');
    expect(() => text.verify(good)).not.toThrow();
    expect(() => text.verify({ ...good, exact: 'denies' })).toThrow(SpanError);
    expect(() => text.verify({ ...good, start: good.start + 1, end: good.end + 1 })).toThrow(SpanError);
    expect(() => text.span(5, 500)).toThrow(/outside the text/);
  });
});
