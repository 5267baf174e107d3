import { describe, expect, it } from 'vitest';
import { ContradictionBasis, contradictions, involving, type BackedPositionFact, type StatementFact, type StatementRelationFact } from '../../../src/analysis/contradictions.js';
import { Certainty, Firmness, Stance, StatementKind, StatementRelationKind } from '../../../src/shared/enums.js';

const ACTORS: Record<string, string> = {
  iran: 'Iran',
  araghchi: 'Abbas Araghchi',
  baghaei: 'Esmaeil Baghaei',
  us: 'United States',
  trump: 'Donald Trump',
  rubio: 'Marco Rubio',
  israel: 'Israel',
  netanyahu: 'Benjamin Netanyahu',
};
const ISSUES: Record<string, string> = { enrichment: 'Uranium enrichment', talks: 'Direct talks', missiles: 'Ballistic missiles' };
const names = { actor: (id: string) => ACTORS[id] ?? id, issue: (id: string) => ISSUES[id] ?? id };

const affiliations = [
  { actorId: 'araghchi', organizationId: 'iran' },
  { actorId: 'baghaei', organizationId: 'iran' },
  { actorId: 'trump', organizationId: 'us' },
  { actorId: 'rubio', organizationId: 'us' },
  { actorId: 'netanyahu', organizationId: 'israel' },
];

function statement(id: string, speakerId: string | null, issueIds: string[], kind = StatementKind.CLAIM, certainty = Certainty.CERTAIN): StatementFact {
  return { id, kind, speakerId, issueIds, certainty };
}

function relation(subjectId: string, kind: StatementRelationKind, objectId: string, certainty = Certainty.CERTAIN): StatementRelationFact {
  return { subjectId, objectId, kind, certainty };
}

function backed(id: string, actorId: string, issueId: string, stance: Stance, statementIds: string[], firmness = Firmness.UNKNOWN, certainty = Certainty.CERTAIN): BackedPositionFact {
  return { id, actorId, issueId, stance, firmness, isPrecondition: false, statementIds, certainty };
}

const base = { statements: [] as StatementFact[], relations: [] as StatementRelationFact[], positions: [] as BackedPositionFact[], affiliations, names };

describe('Contradictions: what the source records as denied or contradicted', () => {
  it('reports a denial with the denial first, naming both speakers and the issue', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-claim', 'trump', ['talks']), statement('s-denial', 'araghchi', ['talks'], StatementKind.DENIAL)],
      relations: [relation('s-denial', StatementRelationKind.DENIES, 's-claim')],
    });
    expect(result).toEqual([
      { firstId: 's-denial', secondId: 's-claim', basis: ContradictionBasis.DENIAL, reason: 'Abbas Araghchi denies what Donald Trump said on "Direct talks"', certainty: Certainty.CERTAIN },
    ]);
  });

  it('reads a denial stored from the other end as the same pair', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-claim', 'trump', []), statement('s-denial', null, [])],
      relations: [relation('s-claim', StatementRelationKind.DENIED_BY, 's-denial')],
    });
    expect(result.map((c) => [c.firstId, c.secondId, c.reason])).toEqual([['s-denial', 's-claim', 'An unnamed source denies what Donald Trump said']]);
  });

  it('reports a stated contradiction with the smaller id first', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-a', 'rubio', ['missiles', 'talks']), statement('s-b', 'netanyahu', ['missiles'])],
      relations: [relation('s-b', StatementRelationKind.CONTRADICTS, 's-a')],
    });
    expect(result).toEqual([
      {
        firstId: 's-a',
        secondId: 's-b',
        basis: ContradictionBasis.STATED_CONTRADICTION,
        reason: 'Marco Rubio and Benjamin Netanyahu contradict each other on "Ballistic missiles"',
        certainty: Certainty.CERTAIN,
      },
    ]);
  });

  it('ignores responses, support, self-relations and relations to statements left out of the input', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-a', 'rubio', []), statement('s-b', 'araghchi', [])],
      relations: [
        relation('s-a', StatementRelationKind.RESPONDS_TO, 's-b'),
        relation('s-a', StatementRelationKind.SUPPORTS, 's-b'),
        relation('s-a', StatementRelationKind.DENIES, 's-a'),
        relation('s-a', StatementRelationKind.DENIES, 's-filtered'),
      ],
    });
    expect(result).toEqual([]);
  });
});

describe('Contradictions: opposite positions stated as fact by different parties', () => {
  const statements = [
    statement('s-iran', 'araghchi', ['enrichment']),
    statement('s-us', 'rubio', ['enrichment']),
    statement('s-spokesman', 'baghaei', ['enrichment']),
    statement('s-analysis', 'trump', ['enrichment'], StatementKind.ANALYSIS),
    statement('s-anonymous', null, ['enrichment']),
  ];

  it('pairs statements backing conflicting positions, naming speakers, parties and the issue', () => {
    const result = contradictions({
      ...base,
      statements,
      positions: [backed('p-iran', 'iran', 'enrichment', Stance.DEMANDS, ['s-iran'], Firmness.RED_LINE), backed('p-us', 'us', 'enrichment', Stance.REJECTS, ['s-us'])],
    });
    expect(result).toEqual([
      {
        firstId: 's-iran',
        secondId: 's-us',
        basis: ContradictionBasis.OPPOSITE_POSITIONS,
        reason: 'Iran (through Abbas Araghchi) demands "Uranium enrichment" (red line), while United States (through Marco Rubio) rejects it',
        certainty: Certainty.CERTAIN,
      },
    ]);
  });

  it('says when a speaker reports the position of another side', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-1', 'trump', ['enrichment']), statement('s-2', 'netanyahu', ['enrichment'])],
      positions: [backed('p-iran', 'iran', 'enrichment', Stance.DEMANDS, ['s-1']), backed('p-israel', 'israel', 'enrichment', Stance.OPPOSES, ['s-2'])],
    });
    expect(result.map((c) => c.reason)).toEqual(['Donald Trump says Iran demands "Uranium enrichment", while Israel (through Benjamin Netanyahu) opposes it']);
  });

  it('leaves out speakers of the same party, analysis, unattributed statements and compatible stances', () => {
    const positions = [
      backed('p-minister', 'araghchi', 'enrichment', Stance.DEMANDS, ['s-iran']),
      backed('p-spokesman', 'baghaei', 'enrichment', Stance.REJECTS, ['s-spokesman']),
      backed('p-analysis', 'trump', 'enrichment', Stance.REJECTS, ['s-analysis']),
      backed('p-anonymous', 'us', 'enrichment', Stance.REJECTS, ['s-anonymous']),
      backed('p-open', 'rubio', 'enrichment', Stance.OPEN_TO, ['s-us']),
    ];
    expect(contradictions({ ...base, statements, positions })).toEqual([]);
  });

  it('does not pair two positions of one actor, which record a change of stance rather than a contradiction', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-before', 'araghchi', ['talks']), statement('s-after', 'trump', ['talks'])],
      positions: [backed('p-before', 'iran', 'talks', Stance.REJECTS, ['s-before']), backed('p-after', 'iran', 'talks', Stance.SUPPORTS, ['s-after'])],
    });
    expect(result).toEqual([]);
  });

  it('joins the reasons when one pair of statements disagrees on several issues', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-iran', 'araghchi', ['enrichment', 'missiles']), statement('s-us', 'rubio', ['enrichment', 'missiles'])],
      positions: [
        backed('p1', 'iran', 'missiles', Stance.SUPPORTS, ['s-iran']),
        backed('p2', 'us', 'missiles', Stance.OPPOSES, ['s-us']),
        backed('p3', 'iran', 'enrichment', Stance.DEMANDS, ['s-iran']),
        backed('p4', 'us', 'enrichment', Stance.REJECTS, ['s-us']),
      ],
    });
    expect(result).toHaveLength(1);
    expect(result[0].reason).toBe(
      'Iran (through Abbas Araghchi) demands "Uranium enrichment", while United States (through Marco Rubio) rejects it; ' +
        'Iran (through Abbas Araghchi) supports "Ballistic missiles", while United States (through Marco Rubio) opposes it',
    );
  });
});

describe('Contradictions: one entry per pair, in a fixed order', () => {
  it('keeps the strongest basis for a pair and never repeats it the other way round', () => {
    const result = contradictions({
      ...base,
      statements: [statement('s-1', 'araghchi', ['talks']), statement('s-2', 'rubio', ['talks'])],
      relations: [
        relation('s-2', StatementRelationKind.CONTRADICTS, 's-1'),
        relation('s-2', StatementRelationKind.DENIES, 's-1'),
        relation('s-1', StatementRelationKind.DENIES, 's-2'),
      ],
      positions: [backed('p1', 'iran', 'talks', Stance.REJECTS, ['s-1']), backed('p2', 'us', 'talks', Stance.DEMANDS, ['s-2'])],
    });
    expect(result.map((c) => [c.basis, c.firstId, c.secondId])).toEqual([[ContradictionBasis.DENIAL, 's-1', 's-2']]);
  });

  it('lists denials, then stated contradictions, then opposite positions, each by ids', () => {
    const statements = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => statement(id, i % 2 === 0 ? 'araghchi' : 'rubio', ['talks']));
    const input = {
      ...base,
      statements,
      relations: [
        relation('a', StatementRelationKind.CONTRADICTS, 'b'),
        relation('f', StatementRelationKind.DENIES, 'e'),
        relation('d', StatementRelationKind.DENIES, 'c'),
      ],
      positions: [backed('p1', 'iran', 'missiles', Stance.DEMANDS, ['a']), backed('p2', 'us', 'missiles', Stance.REJECTS, ['f'])],
    };
    const expected = [
      [ContradictionBasis.DENIAL, 'd', 'c'],
      [ContradictionBasis.DENIAL, 'f', 'e'],
      [ContradictionBasis.STATED_CONTRADICTION, 'a', 'b'],
      [ContradictionBasis.OPPOSITE_POSITIONS, 'a', 'f'],
    ];
    expect(contradictions(input).map((c) => [c.basis, c.firstId, c.secondId])).toEqual(expected);
    const reversed = { ...input, statements: [...statements].reverse(), relations: [...input.relations].reverse(), positions: [...input.positions].reverse() };
    expect(contradictions(reversed)).toEqual(contradictions(input));
  });
});

describe('Contradictions: a denial says in answer to whom it was made', () => {
  it('names the speaker of the statement the denial responds to', () => {
    const names = { actor: (id: string) => ({ 'actor:iran': 'Iran', 'actor:turkey': 'Turkey' })[id] ?? id, issue: (id: string) => id };
    const statements = [
      { id: 'statement:denial', kind: StatementKind.DENIAL, speakerId: 'actor:iran', issueIds: [] },
      { id: 'statement:reports', kind: StatementKind.REPORT, speakerId: null, issueIds: [] },
      { id: 'statement:claims', kind: StatementKind.CLAIM, speakerId: 'actor:turkey', issueIds: [] },
    ];
    const denies = { subjectId: 'statement:denial', objectId: 'statement:reports', kind: StatementRelationKind.DENIES };
    const responds = { subjectId: 'statement:denial', objectId: 'statement:claims', kind: StatementRelationKind.RESPONDS_TO };
    const [alone] = contradictions({ statements, relations: [denies], positions: [], affiliations: [], names });
    expect(alone!.reason).toBe('Iran denies what an unnamed source said');
    const [answered] = contradictions({ statements, relations: [denies, responds], positions: [], affiliations: [], names });
    expect(answered!.reason).toBe('Iran denies what an unnamed source said, in response to Turkey');
  });
});

describe('Contradictions: certainty', () => {
  it('is the least certain of the two statements and the relation between them', () => {
    const denial = (claim: Certainty, link: Certainty) =>
      contradictions({
        ...base,
        statements: [statement('s-claim', 'trump', [], StatementKind.CLAIM, claim), statement('s-denial', 'araghchi', [], StatementKind.DENIAL)],
        relations: [relation('s-denial', StatementRelationKind.DENIES, 's-claim', link)],
      }).map((c) => c.certainty);
    expect(denial(Certainty.CERTAIN, Certainty.CERTAIN)).toEqual([Certainty.CERTAIN]);
    expect(denial(Certainty.PROBABLE, Certainty.CERTAIN)).toEqual([Certainty.PROBABLE]);
    expect(denial(Certainty.CERTAIN, Certainty.POSSIBLE)).toEqual([Certainty.POSSIBLE]);
  });

  it('takes the positions into account for opposite positions, and leaves out what is below minCertainty', () => {
    const input = {
      ...base,
      statements: [statement('s-iran', 'araghchi', ['enrichment']), statement('s-us', 'rubio', ['enrichment'])],
      positions: [backed('p-iran', 'iran', 'enrichment', Stance.DEMANDS, ['s-iran']), backed('p-us', 'us', 'enrichment', Stance.REJECTS, ['s-us'], Firmness.UNKNOWN, Certainty.PROBABLE)],
    };
    expect(contradictions(input).map((c) => c.certainty)).toEqual([Certainty.PROBABLE]);
    expect(contradictions({ ...input, minCertainty: Certainty.CERTAIN })).toEqual([]);
  });

  it('drops an underspecified claim by default, and keeps it when asked', () => {
    const input = {
      ...base,
      statements: [statement('s-claim', 'trump', [], StatementKind.CLAIM, Certainty.UNDERSPECIFIED), statement('s-denial', 'araghchi', [], StatementKind.DENIAL)],
      relations: [relation('s-denial', StatementRelationKind.DENIES, 's-claim')],
    };
    expect(contradictions(input)).toEqual([]);
    expect(contradictions({ ...input, minCertainty: Certainty.UNDERSPECIFIED }).map((c) => c.certainty)).toEqual([Certainty.UNDERSPECIFIED]);
  });
});

describe('Contradictions: narrowed to an actor or an issue', () => {
  const pairs = contradictions({
    ...base,
    statements: [statement('s1', 'araghchi', ['talks']), statement('s2', 'rubio', ['talks']), statement('s3', 'netanyahu', []), statement('s4', 'trump', ['missiles'])],
    relations: [relation('s1', StatementRelationKind.DENIES, 's2'), relation('s3', StatementRelationKind.CONTRADICTS, 's4')],
  });

  it('keeps a pair when either statement is in the filter, and a pair meeting every filter when there are several', () => {
    expect(pairs.map((c) => [c.firstId, c.secondId])).toEqual([['s1', 's2'], ['s3', 's4']]);
    expect(involving(pairs, [new Set(['s2'])]).map((c) => c.firstId)).toEqual(['s1']);
    expect(involving(pairs, [new Set(['s4'])]).map((c) => c.firstId)).toEqual(['s3']);
    expect(involving(pairs, [new Set(['s1', 's4']), new Set(['s2'])]).map((c) => c.firstId)).toEqual(['s1']);
    expect(involving(pairs, [new Set(['s1']), new Set(['s4'])])).toEqual([]);
    expect(involving(pairs, [])).toEqual(pairs);
  });
});
