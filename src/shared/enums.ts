/**
 * Every enum of the knowledge base, declared once as a TypeScript string enum.
 * The drizzle tables reuse them (`text('kind', { enum: … })`), the seed format validates
 * against them, and `src/shared/enums.graphql.ts` registers them with type-graphql,
 * so storage, seed and API cannot drift apart.
 *
 * Relation kinds list both directions: a relation is stored once with a forward kind and
 * read from the other end with its inverse (`SUPPORTS` on Russia, `SUPPORTED_BY` on Iran).
 */

export enum ActorKind {
  STATE = 'STATE',
  GOVERNMENT_BODY = 'GOVERNMENT_BODY',
  MILITARY = 'MILITARY',
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
  GROUP_OF_PEOPLE = 'GROUP_OF_PEOPLE',
  UNNAMED_SOURCE = 'UNNAMED_SOURCE',
  COLLECTIVE = 'COLLECTIVE',
}

export enum EventKind {
  NEGOTIATION = 'NEGOTIATION',
  MEETING = 'MEETING',
  ARMED_CONFLICT = 'ARMED_CONFLICT',
  MILITARY_PREPARATION = 'MILITARY_PREPARATION',
  MILITARY_OPERATION = 'MILITARY_OPERATION',
  THREAT = 'THREAT',
  PROTEST = 'PROTEST',
  CRACKDOWN = 'CRACKDOWN',
  POLICY = 'POLICY',
  SANCTIONS = 'SANCTIONS',
  ADDRESS = 'ADDRESS',
  COMMUNICATION = 'COMMUNICATION',
  OTHER = 'OTHER',
}

export enum EventStatus {
  OCCURRED = 'OCCURRED',
  ONGOING = 'ONGOING',
  PLANNED = 'PLANNED',
  UNDER_CONSIDERATION = 'UNDER_CONSIDERATION',
  THREATENED = 'THREATENED',
  ALLEGED = 'ALLEGED',
}

export enum ParticipantRole {
  INITIATOR = 'INITIATOR',
  TARGET = 'TARGET',
  PARTICIPANT = 'PARTICIPANT',
  HOST = 'HOST',
  MEDIATOR = 'MEDIATOR',
  SUBJECT = 'SUBJECT',
}

export enum StatementKind {
  CLAIM = 'CLAIM',
  DENIAL = 'DENIAL',
  THREAT = 'THREAT',
  WARNING = 'WARNING',
  DEMAND = 'DEMAND',
  POSITION = 'POSITION',
  CAUTION = 'CAUTION',
  REPORT = 'REPORT',
  ADDRESS = 'ADDRESS',
  ANALYSIS = 'ANALYSIS',
}

export enum AttributionKind {
  NAMED = 'NAMED',
  ANONYMOUS_OFFICIALS = 'ANONYMOUS_OFFICIALS',
  UNATTRIBUTED_REPORTS = 'UNATTRIBUTED_REPORTS',
  SOURCE_ANALYSIS = 'SOURCE_ANALYSIS',
}

export enum Stance {
  DEMANDS = 'DEMANDS',
  SUPPORTS = 'SUPPORTS',
  OPEN_TO = 'OPEN_TO',
  CONDITIONAL = 'CONDITIONAL',
  OPPOSES = 'OPPOSES',
  REJECTS = 'REJECTS',
  UNSPECIFIED = 'UNSPECIFIED',
}

/** What a change did to a node. */
export enum ChangeOp {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  RESTORE = 'RESTORE',
}

/** What an API key may do: READER < EDITOR (add and change facts, add sources) < ADMIN (delete, restore, keys). */
export enum Role {
  READER = 'READER',
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}

export const ROLE_RANK: Readonly<Record<Role, number>> = { [Role.READER]: 1, [Role.EDITOR]: 2, [Role.ADMIN]: 3 };

/**
 * How sure the holder of a view is of a fact, after FactBank's factuality values
 * (Saurí & Pustejovsky 2009): certain, probable, possible, or not committed either way.
 */
export enum Certainty {
  CERTAIN = 'CERTAIN',
  PROBABLE = 'PROBABLE',
  POSSIBLE = 'POSSIBLE',
  UNDERSPECIFIED = 'UNDERSPECIFIED',
}

/** Whether the fact is asserted to hold (POSITIVE), asserted not to hold (NEGATIVE), or neither. */
export enum Polarity {
  POSITIVE = 'POSITIVE',
  NEGATIVE = 'NEGATIVE',
  UNDERSPECIFIED = 'UNDERSPECIFIED',
}

/** Certainty as a rank: higher is surer, so "the least certain" is a minimum. */
export const CERTAINTY_RANK: Readonly<Record<Certainty, number>> = {
  [Certainty.CERTAIN]: 3,
  [Certainty.PROBABLE]: 2,
  [Certainty.POSSIBLE]: 1,
  [Certainty.UNDERSPECIFIED]: 0,
};

/** True when `certainty` is at least as sure as `floor`. */
export function atLeast(certainty: Certainty, floor: Certainty): boolean {
  return CERTAINTY_RANK[certainty] >= CERTAINTY_RANK[floor];
}

/** The least certain of the given values (CERTAIN for none: nothing uncertain was relied on). */
export function leastCertain(values: Iterable<Certainty>): Certainty {
  let least = Certainty.CERTAIN;
  for (const c of values) if (CERTAINTY_RANK[c] < CERTAINTY_RANK[least]) least = c;
  return least;
}

/** The most certain of the given values (UNDERSPECIFIED for none). */
export function mostCertain(values: Iterable<Certainty>): Certainty {
  let most = Certainty.UNDERSPECIFIED;
  for (const c of values) if (CERTAINTY_RANK[c] > CERTAINTY_RANK[most]) most = c;
  return most;
}

export enum Firmness {
  RED_LINE = 'RED_LINE',
  FIRM = 'FIRM',
  FLEXIBLE = 'FLEXIBLE',
  UNKNOWN = 'UNKNOWN',
}

export enum DatePrecision {
  DAY = 'DAY',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
  UNKNOWN = 'UNKNOWN',
}

export enum ActorRelationKind {
  SUPPORTS = 'SUPPORTS',
  SUPPORTED_BY = 'SUPPORTED_BY',
  OPPOSES = 'OPPOSES',
  OPPOSED_BY = 'OPPOSED_BY',
  THREATENS = 'THREATENS',
  THREATENED_BY = 'THREATENED_BY',
  PRESSURES = 'PRESSURES',
  PRESSURED_BY = 'PRESSURED_BY',
}

export enum EventRelationKind {
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
  FOLLOWS = 'FOLLOWS',
  FOLLOWED_BY = 'FOLLOWED_BY',
  CAUSES = 'CAUSES',
  CAUSED_BY = 'CAUSED_BY',
  PART_OF = 'PART_OF',
  HAS_PART = 'HAS_PART',
  CONTEXT_OF = 'CONTEXT_OF',
  HAS_CONTEXT = 'HAS_CONTEXT',
  SAME_AS = 'SAME_AS',
}

export enum StatementRelationKind {
  DENIES = 'DENIES',
  DENIED_BY = 'DENIED_BY',
  RESPONDS_TO = 'RESPONDS_TO',
  RESPONDED_BY = 'RESPONDED_BY',
  SUPPORTS = 'SUPPORTS',
  SUPPORTED_BY = 'SUPPORTED_BY',
  CONTRADICTS = 'CONTRADICTS',
}

/** Forward kinds (the only ones stored) mapped to the kind read from the other end. */
export const ACTOR_RELATION_INVERSE = {
  [ActorRelationKind.SUPPORTS]: ActorRelationKind.SUPPORTED_BY,
  [ActorRelationKind.OPPOSES]: ActorRelationKind.OPPOSED_BY,
  [ActorRelationKind.THREATENS]: ActorRelationKind.THREATENED_BY,
  [ActorRelationKind.PRESSURES]: ActorRelationKind.PRESSURED_BY,
} as const;

export const EVENT_RELATION_INVERSE = {
  [EventRelationKind.BEFORE]: EventRelationKind.AFTER,
  [EventRelationKind.AFTER]: EventRelationKind.BEFORE,
  [EventRelationKind.FOLLOWS]: EventRelationKind.FOLLOWED_BY,
  [EventRelationKind.CAUSES]: EventRelationKind.CAUSED_BY,
  [EventRelationKind.PART_OF]: EventRelationKind.HAS_PART,
  [EventRelationKind.CONTEXT_OF]: EventRelationKind.HAS_CONTEXT,
  [EventRelationKind.SAME_AS]: EventRelationKind.SAME_AS,
} as const;

export const STATEMENT_RELATION_INVERSE = {
  [StatementRelationKind.DENIES]: StatementRelationKind.DENIED_BY,
  [StatementRelationKind.RESPONDS_TO]: StatementRelationKind.RESPONDED_BY,
  [StatementRelationKind.SUPPORTS]: StatementRelationKind.SUPPORTED_BY,
  [StatementRelationKind.CONTRADICTS]: StatementRelationKind.CONTRADICTS,
} as const;

export type StoredActorRelationKind = keyof typeof ACTOR_RELATION_INVERSE;
export type StoredEventRelationKind = keyof typeof EVENT_RELATION_INVERSE;
export type StoredStatementRelationKind = keyof typeof STATEMENT_RELATION_INVERSE;

export const STORED_ACTOR_RELATION_KINDS = Object.keys(ACTOR_RELATION_INVERSE) as [StoredActorRelationKind, ...StoredActorRelationKind[]];
export const STORED_EVENT_RELATION_KINDS = Object.keys(EVENT_RELATION_INVERSE) as [StoredEventRelationKind, ...StoredEventRelationKind[]];
export const STORED_STATEMENT_RELATION_KINDS = Object.keys(STATEMENT_RELATION_INVERSE) as [StoredStatementRelationKind, ...StoredStatementRelationKind[]];
