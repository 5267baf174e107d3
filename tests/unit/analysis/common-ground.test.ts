import { describe, expect, it } from 'vitest';
import { blockingIssues } from '../../../src/analysis/blocking-issues.js';
import { commonGround } from '../../../src/analysis/common-ground.js';
import type { PositionFact } from '../../../src/analysis/facts.js';
import { Certainty, Firmness, Stance } from '../../../src/shared/enums.js';

const names = { actor: (id: string) => id, issue: (id: string) => id };

const affiliations = [
  { actorId: 'araghchi', organizationId: 'iran' },
  { actorId: 'witkoff', organizationId: 'us' },
];

function position(id: string, actorId: string, issueId: string, stance: Stance, more: Partial<PositionFact> = {}): PositionFact {
  return { id, actorId, issueId, stance, firmness: Firmness.UNKNOWN, isPrecondition: false, ...more };
}

const shared = [
  position('p1', 'araghchi', 'de-escalation', Stance.SUPPORTS),
  position('p2', 'witkoff', 'de-escalation', Stance.DEMANDS),
  position('p3', 'iran', 'weapons', Stance.REJECTS),
  position('p4', 'us', 'weapons', Stance.OPPOSES),
  position('p5', 'iran', 'talks', Stance.DEMANDS),
  position('p6', 'us', 'talks', Stance.OPEN_TO),
  position('p7', 'iran', 'oman-role', Stance.SUPPORTS),
];

describe('Common ground: issues every party addresses without conflict', () => {
  it('returns issues where each party holds a position and none conflict, through affiliated voices', () => {
    expect(commonGround({ parties: ['iran', 'us'], positions: shared, affiliations, names })).toEqual([
      { issueId: 'de-escalation', positionIds: ['p1', 'p2'], silentPartyIds: [], certainty: Certainty.CERTAIN },
      { issueId: 'talks', positionIds: ['p5', 'p6'], silentPartyIds: [], certainty: Certainty.CERTAIN },
      { issueId: 'weapons', positionIds: ['p3', 'p4'], silentPartyIds: [], certainty: Certainty.CERTAIN },
    ]);
  });

  it('adds issues on which some parties are silent only when asked, after the full ones', () => {
    const result = commonGround({ parties: ['iran', 'us'], positions: shared, affiliations, names, includeSilent: true });
    expect(result.map((c) => c.issueId)).toEqual(['de-escalation', 'talks', 'weapons', 'oman-role']);
    expect(result[3]).toEqual({ issueId: 'oman-role', positionIds: ['p7'], silentPartyIds: ['us'], certainty: Certainty.CERTAIN });
  });

  it('never returns an issue with no position of any requested party', () => {
    const positions = [position('p1', 'israel', 'strikes', Stance.SUPPORTS)];
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names, includeSilent: true })).toEqual([]);
  });

  it('counts an issue as common ground for a single party when that party holds a position on it', () => {
    expect(commonGround({ parties: ['us'], positions: shared, affiliations, names }).map((c) => c.issueId)).toEqual(['de-escalation', 'talks', 'weapons']);
  });

  it('excludes an issue on which two parties conflict, even when silent parties are included', () => {
    const positions = [position('p1', 'iran', 'sanctions', Stance.DEMANDS), position('p2', 'us', 'sanctions', Stance.REJECTS)];
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names, includeSilent: true })).toEqual([]);
  });

  it('does not let disagreement inside one party break common ground', () => {
    const positions = [
      position('p1', 'araghchi', 'talks', Stance.SUPPORTS),
      position('p2', 'iran', 'talks', Stance.OPPOSES),
      position('p3', 'us', 'talks', Stance.OPEN_TO),
    ];
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names }).map((c) => c.positionIds)).toEqual([['p1', 'p2', 'p3']]);
  });

  it('defaults to the top-level organizations of the position holders', () => {
    const result = commonGround({ positions: shared, affiliations, names, includeSilent: true });
    expect(result.find((c) => c.issueId === 'oman-role')?.silentPartyIds).toEqual(['us']);
    expect(result.find((c) => c.issueId === 'de-escalation')?.silentPartyIds).toEqual([]);
  });
});

describe('Common ground and blocking issues are two sides of one judgement', () => {
  it('moves an issue to blocking when a conflicting position is added, and back when it is removed', () => {
    const conflicting = position('p-new', 'witkoff', 'talks', Stance.REJECTS);
    const ask = (positions: PositionFact[]) => ({
      common: commonGround({ parties: ['iran', 'us'], positions, affiliations, names }).map((c) => c.issueId),
      blocking: blockingIssues({ parties: ['iran', 'us'], positions, affiliations, obstacles: [], names }).map((b) => b.issueId),
    });

    expect(ask(shared)).toEqual({ common: ['de-escalation', 'talks', 'weapons'], blocking: [] });
    expect(ask([...shared, conflicting])).toEqual({ common: ['de-escalation', 'weapons'], blocking: ['talks'] });
    expect(ask([...shared, conflicting].filter((p) => p.id !== 'p-new'))).toEqual({ common: ['de-escalation', 'talks', 'weapons'], blocking: [] });
  });
});

describe('Common ground: an issue the source calls an obstacle is not common ground', () => {
  it('leaves out an issue with an obstacle between the parties, even when one of them is silent', () => {
    const positions = [{ id: 'position:b-x', actorId: 'actor:b', issueId: 'issue:x', stance: Stance.REJECTS, firmness: Firmness.FIRM, isPrecondition: false }];
    const obstacles = [{ id: 'obstacle:x', issueId: 'issue:x', partyIds: ['actor:a', 'actor:b'], description: 'a sticking point' }];
    const args = { parties: ['actor:a', 'actor:b'], positions, affiliations: [], includeSilent: true };
    expect(commonGround(args).map((c) => c.issueId)).toEqual(['issue:x']);
    expect(commonGround({ ...args, obstacles })).toEqual([]);
  });
});

describe('Common ground: certainty, conditions and unstated positions', () => {
  it('is as sure as the least certain position it lists', () => {
    const positions = [
      position('p1', 'iran', 'talks', Stance.SUPPORTS, { certainty: Certainty.PROBABLE }),
      position('p2', 'araghchi', 'talks', Stance.SUPPORTS, { certainty: Certainty.POSSIBLE }),
      position('p3', 'us', 'talks', Stance.OPEN_TO, { certainty: Certainty.POSSIBLE }),
    ];
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names })).toEqual([
      { issueId: 'talks', positionIds: ['p1', 'p2', 'p3'], silentPartyIds: [], certainty: Certainty.POSSIBLE },
    ]);
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names, minCertainty: Certainty.PROBABLE })).toEqual([]);
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names, minCertainty: Certainty.PROBABLE, includeSilent: true })).toEqual([
      { issueId: 'talks', positionIds: ['p1'], silentPartyIds: ['us'], certainty: Certainty.PROBABLE },
    ]);
  });

  it('counts an unspecified stance as silence, never as agreement', () => {
    const positions = [position('p1', 'iran', 'missiles', Stance.UNSPECIFIED), position('p2', 'us', 'missiles', Stance.OPEN_TO)];
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names })).toEqual([]);
    expect(commonGround({ parties: ['iran', 'us'], positions, affiliations, names, includeSilent: true })).toEqual([
      { issueId: 'missiles', positionIds: ['p2'], silentPartyIds: ['iran'], certainty: Certainty.CERTAIN },
    ]);
  });

  it('keeps an issue a party accepts on conditions as common ground unless the other makes it a precondition', () => {
    const conditional = position('p2', 'us', 'sanctions', Stance.CONDITIONAL, { conditionIds: ['weapons'] });
    const demand = position('p1', 'iran', 'sanctions', Stance.DEMANDS);
    expect(commonGround({ parties: ['iran', 'us'], positions: [demand, conditional], affiliations, names }).map((c) => c.issueId)).toEqual(['sanctions']);
    const precondition = { ...demand, isPrecondition: true };
    expect(commonGround({ parties: ['iran', 'us'], positions: [precondition, conditional], affiliations, names })).toEqual([]);
  });
});
