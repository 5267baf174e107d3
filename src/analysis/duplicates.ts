/**
 * Duplicate candidates: pairs of actors, events or issues that may be one thing.
 *
 * Names
 * - `normalizedName` folds what does not tell two names apart: case, accents (NFKD, marks
 *   dropped), dots and apostrophes inside abbreviations ("U.S." is "us"), other punctuation
 *   (a space), and the articles and joining words "the", "a", "an", "of", "and".
 * - `nameTokens` are the words left. A pair's names are compared over every name and alias of
 *   each: the same normalised name scores 0.7 ("same name"); otherwise the most words one name
 *   shares with the other, as a share of the shorter (the overlap coefficient), scores half of
 *   that share when it is at least one half ("names share words").
 *
 * Other evidence
 * - Each evidence span both cite (the same source, start and end) adds 0.3, at most 0.6 in all:
 *   two nodes read from the same words are likely one.
 * - Two events of the same kind with the same participants (actor and role, at least one) add
 *   0.4.
 *
 * Output
 * - `scorePair` gives the score (capped at 1) and one reason per part that scored, or null
 *   when nothing did. `rankCandidates` keeps the pairs that scored, most likely first (score
 *   descending, then ids), one entry per unordered pair with the smaller id first.
 *
 * Blocking (`candidatePairs`): pairs are only formed within a block, the nodes sharing a
 * normalised name, a name token, a cited span or (events) a kind-and-participants key, never across the whole base;
 * a pair met only in word blocks is scored only when the words it shares could make half of
 * some name's words. A block larger than `maxBlock` is too common to discriminate (a word
 * every name has) and forms no pairs by itself.
 */

export interface DuplicateFacts {
  id: string;
  /** The name (title) and the aliases. */
  names: readonly string[];
  /** Events: the kind and the participants as `actor role` strings. */
  kind?: string;
  participants?: readonly string[];
  /** Cited spans as `source start end` keys. */
  spans?: readonly string[];
}

export interface ScoredPair {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

const JOINING_WORDS = new Set(['the', 'a', 'an', 'of', 'and']);

export const SAME_NAME = 0.7;
export const SHARED_SPAN = 0.3;
export const MAX_SHARED_SPANS = 0.6;
export const SAME_KIND_AND_PARTICIPANTS = 0.4;

export function normalizedName(name: string): string {
  return nameTokens(name).join(' ');
}

export function nameTokens(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  return folded.split(' ').filter((w) => w.length > 0 && !JOINING_WORDS.has(w));
}

/** A node's facts with its words, spans and participants worked out once. */
interface Prepared {
  facts: DuplicateFacts;
  /** The names that have words, and their words. */
  originals: string[];
  names: string[][];
  words: Set<string>;
  /** The fewest words of any of its names: bounds the share another name can have of it. */
  fewest: number;
  spans: Set<string>;
  key: string;
}

function prepare(facts: DuplicateFacts): Prepared {
  const tokenized = facts.names.map((name) => ({ name, tokens: nameTokens(name) })).filter((n) => n.tokens.length > 0);
  const names = tokenized.map((n) => n.tokens);
  return {
    facts,
    originals: tokenized.map((n) => n.name),
    names,
    words: new Set(names.flat()),
    fewest: names.length === 0 ? Infinity : Math.min(...names.map((t) => new Set(t).size)),
    spans: new Set(facts.spans ?? []),
    key: facts.kind !== undefined ? participantKey(facts) : '',
  };
}

/** The score and reasons of one pair; null when no part scored. */
export function scorePair(a: DuplicateFacts, b: DuplicateFacts): { score: number; reasons: string[] } | null {
  return scorePrepared(prepare(a), prepare(b));
}

function scorePrepared(pa: Prepared, pb: Prepared): { score: number; reasons: string[] } | null {
  const [a, b] = [pa.facts, pb.facts];
  const reasons: string[] = [];
  let score = 0;

  let same: [string, string] | null = null;
  let best = { share: 0, words: [] as string[] };
  for (const [i, ta] of pa.names.entries()) {
    for (const [j, tb] of pb.names.entries()) {
      if (ta.join(' ') === tb.join(' ')) same ??= [pa.originals[i]!, pb.originals[j]!];
      const setB = new Set(tb);
      const words = [...new Set(ta)].filter((w) => setB.has(w));
      const share = words.length / Math.min(new Set(ta).size, setB.size);
      if (share > best.share) best = { share, words };
    }
  }
  if (same) {
    score += SAME_NAME;
    reasons.push(`same name after normalisation: "${same[0]}" and "${same[1]}"`);
  } else if (best.share >= 0.5) {
    score += best.share / 2;
    reasons.push(`names share words: ${best.words.map((w) => `"${w}"`).join(', ')}`);
  }

  const shared = [...pa.spans].filter((s) => pb.spans.has(s)).length;
  if (shared > 0) {
    score += Math.min(MAX_SHARED_SPANS, shared * SHARED_SPAN);
    reasons.push(`${shared} evidence span${shared === 1 ? '' : 's'} cited by both`);
  }

  if (a.kind !== undefined && a.kind === b.kind && pa.key !== '' && pa.key === pb.key) {
    score += SAME_KIND_AND_PARTICIPANTS;
    reasons.push(`same kind (${a.kind}) and participants (${[...new Set(a.participants)].sort().join(', ')})`);
  }

  return reasons.length === 0 ? null : { score: Math.min(1, Math.round(score * 1000) / 1000), reasons };
}

function participantKey(f: DuplicateFacts): string {
  return [...new Set(f.participants ?? [])].sort().join('|');
}

/**
 * The unordered pairs worth scoring, as indexes into `prepared`: nodes sharing a normalised
 * name, a cited span or (events) a kind with the same participants, and nodes sharing enough
 * name words that some
 * two of their names could share half their words (counted across the word blocks, so a pair
 * that shares one word of three is never scored). Each block at most `maxBlock` nodes.
 */
function candidateIndexes(prepared: readonly Prepared[], maxBlock: number): [number, number][] {
  const blocks = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const block = blocks.get(key);
    if (!block) blocks.set(key, [i]);
    else if (block[block.length - 1] !== i) block.push(i);
  };
  prepared.forEach((p, i) => {
    for (const name of new Set(p.names.map((t) => t.join(' ')))) add(`n ${name}`, i);
    for (const word of p.words) add(`w ${word}`, i);
    for (const span of p.spans) add(`s ${span}`, i);
    if (p.key !== '') add(`k ${p.facts.kind} ${p.key}`, i);
  });
  const n = prepared.length;
  const sharedWords = new Map<number, number>();
  const always = new Set<number>();
  for (const [key, block] of blocks) {
    if (block.length < 2 || block.length > maxBlock) continue;
    const byWord = key.startsWith('w ');
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const [i, j] = block[x]! < block[y]! ? [block[x]!, block[y]!] : [block[y]!, block[x]!];
        const pair = i * n + j;
        if (byWord) sharedWords.set(pair, (sharedWords.get(pair) ?? 0) + 1);
        else always.add(pair);
      }
    }
  }
  for (const [pair, words] of sharedWords) {
    const [i, j] = [Math.floor(pair / n), pair % n];
    if (words / Math.min(prepared[i]!.fewest, prepared[j]!.fewest) >= 0.5) always.add(pair);
  }
  return [...always].map((pair) => [Math.floor(pair / n), pair % n]);
}

/** The unordered pairs worth scoring (see `candidateIndexes`), smaller id first. */
export function candidatePairs(facts: readonly DuplicateFacts[], maxBlock = 50): [string, string][] {
  const prepared = facts.map(prepare);
  return candidateIndexes(prepared, maxBlock).map(([i, j]) => ordered(facts[i]!.id, facts[j]!.id));
}

const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/** Every candidate pair scored, most likely first. */
export function rankCandidates(facts: readonly DuplicateFacts[], maxBlock = 50): ScoredPair[] {
  const prepared = facts.map(prepare);
  const out: ScoredPair[] = [];
  for (const [i, j] of candidateIndexes(prepared, maxBlock)) {
    const [x, y] = prepared[i]!.facts.id < prepared[j]!.facts.id ? [prepared[i]!, prepared[j]!] : [prepared[j]!, prepared[i]!];
    if (x.facts.id === y.facts.id) continue;
    const scored = scorePrepared(x, y);
    if (scored) out.push({ a: x.facts.id, b: y.facts.id, ...scored });
  }
  return out.sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}
