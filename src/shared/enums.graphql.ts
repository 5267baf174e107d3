/**
 * Registers every enum of `enums.ts` with type-graphql, with a description for the enum and
 * for each value (they ship in the SDL). Imported once by `schema.ts`.
 */
import { registerEnumType } from 'type-graphql';
import {
  ActorKind, ActorRelationKind, AttributionKind, DatePrecision, EventKind, EventRelationKind,
  EventStatus, Firmness, ParticipantRole, Stance, StatementKind, StatementRelationKind, Certainty, Polarity, ChangeOp, Role,
} from './enums.js';

type Described<E extends Record<string, string>> = { [K in keyof E]: string };

/** Registers an enum with a description for itself and for each of its values. */
export function registerDescribedEnum<E extends Record<string, string>>(e: E, name: string, description: string, values: Described<E>) {
  registerEnumType(e, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(values).map(([k, d]) => [k, { description: d }])) as never,
  });
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerDescribedEnum(SortDirection, 'SortDirection', 'The direction of an ordering.', {
  ASC: 'Ascending: A to Z, earliest first, smallest first.',
  DESC: 'Descending: Z to A, latest first, largest first.',
});

registerDescribedEnum(ActorKind, 'ActorKind', 'What kind of actor this is.', {
  STATE: 'A sovereign state (its capital is an alias: "Tehran" for Iran).',
  GOVERNMENT_BODY: 'A government or one of its bodies.',
  MILITARY: 'Armed forces.',
  PERSON: 'A named individual, usually an official.',
  ORGANIZATION: 'A non-state organization.',
  GROUP_OF_PEOPLE: 'An unorganized group of people, such as protesters.',
  UNNAMED_SOURCE: 'People the source quotes without naming them ("officials speaking on condition of anonymity").',
  COLLECTIVE: 'A loose collective such as "the international community".',
});

registerDescribedEnum(EventKind, 'EventKind', 'What kind of event this is.', {
  NEGOTIATION: 'Negotiations or talks between parties.',
  MEETING: 'A meeting of named people.',
  ARMED_CONFLICT: 'Armed conflict or war.',
  MILITARY_PREPARATION: 'Preparation or mobilization of armed forces.',
  MILITARY_OPERATION: 'A military operation.',
  THREAT: 'A threat issued by one actor against another.',
  PROTEST: 'Protests or demonstrations.',
  CRACKDOWN: 'Repression of protest by authorities.',
  POLICY: 'A policy pursued over time.',
  SANCTIONS: 'The imposition or lifting of sanctions.',
  ADDRESS: 'A speech or public address.',
  COMMUNICATION: 'A communication between parties (messages, contacts).',
  OTHER: 'Anything else.',
});

registerDescribedEnum(EventStatus, 'EventStatus', 'Whether an event happened, is happening, or is only considered or threatened.', {
  OCCURRED: 'It happened.',
  ONGOING: 'It is happening at the time of the source.',
  PLANNED: 'It is planned or being prepared.',
  UNDER_CONSIDERATION: 'It is being considered or weighed, not decided.',
  THREATENED: 'It is only threatened.',
  ALLEGED: 'It is reported or claimed, and disputed or unconfirmed.',
});

registerDescribedEnum(ParticipantRole, 'ParticipantRole', 'The part an actor plays in an event.', {
  INITIATOR: 'Started or carried out the event.',
  TARGET: 'The event was aimed at it.',
  PARTICIPANT: 'Took part.',
  HOST: 'Hosted the event.',
  MEDIATOR: 'Mediated between other participants.',
  SUBJECT: 'The event is about it.',
});

registerDescribedEnum(StatementKind, 'StatementKind', 'What kind of speech act a statement is.', {
  CLAIM: 'An assertion of fact.',
  DENIAL: 'A denial of a claim or report.',
  THREAT: 'A threat of action against a target.',
  WARNING: 'A warning to a target.',
  DEMAND: 'A demand made of a target.',
  POSITION: 'A statement of position on an issue.',
  CAUTION: 'A caution about consequences.',
  REPORT: 'A report of events (by the media or unnamed officials).',
  ADDRESS: 'A public address.',
  ANALYSIS: "The source's own analysis or assessment.",
});

registerDescribedEnum(AttributionKind, 'AttributionKind', 'How the source attributes a statement.', {
  NAMED: 'To a named actor.',
  ANONYMOUS_OFFICIALS: 'To officials speaking on condition of anonymity.',
  UNATTRIBUTED_REPORTS: 'To unattributed reports ("reports suggest", "described by some").',
  SOURCE_ANALYSIS: "It is the source's own analysis.",
});

registerDescribedEnum(Stance, 'Stance', 'Where an actor stands on an issue.', {
  DEMANDS: 'Demands it.',
  SUPPORTS: 'Supports it.',
  OPEN_TO: 'Is open to it or willing to discuss it.',
  CONDITIONAL: 'Accepts it only in exchange for something: `Position.conditions` names what is asked in return.',
  OPPOSES: 'Opposes it.',
  REJECTS: 'Rejects it outright.',
  UNSPECIFIED: 'Holds a position on it, but the source does not say what the position is ("has consistently maintained its position"). Never conflicts and never counts as agreement.',
});

registerDescribedEnum(Certainty, 'Certainty', 'How sure the holder of a view is of a fact (FactBank’s factuality values). Ordered CERTAIN > PROBABLE > POSSIBLE > UNDERSPECIFIED.', {
  CERTAIN: 'Stated as fact ("has demanded", "met with a crackdown").',
  PROBABLE: 'Stated as likely ("is likely to", "suggests", "reports suggest").',
  POSSIBLE: 'Stated as possible ("could", "potential", "may").',
  UNDERSPECIFIED: 'The holder does not commit either way (an event one party claims and another denies, the source taking no side).',
});

registerDescribedEnum(Polarity, 'Polarity', 'Whether the fact is asserted to hold, asserted not to hold, or neither.', {
  POSITIVE: 'It holds ("has threatened").',
  NEGATIVE: 'It does not hold ("has not transmitted any messages", "has denied").',
  UNDERSPECIFIED: 'The holder does not say whether it holds.',
});

registerDescribedEnum(Firmness, 'Firmness', 'How firmly a position is held, as far as the source tells.', {
  RED_LINE: 'A red line: not negotiable.',
  FIRM: 'Firmly and consistently held.',
  FLEXIBLE: 'Open to compromise.',
  UNKNOWN: 'The source does not say.',
});

registerDescribedEnum(DatePrecision, 'DatePrecision', 'How much of a date the source gives.', {
  DAY: 'Year, month and day are known.',
  MONTH: 'Year and month are known.',
  YEAR: 'Only the year is known.',
  UNKNOWN: 'The source gives no date; nothing is filled in.',
});

registerDescribedEnum(ActorRelationKind, 'ActorRelationKind', 'How two actors relate, read from the side of the actor holding the relation.', {
  SUPPORTS: 'This actor supports the other.',
  SUPPORTED_BY: 'This actor is supported by the other.',
  OPPOSES: 'This actor opposes the other.',
  OPPOSED_BY: 'This actor is opposed by the other.',
  THREATENS: 'This actor threatens the other.',
  THREATENED_BY: 'This actor is threatened by the other.',
  PRESSURES: 'This actor puts pressure on the other.',
  PRESSURED_BY: 'This actor is under pressure from the other.',
});

registerDescribedEnum(EventRelationKind, 'EventRelationKind', 'How two events relate, read from the side of the event holding the relation.', {
  BEFORE: 'This event happened before the other.',
  AFTER: 'This event happened after the other.',
  FOLLOWS: 'This event follows on from the other.',
  FOLLOWED_BY: 'The other event follows on from this one.',
  CAUSES: 'This event causes the other.',
  CAUSED_BY: 'This event is caused by the other.',
  PART_OF: 'This event is part of the other.',
  HAS_PART: 'The other event is part of this one.',
  CONTEXT_OF: 'This event is the backdrop of the other.',
  HAS_CONTEXT: 'The other event is the backdrop of this one.',
  SAME_AS: 'The two may be one and the same event, told twice (symmetric; the relation’s certainty says how sure).',
});

registerDescribedEnum(StatementRelationKind, 'StatementRelationKind', 'How two statements relate, read from the side of the statement holding the relation.', {
  DENIES: 'This statement denies the other.',
  DENIED_BY: 'This statement is denied by the other.',
  RESPONDS_TO: 'This statement responds to the other.',
  RESPONDED_BY: 'The other statement responds to this one.',
  SUPPORTS: 'This statement supports the other.',
  SUPPORTED_BY: 'This statement is supported by the other.',
  CONTRADICTS: 'The two statements contradict each other.',
});

registerDescribedEnum(Role, 'Role', 'What an API key may do; each role includes the ones before it.', {
  READER: 'Read (needed only where reads are closed with READS=key).',
  EDITOR: 'Add and change facts, add sources and evidence.',
  ADMIN: 'Delete, remove relations, restore; manage keys from the command line.',
});

registerDescribedEnum(ChangeOp, 'ChangeOp', 'What a change did to a node.', {
  CREATE: 'Created it.',
  UPDATE: 'Changed it (its fields, evidence or parts).',
  DELETE: 'Deleted it; `asOf` an earlier revision still reads it.',
  RESTORE: 'Brought it back as it was at an earlier revision.',
});
