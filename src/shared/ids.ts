/**
 * Ids are `<type>:<slug>` (`actor:iran`, `event:oman-talks-first-round`): readable, and stable
 * across re-seeding because they come from the seed files, never from row numbers. The prefix
 * names the GraphQL type, which is how `node(id)` knows where to look.
 */
import { badUserInput } from './errors.js';
import { MAX_PAGE_SIZE } from './pagination.js';

export const ID_PREFIXES = {
  actor: 'Actor',
  event: 'Event',
  statement: 'Statement',
  issue: 'Issue',
  position: 'Position',
  source: 'Source',
  place: 'Place',
} as const;

export type IdPrefix = keyof typeof ID_PREFIXES;
export type NodeTypeName = (typeof ID_PREFIXES)[IdPrefix];

/** The GraphQL type an id belongs to, or null when the id is not one of ours. */
export function typeOfId(id: string): NodeTypeName | null {
  const match = /^([a-z]+):[a-z0-9]+(?:-[a-z0-9]+)*$/.exec(id);
  if (!match) return null;
  return (ID_PREFIXES as Record<string, NodeTypeName>)[match[1]!] ?? null;
}

/** Validates an id argument that must name an entity of the given prefix. */
export function expectId(argumentName: string, id: string, prefix: IdPrefix): string {
  if (!id.startsWith(`${prefix}:`) || typeOfId(id) === null) {
    throw badUserInput(argumentName, `"${id}" is not a ${ID_PREFIXES[prefix]} id (expected ${prefix}:<slug>)`);
  }
  return id;
}

/** A list of ids in one argument holds at most MAX_PAGE_SIZE, like a page. */
export function checkIdList(argumentName: string, ids: readonly string[]): readonly string[] {
  if (ids.length > MAX_PAGE_SIZE) throw badUserInput(argumentName, `at most ${MAX_PAGE_SIZE} ids at once (got ${ids.length})`);
  return ids;
}
