/**
 * The search query language: the user's text is parsed once into a small tree of words,
 * phrases and operators (`parseSearchQuery`), then compiled for each engine
 * (`compileFts5` for SQLite, `compileTsquery` for PostgreSQL). No text is a syntax error:
 * whatever cannot be read as an operator is read as words or dropped, and both compilers
 * are total, quoting every word, so no user text reaches an engine's query syntax.
 *
 * Words
 * - A word is a run of letters, digits, marks and private-use characters (Unicode `L`, `N`,
 *   `M`, `Co`); everything else separates words, as the index's tokenizer (FTS5 `unicode61`)
 *   does. Words are lowercased and unaccented (NFD, combining diacritics U+0300–U+036F
 *   removed, NFC again), as the index folds them (`remove_diacritics 2`; `unaccent` on
 *   PostgreSQL): `Tĥe` is `the`. Only the diacritics are removed, not every mark: the vowel
 *   signs of Devanagari are letters of their words, and NFC again keeps Hangul syllables whole.
 * - A piece of text between spaces that holds several words is searched as those words, next
 *   to each other: a phrase. `Iran's` (straight or curly apostrophe) is the phrase `iran s`,
 *   `twelve-day` is `twelve day`, `U.S.` is `u s` — exactly the tokens the index made of
 *   the article's "Iran’s", "twelve-day" and "U.S.".
 * - Symbols, emoji and punctuation alone are not words. (FTS5 keeps some of them, most
 *   characters outside the Basic Multilingual Plane among them, inside its tokens; a word
 *   glued to an emoji is therefore searched without it and may not be found.)
 *
 * Phrases and prefixes
 * - `"quoted words"` are a phrase (only the ASCII double quote quotes); a quote left open runs
 *   to the end of the text.
 * - A `*` right after a word makes that word a prefix (`missil*`); after a phrase it makes
 *   the phrase's last word a prefix (`"ballistic missil"*`, `"ballistic missil*"`,
 *   `U.S*`). Any other `*` (alone, or between words: `mis*sile` is `mis sile`) separates.
 *
 * Operators
 * - `AND`, `OR` and `NOT`, uppercase and standing alone between spaces, are operators; in
 *   lowercase (or inside a phrase) they are words. Terms side by side are ANDed.
 * - `NOT x` leaves out what matches `x` (a term or a group): `iran NOT missile` and
 *   `NOT missile iran` both mean iran without missile. A run of NOTs counts as one.
 * - Precedence: NOT binds tightest, then AND, then OR: `a b OR c` is `(a AND b) OR c`.
 * - Parentheses group. An unmatched `)` is ignored, a `(` left open is closed at the end,
 *   and parentheses nested deeper than `MAX_NESTING` are ignored (their content stays).
 * - What an operator cannot apply to is dropped: a leading or trailing `AND`/`OR`, `AND AND`,
 *   `OR OR`, `NOT` with nothing after it, empty `()`. An alternative that only leaves out
 *   (`a OR NOT b`) is dropped too: leaving out is only meaningful from something found.
 *
 * Empty queries
 * - A text with no word to find (empty, only punctuation or symbols, only operators, or only
 *   NOT parts) parses to `{ root: null }`; the caller answers with `EMPTY_QUERY_MESSAGE`.
 *   There is no length limit here (the HTTP body limit bounds the text).
 */

/** A word, or several words next to each other (a phrase); the last one a prefix when `prefix`. */
export interface SearchTerm {
  readonly kind: 'term';
  /** Lowercased, unaccented, never empty, each a run of word characters only. */
  readonly words: readonly string[];
  readonly prefix: boolean;
}

/** Matches every one of `include` and none of `exclude`; `include` is never empty. */
export interface SearchAnd {
  readonly kind: 'and';
  readonly include: readonly SearchNode[];
  readonly exclude: readonly SearchNode[];
}

/** Matches any one of `anyOf` (at least two). */
export interface SearchOr {
  readonly kind: 'or';
  readonly anyOf: readonly SearchNode[];
}

export type SearchNode = SearchTerm | SearchAnd | SearchOr;

/** A parsed query: `root` is null when there is nothing to search for. */
export interface SearchQuery {
  readonly root: SearchNode | null;
}

/** What to tell a user whose query has no word to search for (names no engine). */
export const EMPTY_QUERY_MESSAGE = 'give at least one word to search for (letters or digits; punctuation, operators and words after NOT alone find nothing)';

/** Parentheses nested deeper than this are ignored: the engines' parsers have small stacks. */
export const MAX_NESTING = 8;

const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const DIACRITICS = /[\u0300-\u036f]/g;

/** A word as the index holds it: lowercase, without diacritics, composed. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
}

type Item = { t: 'term'; term: SearchTerm } | { t: 'and' | 'or' | 'not' | 'open' | 'close' };

/** The term made of the words of `text`, or null when it has none. */
function termOf(text: string, prefixAfter: boolean): SearchTerm | null {
  const words: string[] = [];
  let prefix = false;
  for (const m of text.matchAll(WORD)) {
    const word = normalizeWord(m[0]);
    if (word === '') continue;
    words.push(word);
    prefix = text[m.index + m[0].length] === '*';
  }
  if (words.length === 0) return null;
  return { kind: 'term', words, prefix: prefix || prefixAfter };
}

const OPERATORS: Readonly<Record<string, 'and' | 'or' | 'not'>> = { AND: 'and', OR: 'or', NOT: 'not' };

/** Quoted phrases, pieces of text between spaces and parentheses, operators. */
function lex(text: string): Item[] {
  const items: Item[] = [];
  const push = (term: SearchTerm | null) => term && items.push({ t: 'term', term });
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const body = close < 0 ? text.slice(i + 1) : text.slice(i + 1, close);
      i = close < 0 ? text.length : close + 1;
      const starred = text[i] === '*';
      while (text[i] === '*') i++;
      push(termOf(body, starred));
    } else if (c === '(' || c === ')') {
      items.push({ t: c === '(' ? 'open' : 'close' });
      i++;
    } else if (/\s/u.test(c)) {
      i++;
    } else {
      let end = i;
      while (end < text.length && !/[\s"()]/u.test(text[end]!)) end++;
      const piece = text.slice(i, end);
      i = end;
      const op = Object.hasOwn(OPERATORS, piece) ? OPERATORS[piece] : undefined;
      if (op) items.push({ t: op });
      else push(termOf(piece, false));
    }
  }
  return items;
}

/** The items with every parenthesis matched and none deeper than `MAX_NESTING`. */
function balance(items: Item[]): Item[] {
  const out: Item[] = [];
  // For each open `(`, whether it was kept (false: too deep, so its `)` goes too).
  const open: boolean[] = [];
  let depth = 0;
  for (const item of items) {
    if (item.t === 'open') {
      const keep = depth < MAX_NESTING;
      open.push(keep);
      if (keep) {
        depth++;
        out.push(item);
      }
    } else if (item.t === 'close') {
      if (open.length === 0) continue;
      if (open.pop()) {
        depth--;
        out.push(item);
      }
    } else out.push(item);
  }
  for (let d = 0; d < depth; d++) out.push({ t: 'close' });
  return out;
}

/** A conjunction under construction: what must match and what must not. */
interface Conjunction {
  include: SearchNode[];
  exclude: SearchNode[];
}

function toNode(c: Conjunction): SearchNode | null {
  if (c.include.length === 0) return null;
  if (c.include.length === 1 && c.exclude.length === 0) return c.include[0]!;
  return { kind: 'and', include: c.include, exclude: c.exclude };
}

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** The whole query (`balance` leaves no stray `)`, so it reads every item). */
  query(): SearchNode | null {
    const c = this.or();
    return toNode(c);
  }

  private peek(): Item | undefined {
    return this.items[this.pos];
  }

  /** and ( OR and )* — up to a `)` or the end. */
  private or(): Conjunction {
    const alternatives: Conjunction[] = [];
    for (;;) {
      const c = this.and();
      if (c.include.length > 0 || c.exclude.length > 0) alternatives.push(c);
      if (this.peek()?.t !== 'or') break;
      this.pos++;
    }
    if (alternatives.length <= 1) return alternatives[0] ?? { include: [], exclude: [] };
    // Only what finds something can be an alternative.
    const nodes = alternatives.map(toNode).filter((n): n is SearchNode => n !== null);
    if (nodes.length <= 1) return { include: nodes, exclude: [] };
    return { include: [{ kind: 'or', anyOf: nodes.flatMap((n) => (n.kind === 'or' ? n.anyOf : [n])) }], exclude: [] };
  }

  /** ( [AND] [NOT]* primary )* — up to an OR, a `)` or the end. */
  private and(): Conjunction {
    const c: Conjunction = { include: [], exclude: [] };
    for (let item = this.peek(); item && item.t !== 'or' && item.t !== 'close'; item = this.peek()) {
      if (item.t === 'and') {
        this.pos++;
        continue;
      }
      let negated = false;
      while (this.peek()?.t === 'not') {
        negated = true;
        this.pos++;
      }
      const next = this.peek();
      if (next?.t === 'term') {
        this.pos++;
        (negated ? c.exclude : c.include).push(next.term);
      } else if (next?.t === 'open') {
        this.pos++;
        const group = this.or();
        this.pos++; // its `)`, which `balance` guarantees
        if (negated) {
          const node = toNode(group);
          if (node) c.exclude.push(node);
        } else {
          c.include.push(...group.include);
          c.exclude.push(...group.exclude);
        }
      }
      // Otherwise a NOT before an operator, a `)` or the end: dropped.
    }
    return c;
  }
}

/** Reads any text as a search query (see the header); never throws. */
export function parseSearchQuery(text: string): SearchQuery {
  return { root: new Parser(balance(lex(text))).query() };
}

/**
 * An FTS5 MATCH expression for the query: every phrase double-quoted (`"iran s"`), a prefix
 * as `"missil" *`, operators explicit (FTS5 has no implicit AND between groups) and every
 * group parenthesised. FTS5's NOT is binary, so a conjunction's excluded parts follow its
 * included ones: `"iran" NOT ("missile" OR "nuclear")`. The empty query compiles to `""`, an
 * empty phrase that matches nothing.
 */
export function compileFts5(query: SearchQuery): string {
  return query.root ? fts5(query.root) : '""';
}

function fts5(node: SearchNode): string {
  switch (node.kind) {
    case 'term':
      return `"${node.words.join(' ').replaceAll('"', '""')}"${node.prefix ? ' *' : ''}`;
    case 'or':
      return node.anyOf.map(fts5Operand).join(' OR ');
    case 'and': {
      const included = node.include.map(fts5Operand).join(' AND ');
      if (node.exclude.length === 0) return included;
      const left = node.include.length > 1 ? `(${included})` : included;
      const right = node.exclude.length > 1 ? `(${node.exclude.map(fts5Operand).join(' OR ')})` : fts5Operand(node.exclude[0]!);
      return `${left} NOT ${right}`;
    }
  }
}

function fts5Operand(node: SearchNode): string {
  return node.kind === 'term' ? fts5(node) : `(${fts5(node)})`;
}

/**
 * A PostgreSQL `to_tsquery('simple', …)` text for the query: every word single-quoted
 * (quotes and backslashes escaped, though words hold neither), a phrase as `'iran' <-> 's'`,
 * a prefix as `'missil':*`, `&`, `|`, `!` and parentheses around every compound operand.
 * The empty query compiles to the empty text, which `to_tsquery` reads as matching nothing.
 */
export function compileTsquery(query: SearchQuery): string {
  return query.root ? tsquery(query.root) : '';
}

function lexeme(word: string): string {
  return `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

function tsquery(node: SearchNode): string {
  switch (node.kind) {
    case 'term':
      return node.words.map((w, i) => lexeme(w) + (node.prefix && i === node.words.length - 1 ? ':*' : '')).join(' <-> ');
    case 'or':
      return node.anyOf.map(tsqueryOperand).join(' | ');
    case 'and': {
      const parts = node.include.map(tsqueryOperand);
      if (node.exclude.length > 0) parts.push(`!${node.exclude.length > 1 ? `(${node.exclude.map(tsqueryOperand).join(' | ')})` : tsqueryOperand(node.exclude[0]!)}`);
      return parts.join(' & ');
    }
  }
}

function tsqueryOperand(node: SearchNode): string {
  return node.kind === 'term' && node.words.length === 1 ? tsquery(node) : `(${tsquery(node)})`;
}
