import { badUserInput } from '../../shared/errors.js';

/**
 * Expands an ISO date bound given at any precision (`2025`, `2025-06`, `2025-06-12`) to a
 * full `YYYY-MM-DD`: the first day it covers for a lower bound, the last for an upper one.
 */
export function dateBound(argumentName: string, value: string, side: 'from' | 'to'): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  const [, y, m, d] = match ?? [];
  const month = m === undefined ? null : Number(m);
  const day = d === undefined ? null : Number(d);
  // A day is checked against its month through Date's own calendar: 2025-02-31 is refused.
  const real = day === null || new Date(Date.UTC(Number(y), month! - 1, day)).getUTCDate() === day;
  if (!match || (month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || !real))) {
    throw badUserInput(argumentName, `"${value}" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  }
  if (side === 'from') return `${y}-${m ?? '01'}-${d ?? '01'}`;
  return `${y}-${m ?? '12'}-${d ?? '31'}`;
}
