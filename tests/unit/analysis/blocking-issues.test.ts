import { describe, expect, it } from 'vitest';
import { BlockingRule, blockingIssues } from '../../../src/analysis/blocking-issues.js';
import type { ObstacleFact, PositionFact } from '../../../src/analysis/facts.js';
import { Certainty, Firmness, Polarity, Stance } from '../../../src/shared/enums.js';

const ACTORS: Record<string, string> = {
  iran: 'Iran',
  'iran-mfa': 'Iranian Foreign Ministry',
  araghchi: 'Abbas Araghchi',
  us: 'United States',
  rubio: 'Marco Rubio',
  israel: 'Israel',
  oman: 'Oman',
};
const ISSUES: Record<string, string> = {
  enrichment: 'Uranium enrichment',
  missiles: 'Ballistic missiles',
  sanctions: 'Sanctions relief',
  venue: 'Venue of talks',
};
const names = { actor: (id: string) => ACTORS[id] ?? id, issue: (id: string) => ISSUES[id] ?? id };

const affiliations = [
  { actorId: 'araghchi', organizationId: 'iran-mfa' },
  { actorId: 'iran-mfa', organizationId: 'iran' },
  { actorId: 'rubio', organizationId: 'us' },
];

function position(id: string, actorId: string, issueId: string, stance: Stance, firmness = Firmness.UNKNOWN, isPrecondition = false, more: Partial<PositionFact> = {}): PositionFact {
  return { id, actorId, issueId, stance, firmness, isPrecondition, ...more };
}

function obstacle(id: string, issueId: string, partyIds: string[], description = 'the two sides remain far apart'): ObstacleFact {
  return { id, issueId, partyIds, description };
}

describe('Blocking issues: incompatible positions among the parties', () => {
  it('blocks an issue where two parties conflict, saying whose words the party spoke through', () => {
    const result = blockingIssues({
      parties: ['iran', 'us'],
      positions: [
        position('p-iran', 'araghchi', 'enrichment', Stance.DEMANDS, Firmness.RED_LINE, true),
        position('p-us', 'us', 'enrichment', Stance.REJECTS, Firmness.FIRM),
      ],
      affiliations,
      obstacles: [],
      names,
    });
    expect(result).toEqual([
      {
        issueId: 'enrichment',
        // A precondition the other side rejects is both a conflict and an unmet precondition, told and scored once.
        rules: [BlockingRule.INCOMPATIBLE_POSITIONS, BlockingRule.UNMET_PRECONDITION],
        reasons: ['Iran (through Abbas Araghchi) demands "Uranium enrichment" as a precondition (red line), while United States rejects it (firm)'],
        positionIds: ['p-iran', 'p-us'],
        obstacleIds: [],
        severity: 3 + 5 + 2,
        certainty: Certainty.CERTAIN,
      },
    ]);
  });

  it('does not let disagreement inside one party block an agreement', () => {
    const result = blockingIssues({
      parties: ['iran', 'us'],
      positions: [
        position('p-minister', 'araghchi', 'missiles', Stance.SUPPORTS),
        position('p-ministry', 'iran-mfa', 'missiles', Stance.OPPOSES),
      ],
      affiliations,
      obstacles: [],
      names,
    });
    expect(result).toEqual([]);
  });

  it('ignores positions of actors that speak for none of the requested parties', () => {
    const positions = [
      position('p-iran', 'iran', 'enrichment', Stance.DEMANDS),
      position('p-israel', 'israel', 'enrichment', Stance.REJECTS),
    ];
    expect(blockingIssues({ parties: ['iran', 'us'], positions, affiliations, obstacles: [], names })).toEqual([]);
    expect(blockingIssues({ parties: ['iran', 'israel'], positions, affiliations, obstacles: [], names }).map((b) => b.issueId)).toEqual(['enrichment']);
  });

  it('never counts openness as a conflict', () => {
    const result = blockingIssues({
      parties: ['iran', 'us'],
      positions: [position('p-iran', 'iran', 'sanctions', Stance.DEMANDS, Firmness.RED_LINE, true), position('p-us', 'rubio', 'sanctions', Stance.OPEN_TO)],
      affiliations,
      obstacles: [],
      names,
    });
    expect(result).toEqual([]);
  });

  it('lists every conflicting pair but scores only the strongest, so repeated voices do not raise severity', () => {
    const base = [position('p-us', 'us', 'missiles', Stance.DEMANDS, Firmness.FIRM), position('p-iran', 'iran', 'missiles', Stance.REJECTS, Firmness.RED_LINE)];
    const [alone] = blockingIssues({ parties: ['iran', 'us'], positions: base, affiliations, obstacles: [], names });
    const [echoed] = blockingIssues({
      parties: ['iran', 'us'],
      positions: [...base, position('p-minister', 'araghchi', 'missiles', Stance.OPPOSES)],
      affiliations,
      obstacles: [],
      names,
    });
    expect(alone.severity).toBe(8);
    expect(echoed.severity).toBe(8);
    expect(echoed.positionIds).toEqual(['p-iran', 'p-minister', 'p-us']);
    expect(echoed.reasons).toEqual([
      'United States demands "Ballistic missiles" (firm), while Iran rejects it (red line)',
      'United States demands "Ballistic missiles" (firm), while Iran (through Abbas Araghchi) opposes it',
    ]);
  });
});

describe('Blocking issues: obstacles the source names', () => {
  it('fires when the obstacle names actors of at least two requested parties, resolved through affiliations', () => {
    const obstacles = [obstacle('o-venue', 'venue', ['araghchi', 'rubio'], 'Tehran refuses direct talks')];
    const result = blockingIssues({ parties: ['iran', 'us'], positions: [], affiliations, obstacles, names });
    expect(result).toEqual([
      {
        issueId: 'venue',
        rules: [BlockingRule.EXPLICIT_OBSTACLE],
        reasons: ['Obstacle on "Venue of talks" between Iran and United States: Tehran refuses direct talks'],
        positionIds: [],
        obstacleIds: ['o-venue'],
        severity: 3,
        certainty: Certainty.CERTAIN,
      },
    ]);
  });

  it('does not fire when only one requested party is named', () => {
    const obstacles = [obstacle('o-venue', 'venue', ['araghchi', 'rubio'])];
    expect(blockingIssues({ parties: ['iran', 'israel'], positions: [], affiliations, obstacles, names })).toEqual([]);
  });

  it('fires for any parties when the source names no parties', () => {
    const obstacles = [obstacle('o-missiles', 'missiles', [], 'missiles remain the sticking point')];
    const [result] = blockingIssues({ parties: ['israel', 'oman'], positions: [], affiliations, obstacles, names });
    expect(result.obstacleIds).toEqual(['o-missiles']);
    expect(result.reasons).toEqual(['Obstacle on "Ballistic missiles" (parties not named): missiles remain the sticking point']);
  });

  it('reports both rules on one issue, conflicts before obstacles', () => {
    const [result] = blockingIssues({
      parties: ['iran', 'us'],
      positions: [position('p-iran', 'iran', 'enrichment', Stance.DEMANDS), position('p-us', 'us', 'enrichment', Stance.OPPOSES)],
      affiliations,
      obstacles: [obstacle('o-2', 'enrichment', ['iran', 'us'], 'second'), obstacle('o-1', 'enrichment', [], 'first')],
      names,
    });
    expect(result.rules).toEqual([BlockingRule.INCOMPATIBLE_POSITIONS, BlockingRule.EXPLICIT_OBSTACLE]);
    expect(result.obstacleIds).toEqual(['o-1', 'o-2']);
    expect(result.reasons.map((r) => r.slice(0, 14))).toEqual(['Iran demands "', 'Obstacle on "U', 'Obstacle on "U']);
    expect(result.reasons[1].endsWith('first')).toBe(true);
    expect(result.severity).toBe(6 + 2);
  });
});

describe('Blocking issues: default parties are the top-level organizations involved', () => {
  it('treats officials of one state as one party and a state named only in an obstacle as a party', () => {
    const result = blockingIssues({
      positions: [
        position('p-minister', 'araghchi', 'missiles', Stance.SUPPORTS),
        position('p-ministry', 'iran-mfa', 'missiles', Stance.OPPOSES),
        position('p-rubio', 'rubio', 'enrichment', Stance.REJECTS),
        position('p-ministry-enrich', 'iran-mfa', 'enrichment', Stance.DEMANDS),
      ],
      affiliations,
      obstacles: [obstacle('o-venue', 'venue', ['israel', 'oman'])],
      names,
    });
    expect(result.map((b) => [b.issueId, b.rules])).toEqual([
      ['enrichment', [BlockingRule.INCOMPATIBLE_POSITIONS]],
      ['venue', [BlockingRule.EXPLICIT_OBSTACLE]],
    ]);
    expect(result[0].reasons).toEqual(['Iran (through Iranian Foreign Ministry) demands "Uranium enrichment", while United States (through Marco Rubio) rejects it']);
  });

  it('treats an empty party list like no list', () => {
    const input = {
      positions: [position('p-iran', 'iran', 'enrichment', Stance.DEMANDS), position('p-us', 'us', 'enrichment', Stance.OPPOSES)],
      affiliations,
      obstacles: [],
      names,
    };
    expect(blockingIssues({ ...input, parties: [] })).toEqual(blockingIssues(input));
    expect(blockingIssues(input)).toHaveLength(1);
  });
});

describe('Blocking issues: ordered by severity, then issue id', () => {
  it('puts the most severe first and breaks ties by issue id', () => {
    const result = blockingIssues({
      parties: ['iran', 'us'],
      positions: [
        position('p1', 'iran', 'sanctions', Stance.DEMANDS, Firmness.FLEXIBLE),
        position('p2', 'us', 'sanctions', Stance.OPPOSES, Firmness.FLEXIBLE),
        position('p3', 'us', 'missiles', Stance.DEMANDS, Firmness.FIRM),
        position('p4', 'iran', 'missiles', Stance.REJECTS, Firmness.RED_LINE),
        position('p5', 'iran', 'enrichment', Stance.DEMANDS, Firmness.RED_LINE, true),
        position('p6', 'us', 'enrichment', Stance.REJECTS, Firmness.FIRM),
      ],
      affiliations,
      obstacles: [obstacle('o-venue', 'venue', []), obstacle('o-enrichment', 'enrichment', ['iran', 'us'])],
      names,
    });
    expect(result.map((b) => [b.issueId, b.severity])).toEqual([
      ['enrichment', 3 + 3 + 5 + 2],
      ['missiles', 8],
      ['sanctions', 3],
      ['venue', 3],
    ]);
  });

  it('gives the same order whatever the input order', () => {
    const positions = [
      position('p1', 'iran', 'venue', Stance.DEMANDS),
      position('p2', 'us', 'venue', Stance.OPPOSES),
      position('p3', 'iran', 'sanctions', Stance.DEMANDS),
      position('p4', 'us', 'sanctions', Stance.OPPOSES),
    ];
    const forward = blockingIssues({ positions, affiliations, obstacles: [], names });
    const backward = blockingIssues({ positions: [...positions].reverse(), affiliations, obstacles: [], names });
    expect(forward.map((b) => b.issueId)).toEqual(['sanctions', 'venue']);
    expect(backward).toEqual(forward);
  });
});

describe('Blocking issues: an unmet precondition', () => {
  const conditional = (certainty = Certainty.CERTAIN, holderId: string | null = null) =>
    position('p-us', 'us', 'sanctions', Stance.CONDITIONAL, Firmness.UNKNOWN, false, { conditionIds: ['missiles', 'enrichment'], certainty, holderId });
  const precondition = position('p-iran', 'iran', 'sanctions', Stance.DEMANDS, Firmness.UNKNOWN, true);

  it('blocks when one party demands a precondition the other accepts only on conditions, naming what is asked in return', () => {
    const result = blockingIssues({ parties: ['iran', 'us'], positions: [precondition, conditional()], affiliations, obstacles: [], names });
    expect(result).toEqual([
      {
        issueId: 'sanctions',
        rules: [BlockingRule.UNMET_PRECONDITION],
        reasons: ['Iran demands "Sanctions relief" as a precondition; United States accepts it only in return for concessions including "Uranium enrichment" and "Ballistic missiles"'],
        positionIds: ['p-iran', 'p-us'],
        obstacleIds: [],
        severity: 3 + 2 + 2,
        certainty: Certainty.CERTAIN,
      },
    ]);
  });

  it('says whose view and how sure a hedged side is, and weighs severity by it', () => {
    const [forecast] = blockingIssues({ parties: ['iran', 'us'], positions: [precondition, conditional(Certainty.PROBABLE)], affiliations, obstacles: [], names });
    expect(forecast.reasons).toEqual([
      'Iran demands "Sanctions relief" as a precondition; by the source\'s own reading (probable), United States accepts it only in return for concessions including "Uranium enrichment" and "Ballistic missiles"',
    ]);
    expect(forecast.certainty).toBe(Certainty.PROBABLE);
    // Every point at the weight of the reason it comes from: 0.75 × 3 for the rule, 0.75 × (1 + 1 + 2) for the pair.
    expect(forecast.severity).toBe(Math.round(0.75 * 3 + 0.75 * 4));
    const [relayed] = blockingIssues({ parties: ['iran', 'us'], positions: [precondition, conditional(Certainty.POSSIBLE, 'rubio')], affiliations, obstacles: [], names });
    expect(relayed.reasons[0]).toContain('; according to Marco Rubio (possible), United States accepts it only in return for concessions including');
    expect(relayed.severity).toBe(Math.round(0.5 * 3 + 0.5 * 4));
  });

  it('does not block when the demand is not a precondition, or when the other side is open to it', () => {
    const notPrecondition = position('p-iran', 'iran', 'sanctions', Stance.DEMANDS);
    expect(blockingIssues({ parties: ['iran', 'us'], positions: [notPrecondition, conditional()], affiliations, obstacles: [], names })).toEqual([]);
    const open = position('p-us', 'us', 'sanctions', Stance.OPEN_TO);
    expect(blockingIssues({ parties: ['iran', 'us'], positions: [precondition, open], affiliations, obstacles: [], names })).toEqual([]);
  });

  it('does not block within one party', () => {
    const minister = position('p-minister', 'araghchi', 'sanctions', Stance.CONDITIONAL, Firmness.UNKNOWN, false, { conditionIds: ['missiles'] });
    expect(blockingIssues({ parties: ['iran', 'us'], positions: [precondition, minister], affiliations, obstacles: [], names })).toEqual([]);
  });

  it('appears when a conditional answer to a precondition is added, and goes when it is removed', () => {
    expect(blockingIssues({ parties: ['iran', 'us'], positions: [precondition], affiliations, obstacles: [], names })).toEqual([]);
    expect(blockingIssues({ parties: ['iran', 'us'], positions: [precondition, conditional()], affiliations, obstacles: [], names })).toHaveLength(1);
  });
});

describe('Blocking issues: certainty', () => {
  const hedged = (certainty: Certainty) => [
    position('p-iran', 'iran', 'enrichment', Stance.DEMANDS),
    position('p-us', 'us', 'enrichment', Stance.REJECTS, Firmness.UNKNOWN, false, { certainty }),
  ];

  it('is the least certain fact of a reason', () => {
    for (const certainty of [Certainty.CERTAIN, Certainty.PROBABLE, Certainty.POSSIBLE]) {
      const [result] = blockingIssues({ parties: ['iran', 'us'], positions: hedged(certainty), affiliations, obstacles: [], names });
      expect(result.certainty).toBe(certainty);
    }
  });

  it('leaves out facts below minCertainty, the underspecified by default, and positions the source does not assert', () => {
    const open = (polarity: Polarity) => [position('p-iran', 'iran', 'enrichment', Stance.DEMANDS), position('p-us', 'us', 'enrichment', Stance.REJECTS, Firmness.UNKNOWN, false, { polarity })];
    const input = { parties: ['iran', 'us'], affiliations, obstacles: [], names };
    expect(blockingIssues({ ...input, positions: hedged(Certainty.PROBABLE), minCertainty: Certainty.CERTAIN })).toEqual([]);
    expect(blockingIssues({ ...input, positions: hedged(Certainty.PROBABLE), minCertainty: Certainty.PROBABLE })).toHaveLength(1);
    expect(blockingIssues({ ...input, positions: hedged(Certainty.UNDERSPECIFIED) })).toEqual([]);
    expect(blockingIssues({ ...input, positions: hedged(Certainty.UNDERSPECIFIED), minCertainty: Certainty.UNDERSPECIFIED })).toHaveLength(1);
    expect(blockingIssues({ ...input, positions: open(Polarity.NEGATIVE), minCertainty: Certainty.UNDERSPECIFIED })).toEqual([]);
    expect(blockingIssues({ ...input, positions: open(Polarity.UNDERSPECIFIED) })).toEqual([]);
    expect(blockingIssues({ ...input, positions: open(Polarity.UNDERSPECIFIED), minCertainty: Certainty.UNDERSPECIFIED })).toHaveLength(1);
  });

  it('is the least certain fact of all its reasons, while severity weighs each reason by its own certainty', () => {
    const obstacles = [obstacle('o-enrichment', 'enrichment', ['iran', 'us'])];
    const [both] = blockingIssues({ parties: ['iran', 'us'], positions: hedged(Certainty.POSSIBLE), affiliations, obstacles, names });
    expect(both.certainty).toBe(Certainty.POSSIBLE);
    // The certain obstacle scores in full (3); the possible conflict at half weight (3 × 0.5 and 0.5 × (1 + 1)).
    expect(both.severity).toBe(Math.round(3 + 3 * 0.5 + 0.5 * 2));
    const [onlyCertain] = blockingIssues({ parties: ['iran', 'us'], positions: hedged(Certainty.POSSIBLE), affiliations, obstacles, names, minCertainty: Certainty.CERTAIN });
    expect(onlyCertain).toMatchObject({ rules: [BlockingRule.EXPLICIT_OBSTACLE], certainty: Certainty.CERTAIN, severity: 3 });
    const hedgedObstacle = [{ ...obstacles[0], certainty: Certainty.PROBABLE }];
    expect(blockingIssues({ parties: ['iran', 'us'], positions: [], affiliations, obstacles: hedgedObstacle, names, minCertainty: Certainty.CERTAIN })).toEqual([]);
  });

  it('never lets an unspecified stance conflict', () => {
    const unstated = [position('p-iran', 'iran', 'missiles', Stance.UNSPECIFIED, Firmness.FIRM), position('p-us', 'us', 'missiles', Stance.DEMANDS)];
    expect(blockingIssues({ parties: ['iran', 'us'], positions: unstated, affiliations, obstacles: [], names })).toEqual([]);
  });
});
