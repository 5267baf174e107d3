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

describe('Text spans: plain and astral texts alike', () => {
  it('counts code points past an astral character, and slices a plain text the same way', () => {
    const astral = new CodePointText('a🛡️b cd 🛡️ cd');
    expect(astral.length).toBe([...'a🛡️b cd 🛡️ cd'].length);
    expect(astral.occurrences('cd')).toEqual([5, 11]);
    expect(astral.slice(5, 7)).toBe('cd');
    expect(astral.span(11, 13)).toEqual({ start: 11, end: 13, exact: 'cd', prefix: 'a🛡️b cd 🛡️ ', suffix: '' });
    const plain = new CodePointText('ab cd cd');
    expect(plain.length).toBe(8);
    expect(plain.occurrences('cd')).toEqual([3, 6]);
    expect(plain.span(3, 5)).toEqual({ start: 3, end: 5, exact: 'cd', prefix: 'ab ', suffix: ' cd' });
    expect(plain.slice(-4, 2)).toBe('ab');
  });
});
