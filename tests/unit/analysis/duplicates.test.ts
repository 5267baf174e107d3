import { describe, expect, it } from 'vitest';
import { candidatePairs, nameTokens, normalizedName, rankCandidates, scorePair, type DuplicateFacts } from '../../../src/analysis/duplicates.js';

const actor = (id: string, ...names: string[]): DuplicateFacts => ({ id, names });

describe('Duplicates: names are compared after normalisation', () => {
  it('folds case, accents, abbreviation dots, punctuation and the articles', () => {
    expect(normalizedName('The Islamic Republic of Iran')).toBe('islamic republic iran');
    expect(normalizedName('U.S.')).toBe('us');
    expect(normalizedName('Türkiye')).toBe('turkiye');
    expect(normalizedName('Côte d’Ivoire')).toBe('cote divoire');
    expect(normalizedName('  Abbas   Araghchi, Iran’s  minister ')).toBe('abbas araghchi irans minister');
    expect(nameTokens('the a an of and')).toEqual([]);
  });
});

describe('Duplicates: a pair scores by each kind of evidence, with a reason each', () => {
  it('scores the same name or alias after normalisation', () => {
    expect(scorePair(actor('actor:a', 'Türkiye'), actor('actor:b', 'Turkey', 'TURKIYE'))).toEqual({ score: 0.7, reasons: ['same name after normalisation: "Türkiye" and "TURKIYE"'] });
  });

  it('scores the words the shorter name shares, from one half of them', () => {
    expect(scorePair(actor('actor:iran', 'Iran', 'Tehran'), actor('actor:ir', 'the Islamic Republic of Iran'))).toEqual({ score: 0.5, reasons: ['names share words: "iran"'] });
    expect(scorePair(actor('actor:a', 'United States Military'), actor('actor:b', 'United Nations Security Council'))).toEqual(null);
    expect(scorePair(actor('actor:a', 'Oman'), actor('actor:b', 'Israel'))).toBeNull();
  });

  it('adds 0.3 per evidence span both cite, at most 0.6', () => {
    const a = { ...actor('actor:a', 'Oman'), spans: ['s 1 5', 's 9 12', 's 20 30'] };
    const b = { ...actor('actor:b', 'Muscat'), spans: ['s 1 5', 's 9 12', 's 20 30'] };
    expect(scorePair(a, b)).toEqual({ score: 0.6, reasons: ['3 evidence spans cited by both'] });
    expect(scorePair(a, { ...b, spans: ['s 1 5'] })).toEqual({ score: 0.3, reasons: ['1 evidence span cited by both'] });
  });

  it('adds 0.4 for events of the same kind with the same participants, and caps the score at 1', () => {
    const e = (id: string, title: string, kind: string, participants: string[], spans: string[] = []) => ({ id, names: [title], kind, participants, spans });
    const first = e('event:a', 'Talks in Oman', 'NEGOTIATION', ['actor:iran PARTICIPANT', 'actor:us PARTICIPANT']);
    expect(scorePair(first, e('event:b', 'Second round', 'NEGOTIATION', ['actor:us PARTICIPANT', 'actor:iran PARTICIPANT']))).toEqual({
      score: 0.4, reasons: ['same kind (NEGOTIATION) and participants (actor:iran PARTICIPANT, actor:us PARTICIPANT)'],
    });
    expect(scorePair(first, e('event:c', 'Second round', 'MEETING', ['actor:us PARTICIPANT', 'actor:iran PARTICIPANT']))).toBeNull();
    expect(scorePair(first, e('event:d', 'Talks in Oman', 'OTHER', []))!.score).toBe(0.7);
    const sure = scorePair({ ...first, spans: ['s 1 2', 's 3 4'] }, e('event:e', 'Talks in Oman', 'NEGOTIATION', ['actor:iran PARTICIPANT', 'actor:us PARTICIPANT'], ['s 1 2', 's 3 4']));
    expect(sure!.score).toBe(1);
    expect(sure!.reasons).toHaveLength(3);
    // No participants is no evidence of sameness.
    expect(scorePair(e('event:x', 'One', 'OTHER', []), e('event:y', 'Two', 'OTHER', []))).toBeNull();
  });
});

describe('Duplicates: pairs are formed within blocks, never across the whole base', () => {
  it('pairs only nodes that share a name word, a span or a kind and participants', () => {
    const facts = [actor('actor:a', 'Iran'), actor('actor:b', 'Islamic Republic of Iran'), actor('actor:c', 'Oman'), { ...actor('actor:d', 'Muscat'), spans: ['s 1 2'] }, { ...actor('actor:e', 'Sultanate'), spans: ['s 1 2'] }];
    expect(candidatePairs(facts).sort()).toEqual([['actor:a', 'actor:b'], ['actor:d', 'actor:e']]);
  });

  it('skips a block larger than the bound (a word every name has)', () => {
    const facts = Array.from({ length: 60 }, (_, i) => actor(`actor:n${String(i).padStart(2, '0')}`, `Ministry number${i}`));
    expect(candidatePairs(facts, 50)).toEqual([]);
    expect(candidatePairs(facts.slice(0, 3), 50)).toHaveLength(3);
  });

  it('scores a pair met only in word blocks only when the shared words could be half a name’s words; the same name always pairs', () => {
    const one = [actor('actor:a', 'Northern Water Ministry'), actor('actor:b', 'Northern Oil Board')];
    expect(candidatePairs(one)).toEqual([]);
    // "foreign" and "ministry" are each in 61 names (blocks over the bound): the two same names still pair, through their whole name.
    const common = [
      ...Array.from({ length: 59 }, (_, i) => actor(`actor:f${i}`, `Foreign office${i}`)),
      ...Array.from({ length: 59 }, (_, i) => actor(`actor:m${i}`, `Ministry branch${i}`)),
      actor('actor:p', 'Foreign Ministry'),
      actor('actor:q', 'the FOREIGN ministry'),
    ];
    expect(candidatePairs(common)).toEqual([['actor:p', 'actor:q']]);
  });

  it('ranks the most likely first, then by ids, smaller id first in each pair', () => {
    const ranked = rankCandidates([actor('actor:z', 'Iran'), actor('actor:y', 'IRAN'), actor('actor:x', 'Islamic Republic of Iran')]);
    expect(ranked.map((p) => [p.a, p.b, p.score])).toEqual([
      ['actor:y', 'actor:z', 0.7],
      ['actor:x', 'actor:y', 0.5],
      ['actor:x', 'actor:z', 0.5],
    ]);
  });
});
