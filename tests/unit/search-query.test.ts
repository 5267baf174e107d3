import { describe, expect, it } from 'vitest';
import { compileFts5, compileTsquery, MAX_NESTING, parseSearchQuery, type SearchNode, type SearchQuery } from '../../src/analysis/search-query.js';

/** A compact reading of a parsed query: `iran`, `"iran s"`, `missil*`, `(a & b & !c)`, `(a | b)`. */
function show(node: SearchNode | null): string {
  if (node === null) return '∅';
  switch (node.kind) {
    case 'term': {
      const words = node.words.join(' ') + (node.prefix ? '*' : '');
      return node.words.length > 1 ? `"${words}"` : words;
    }
    case 'or':
      return `(${node.anyOf.map(show).join(' | ')})`;
    case 'and':
      return `(${[...node.include.map(show), ...node.exclude.map((n) => `!${show(n)}`)].join(' & ')})`;
  }
}

const read = (text: string) => show(parseSearchQuery(text).root);

describe('Search query: words are split as the index splits them', () => {
  it('reads a word with punctuation as the phrase of its words', () => {
    expect(read("Iran's")).toBe('"iran s"');
    expect(read('Iran’s')).toBe('"iran s"');
    expect(read('twelve-day')).toBe('"twelve day"');
    expect(read('U.S.')).toBe('"u s"');
    expect(read('U.S. bases')).toBe('("u s" & bases)');
    expect(read('nope:iran')).toBe('"nope iran"');
    expect(read('a_b')).toBe('"a b"');
  });

  it('lowercases and removes diacritics, precomposed or not', () => {
    expect(read('Tĥe')).toBe('the');
    expect(read('Th\u0302e')).toBe('the');
    expect(read('TÉHRAN')).toBe('tehran');
    expect(read('İstanbul')).toBe('istanbul');
    expect(read('Straße')).toBe('straße');
  });

  it('keeps the marks of other scripts and composes Hangul again', () => {
    expect(read('हिन्दी')).toBe('हिन्दी');
    expect(read('한국'.normalize('NFD'))).toBe('한국');
    expect(read('Ελλάδα')).toBe('ελλαδα');
  });

  it('treats emoji, symbols and punctuation as separators, and a text of only those as empty', () => {
    expect(read('iran🙂')).toBe('iran');
    expect(read('ab🙂cd')).toBe('"ab cd"');
    expect(read('🙂🙂🙂')).toBe('∅');
    expect(read('.,;:!?—–-…«»“”\'')).toBe('∅');
    expect(read('')).toBe('∅');
    expect(read('   \t\n ')).toBe('∅');
    expect(read('\u0301')).toBe('∅');
    expect(read('\ud800 iran \udfff')).toBe('iran');
    expect(read('\u0000iran')).toBe('iran');
  });
});

describe('Search query: phrases and prefixes', () => {
  it('reads quoted words as a phrase, an unclosed quote running to the end', () => {
    expect(read('"sticking point"')).toBe('"sticking point"');
    expect(read('"sticking point')).toBe('"sticking point"');
    expect(read('iran "sticking')).toBe('(iran & sticking)');
    expect(read('"U.S. bases" iran')).toBe('("u s bases" & iran)');
    expect(read('""')).toBe('∅');
    expect(read('"')).toBe('∅');
    expect(read('"AND OR NOT"')).toBe('"and or not"');
  });

  it('makes a word followed by * a prefix, and the last word of a phrase', () => {
    expect(read('missil*')).toBe('missil*');
    expect(read('missil**')).toBe('missil*');
    expect(read('U.S*')).toBe('"u s*"');
    expect(read('"ballistic missil"*')).toBe('"ballistic missil*"');
    expect(read('"ballistic missil*"')).toBe('"ballistic missil*"');
    expect(read('"ballistic missil*" iran')).toBe('("ballistic missil*" & iran)');
  });

  it('ignores a lone * and reads one between words as a separator', () => {
    expect(read('*')).toBe('∅');
    expect(read('**')).toBe('∅');
    expect(read('* iran')).toBe('iran');
    expect(read('mis*sile')).toBe('"mis sile"');
    expect(read('"ballistic" *')).toBe('ballistic');
    expect(read('*iran')).toBe('iran');
  });
});

describe('Search query: AND, OR, NOT and parentheses', () => {
  it('ANDs terms side by side, with or without AND', () => {
    expect(read('iran talks')).toBe('(iran & talks)');
    expect(read('iran AND talks')).toBe('(iran & talks)');
  });

  it('binds NOT tightest, then AND, then OR', () => {
    expect(read('iran OR israel')).toBe('(iran | israel)');
    expect(read('a b OR c')).toBe('((a & b) | c)');
    expect(read('a OR b c')).toBe('(a | (b & c))');
    expect(read('a NOT b OR c')).toBe('((a & !b) | c)');
    expect(read('a OR b OR c')).toBe('(a | b | c)');
  });

  it('reads NOT as leaving out the next term or group, wherever it stands', () => {
    expect(read('iran NOT missile')).toBe('(iran & !missile)');
    expect(read('NOT missile iran')).toBe('(iran & !missile)');
    expect(read('iran NOT missile NOT nuclear')).toBe('(iran & !missile & !nuclear)');
    expect(read('iran NOT (missile OR nuclear)')).toBe('(iran & !(missile | nuclear))');
    expect(read('iran (NOT missile)')).toBe('(iran & !missile)');
    expect(read('NOT NOT missile iran')).toBe('(iran & !missile)');
    expect(read("iran NOT Iran's")).toBe('(iran & !"iran s")');
  });

  it('groups with parentheses', () => {
    expect(read('(iran OR israel) talks')).toBe('((iran | israel) & talks)');
    expect(read('(iran OR israel) (talks OR war)')).toBe('((iran | israel) & (talks | war))');
    expect(read('a OR (b OR c)')).toBe('(a | b | c)');
    expect(read('(a b) c')).toBe('(a & b & c)');
    expect(read('((((iran))))')).toBe('iran');
  });

  it('reads lowercase and, or, not and other FTS5 keywords as words', () => {
    expect(read('iran and israel')).toBe('(iran & and & israel)');
    expect(read('war or not')).toBe('(war & or & not)');
    expect(read('NEAR(iran us, 5)')).toBe('(near & iran & us & 5)');
    expect(read('body:iran')).toBe('"body iran"');
    expect(read('^iran +us {body}: x')).toBe('(iran & us & body & x)');
  });

  it('drops operators with nothing to apply to, and alternatives that only leave out', () => {
    expect(read('AND')).toBe('∅');
    expect(read('OR')).toBe('∅');
    expect(read('NOT')).toBe('∅');
    expect(read('AND AND OR NOT')).toBe('∅');
    expect(read('NOT iran')).toBe('∅');
    expect(read('OR iran')).toBe('iran');
    expect(read('iran OR')).toBe('iran');
    expect(read('iran AND')).toBe('iran');
    expect(read('iran NOT')).toBe('iran');
    expect(read('iran AND AND talks')).toBe('(iran & talks)');
    expect(read('iran OR OR talks')).toBe('(iran | talks)');
    expect(read('iran OR NOT talks')).toBe('iran');
    expect(read('iran NOT OR talks')).toBe('(iran | talks)');
    expect(read('iran AND OR talks')).toBe('(iran | talks)');
    expect(read('iran NOT ()')).toBe('iran');
    expect(read('NOT (NOT iran) talks')).toBe('talks');
  });

  it('ignores an unmatched ) and closes a ( left open', () => {
    expect(read('()')).toBe('∅');
    expect(read('(iran OR israel')).toBe('(iran | israel)');
    expect(read('iran) OR israel')).toBe('(iran | israel)');
    expect(read(')iran(')).toBe('iran');
    expect(read('(a OR b)) c')).toBe('((a | b) & c)');
    expect(read('a OR (b c')).toBe('(a | (b & c))');
  });

  it(`ignores parentheses nested deeper than ${MAX_NESTING}, keeping what they hold`, () => {
    const deep = (n: number): string => (n === 0 ? 'x' : `(a${n} OR ${deep(n - 1)})`);
    const parsed = parseSearchQuery(`${deep(30)} y`);
    const depth = (n: SearchNode): number => (n.kind === 'term' ? 0 : 1 + Math.max(...(n.kind === 'or' ? n.anyOf : [...n.include, ...n.exclude]).map(depth)));
    expect(depth(parsed.root!)).toBeLessThanOrEqual(2 * MAX_NESTING + 1);
    expect(show(parsed.root)).toContain('x');
  });
});

describe('Search query: very long input', () => {
  it('reads 100,000 characters of one word, of many words, of parentheses and of operators, without running out of stack', () => {
    expect(read('x'.repeat(100_000))).toBe('x'.repeat(100_000));
    const many = parseSearchQuery('iran '.repeat(20_000)).root;
    expect(many?.kind === 'and' && many.include.length).toBe(20_000);
    expect(read('('.repeat(100_000))).toBe('∅');
    expect(read(`${'('.repeat(50_000)}iran${')'.repeat(50_000)}`)).toBe('iran');
    expect(read('NOT '.repeat(25_000))).toBe('∅');
    expect(read(`a ${'OR '.repeat(25_000)}b`)).toBe('(a | b)');
    expect(read('🙂'.repeat(20_000))).toBe('∅');
    expect(read('é'.repeat(100_000))).toBe('e'.repeat(100_000));
    const long = parseSearchQuery('(a OR b NOT c) '.repeat(5_000));
    expect(compileFts5(long).length).toBeGreaterThan(0);
    expect(compileTsquery(long).length).toBeGreaterThan(0);
  });
});

describe('Search query: compiled for FTS5 and for PostgreSQL', () => {
  const cases: [string, string, string][] = [
    ["Iran's", '"iran s"', "'iran' <-> 's'"],
    ['twelve-day', '"twelve day"', "'twelve' <-> 'day'"],
    ['U.S. bases', '"u s" AND "bases"', "('u' <-> 's') & 'bases'"],
    ['missil*', '"missil" *', "'missil':*"],
    ['"ballistic missil"*', '"ballistic missil" *', "'ballistic' <-> 'missil':*"],
    ['Tĥe', '"the"', "'the'"],
    ['iran OR israel', '"iran" OR "israel"', "'iran' | 'israel'"],
    ['iran NOT missile', '"iran" NOT "missile"', "'iran' & !'missile'"],
    ['NOT missile iran talks', '("iran" AND "talks") NOT "missile"', "'iran' & 'talks' & !'missile'"],
    ['iran NOT missile NOT nuclear', '"iran" NOT ("missile" OR "nuclear")', "'iran' & !('missile' | 'nuclear')"],
    ['iran NOT (U.S. bases)', '"iran" NOT ("u s" AND "bases")', "'iran' & !(('u' <-> 's') & 'bases')"],
    ['(iran OR israel) talks', '("iran" OR "israel") AND "talks"', "('iran' | 'israel') & 'talks'"],
    ['a b OR c', '("a" AND "b") OR "c"', "('a' & 'b') | 'c'"],
    ["Iran's OR U.S*", '"iran s" OR "u s" *', "('iran' <-> 's') | ('u' <-> 's':*)"],
    ['(a NOT b) OR c', '("a" NOT "b") OR "c"', "('a' & !'b') | 'c'"],
  ];

  it.each(cases)('compiles %s', (text, fts5, tsquery) => {
    const parsed = parseSearchQuery(text);
    expect(compileFts5(parsed)).toBe(fts5);
    expect(compileTsquery(parsed)).toBe(tsquery);
  });

  it('compiles the empty query to what matches nothing', () => {
    expect(compileFts5({ root: null })).toBe('""');
    expect(compileTsquery({ root: null })).toBe('');
  });

  it('escapes quotes and backslashes in a word, though parsed words hold none', () => {
    const odd: SearchQuery = { root: { kind: 'and', include: [{ kind: 'term', words: ['it"s', "it's"], prefix: true }], exclude: [{ kind: 'term', words: ['a\\b'], prefix: false }] } };
    expect(compileFts5(odd)).toBe('"it""s it\'s" * NOT "a\\b"');
    expect(compileTsquery(odd)).toBe("('it\"s' <-> 'it''s':*) & !'a\\\\b'");
  });
});
