import { describe, expect, it } from 'vitest';
import { AffiliationGraph, partyOf, positionsConflict, qualifiers, resolveParties, stanceDirection, topLevelOf, voice } from '../../../src/analysis/stance.js';
import { Firmness, Stance } from '../../../src/shared/enums.js';

const stance = (s: Stance, isPrecondition = false) => ({ stance: s, isPrecondition });

const affiliations = [
  { actorId: 'araghchi', organizationId: 'iran-mfa' },
  { actorId: 'iran-mfa', organizationId: 'iran' },
  { actorId: 'rubio', organizationId: 'us' },
];

describe('Stance compatibility', () => {
  it('groups demands and support as pro, opposition and rejection as contra, and openness apart', () => {
    expect([Stance.DEMANDS, Stance.SUPPORTS, Stance.OPEN_TO, Stance.OPPOSES, Stance.REJECTS].map(stanceDirection)).toEqual(['PRO', 'PRO', 'OPEN', 'CONTRA', 'CONTRA']);
  });

  it('finds a conflict between every pro stance and every contra stance, in either order', () => {
    for (const pro of [Stance.DEMANDS, Stance.SUPPORTS]) {
      for (const contra of [Stance.OPPOSES, Stance.REJECTS]) {
        expect(positionsConflict(stance(pro), stance(contra))).toBe(true);
        expect(positionsConflict(stance(contra), stance(pro))).toBe(true);
      }
    }
  });

  it('never finds a conflict between stances on the same side', () => {
    expect(positionsConflict(stance(Stance.DEMANDS), stance(Stance.SUPPORTS))).toBe(false);
    expect(positionsConflict(stance(Stance.OPPOSES), stance(Stance.REJECTS))).toBe(false);
  });

  it('treats openness as compatible with every stance', () => {
    for (const other of Object.values(Stance)) {
      expect(positionsConflict(stance(Stance.OPEN_TO), stance(other))).toBe(false);
      expect(positionsConflict(stance(other), stance(Stance.OPEN_TO))).toBe(false);
    }
  });

  it('finds a precondition in conflict with a contra stance but not with openness', () => {
    expect(positionsConflict(stance(Stance.DEMANDS, true), stance(Stance.REJECTS))).toBe(true);
    expect(positionsConflict(stance(Stance.DEMANDS, true), stance(Stance.OPEN_TO))).toBe(false);
  });

  it('describes a precondition and its firmness, and says nothing when firmness is unknown', () => {
    expect(qualifiers({ firmness: Firmness.RED_LINE, isPrecondition: true })).toBe(' as a precondition (red line)');
    expect(qualifiers({ firmness: Firmness.UNKNOWN, isPrecondition: false })).toBe('');
  });
});

describe('Party resolution: whom an actor speaks for', () => {
  it('returns the actor itself when it is a requested party', () => {
    expect(partyOf('iran-mfa', ['iran', 'iran-mfa'], affiliations)).toBe('iran-mfa');
  });

  it('follows affiliations transitively from an official to the state', () => {
    expect(partyOf('araghchi', ['iran', 'us'], affiliations)).toBe('iran');
  });

  it('returns null for an actor that speaks for no requested party', () => {
    expect(partyOf('rubio', ['iran'], affiliations)).toBeNull();
    expect(partyOf('unaffiliated', ['iran'], affiliations)).toBeNull();
  });

  it('prefers the nearest party, then the smallest id among equally near ones', () => {
    const dual = [
      { actorId: 'envoy', organizationId: 'state-b' },
      { actorId: 'envoy', organizationId: 'state-a' },
      { actorId: 'envoy', organizationId: 'office' },
      { actorId: 'office', organizationId: 'state-0' },
    ];
    expect(partyOf('envoy', ['state-0', 'state-a', 'state-b'], dual)).toBe('state-a');
    expect(partyOf('envoy', ['state-0', 'state-b'], dual)).toBe('state-b');
    expect(partyOf('envoy', ['state-0'], dual)).toBe('state-0');
  });

  it('terminates on an affiliation cycle and still finds a party beyond it', () => {
    const cyclic = [
      { actorId: 'a', organizationId: 'b' },
      { actorId: 'b', organizationId: 'a' },
      { actorId: 'b', organizationId: 'state' },
    ];
    expect(partyOf('a', ['state'], cyclic)).toBe('state');
    expect(partyOf('a', ['elsewhere'], cyclic)).toBeNull();
  });

  it('finds the top-level organization of an official, and the actor itself when unaffiliated', () => {
    expect(topLevelOf('araghchi', affiliations)).toBe('iran');
    expect(topLevelOf('iran', affiliations)).toBe('iran');
    expect(topLevelOf('nobody', affiliations)).toBe('nobody');
  });

  it('lets the smallest id stand for an affiliation cycle at the top', () => {
    const cyclic = [
      { actorId: 'official', organizationId: 'z-council' },
      { actorId: 'z-council', organizationId: 'y-council' },
      { actorId: 'y-council', organizationId: 'z-council' },
    ];
    expect(topLevelOf('official', cyclic)).toBe('y-council');
    expect(topLevelOf('z-council', cyclic)).toBe('y-council');
  });

  it('defaults to the top-level organizations of the involved actors when no parties are requested', () => {
    const graph = new AffiliationGraph(affiliations);
    const resolution = resolveParties(null, ['araghchi', 'iran-mfa', 'rubio'], graph);
    expect(resolution.parties).toEqual(['iran', 'us']);
    expect(resolution.resolve('araghchi')).toBe('iran');
    expect(resolveParties([], ['rubio'], graph).parties).toEqual(['us']);
  });

  it('names whose words a party spoke through, and only when they were not its own', () => {
    const names = { actor: (id: string) => ({ iran: 'Iran', araghchi: 'Abbas Araghchi' })[id] ?? id, issue: (id: string) => id };
    expect(voice('iran', 'araghchi', names)).toBe('Iran (through Abbas Araghchi)');
    expect(voice('iran', 'iran', names)).toBe('Iran');
  });
});
