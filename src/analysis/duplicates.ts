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
 * Blocking (`candidatePairs`): pairs are only formed within a block, the nodes sharing a name
 * token, a cited span or (events) a kind-and-participants key, never across the whole base.
 * A block larger than `maxBlock` is too common to discriminate (a word every name has) and
 * forms no pairs by itself.
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

/** The score and reasons of one pair; null when no part scored. */
export function scorePair(a: DuplicateFacts, b: DuplicateFacts): { score: number; reasons: string[] } | null {
  const reasons: string[] = [];
  let score = 0;

  const namesA = a.names.map(nameTokens).filter((t) => t.length > 0);
  const namesB = b.names.map(nameTokens).filter((t) => t.length > 0);
  let same: [string, string] | null = null;
  let best = { share: 0, words: [] as string[] };
  for (const [i, ta] of namesA.entries()) {
    for (const [j, tb] of namesB.entries()) {
      if (ta.join(' ') === tb.join(' ')) same ??= [a.names[i]!, b.names[j]!];
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

  const spansB = new Set(b.spans ?? []);
  const shared = [...new Set(a.spans ?? [])].filter((s) => spansB.has(s)).length;
  if (shared > 0) {
    score += Math.min(MAX_SHARED_SPANS, shared * SHARED_SPAN);
    reasons.push(`${shared} evidence span${shared === 1 ? '' : 's'} cited by both`);
  }

  if (a.kind !== undefined && a.kind === b.kind && participantKey(a) !== '' && participantKey(a) === participantKey(b)) {
    score += SAME_KIND_AND_PARTICIPANTS;
    reasons.push(`same kind (${a.kind}) and participants (${[...new Set(a.participants)].sort().join(', ')})`);
  }

  return reasons.length === 0 ? null : { score: Math.min(1, Math.round(score * 1000) / 1000), reasons };
}

function participantKey(f: DuplicateFacts): string {
  return [...new Set(f.participants ?? [])].sort().join('|');
}

/**
 * The unordered pairs worth scoring: nodes sharing a name token, a cited span, or (events) a
 * kind with the same participants, each block at most `maxBlock` nodes. Smaller id first.
 */
export function candidatePairs(facts: readonly DuplicateFacts[], maxBlock = 50): [string, string][] {
  const blocks = new Map<string, string[]>();
  const add = (key: string, id: string) => {
    const block = blocks.get(key);
    if (!block) blocks.set(key, [id]);
    else if (block[block.length - 1] !== id) block.push(id);
  };
  for (const f of facts) {
    for (const word of new Set(f.names.flatMap(nameTokens))) add(`w ${word}`, f.id);
    for (const span of new Set(f.spans ?? [])) add(`s ${span}`, f.id);
    if (f.kind !== undefined && participantKey(f) !== '') add(`k ${f.kind} ${participantKey(f)}`, f.id);
  }
  const pairs = new Map<string, [string, string]>();
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > maxBlock) continue;
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const [x, y] = block[i]! < block[j]! ? [block[i]!, block[j]!] : [block[j]!, block[i]!];
        if (x !== y) pairs.set(`${x}\u0000${y}`, [x, y]);
      }
    }
  }
  return [...pairs.values()];
}

/** Every candidate pair scored, most likely first. */
export function rankCandidates(facts: readonly DuplicateFacts[], maxBlock = 50): ScoredPair[] {
  const byId = new Map(facts.map((f) => [f.id, f]));
  const out: ScoredPair[] = [];
  for (const [a, b] of candidatePairs(facts, maxBlock)) {
    const scored = scorePair(byId.get(a)!, byId.get(b)!);
    if (scored) out.push({ a, b, ...scored });
  }
  return out.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}
