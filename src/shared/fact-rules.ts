/**
 * The rules a fact must keep whichever way it is written (seed files, mutations), so that
 * both refuse the same things with the same words.
 */
import { Certainty, Polarity, Stance } from './enums.js';

/** A hedged value (PROBABLE, POSSIBLE) or a NEGATIVE polarity must cite the words that set it. */
export function factualityProblem(certainty: Certainty, polarity: Polarity, cueCount: number): string | null {
  const hedged = certainty === Certainty.PROBABLE || certainty === Certainty.POSSIBLE || polarity === Polarity.NEGATIVE;
  return hedged && cueCount === 0 ? `a ${certainty}/${polarity} factuality must cite the words that set it` : null;
}

/** CONDITIONAL names what it asks in return (other issues); no other stance has conditions. */
export function conditionsProblem(stance: Stance, conditions: readonly string[], issue: string): string | null {
  if (stance === Stance.CONDITIONAL && conditions.length === 0) return 'a CONDITIONAL stance must name what is asked in return';
  if (stance !== Stance.CONDITIONAL && conditions.length > 0) return `only a CONDITIONAL stance has conditions (this one is ${stance})`;
  if (conditions.includes(issue)) return 'a position cannot be conditional on its own issue';
  return null;
}
