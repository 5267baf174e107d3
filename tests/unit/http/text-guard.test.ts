/** The text guard: which strings no engine stores as given, and where a refusal says it found one. */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isUnstorable, unstorablePath, unstorableTextRefusal } from '../../../src/http/text-guard.js';

describe('Text no engine stores as given', () => {
  it('is the NUL character and a surrogate without its pair, nothing else', () => {
    for (const text of ['\u0000', 'a\u0000b', '\ud800', 'x\ud83d', '\udc00y', '\ude00\ud83d']) expect(isUnstorable(text), JSON.stringify(text)).toBe(true);
    for (const text of ['', 'Iran’s', 'café', '🛡️', '\ud83d\ude00', '한국', '\u0001', 'Tĥe', '\uffff']) expect(isUnstorable(text), JSON.stringify(text)).toBe(false);
  });

  it('is found at any depth of the variables, and the path says where', () => {
    expect(unstorablePath({ v0: { text: 'ok', list: ['a', 'b\u0000'] } }, '')).toBe('v0.list[1]');
    expect(unstorablePath({ input: { name: '\ud800Tehrān' } }, '')).toBe('input.name');
    expect(unstorablePath({ a: 1, b: null, c: [true, { d: 'fine' }] }, '')).toBeNull();
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorablePath({ v: deep }, '')?.startsWith('v[0][0]')).toBe(true);
  });

  it('refuses an operation with BAD_USER_INPUT naming the literal or the variable', () => {
    const literal = unstorableTextRefusal(parse('{\n  statements(filter: { text: "a\\u0000" }) { totalCount }\n}'), {});
    expect(literal?.message).toContain('a string literal on line 2');
    expect(literal?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    const variable = unstorableTextRefusal(parse('query($f: StatementFilter) { statements(filter: $f) { totalCount } }'), { f: { text: '\ud800' } });
    expect(variable?.message).toContain('variable $f.text');
    expect(unstorableTextRefusal(parse('{ search(query: "café 🛡️") { score } }'), { unused: 'fine' })).toBeNull();
  });

  it('judges a document once, its variables on every request', () => {
    const document = parse('query($q: String!) { search(query: $q) { score } }');
    expect(unstorableTextRefusal(document, { q: 'fine' })).toBeNull();
    // The same parsed document again (Apollo's document store reuses it): the variables still count.
    expect(unstorableTextRefusal(document, { q: 'x\u0000' })?.message).toContain('variable $q');
    const literal = parse('{ search(query: "a\\u0000") { score } }');
    expect(unstorableTextRefusal(literal, {})?.message).toContain('line 1');
    expect(unstorableTextRefusal(literal, {})?.message).toContain('line 1');
  });
});
