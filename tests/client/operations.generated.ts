/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What kind of actor this is. */
export type ActorKind =
  /** A loose collective such as "the international community". */
  | 'COLLECTIVE'
  /** A government or one of its bodies. */
  | 'GOVERNMENT_BODY'
  /** An unorganized group of people, such as protesters. */
  | 'GROUP_OF_PEOPLE'
  /** Armed forces. */
  | 'MILITARY'
  /** A non-state organization. */
  | 'ORGANIZATION'
  /** A named individual, usually an official. */
  | 'PERSON'
  /** A sovereign state (its capital is an alias: "Tehran" for Iran). */
  | 'STATE'
  /** People the source quotes without naming them ("officials speaking on condition of anonymity"). */
  | 'UNNAMED_SOURCE';

/** How two actors relate, read from the side of the actor holding the relation. */
export type ActorRelationKind =
  /** This actor is opposed by the other. */
  | 'OPPOSED_BY'
  /** This actor opposes the other. */
  | 'OPPOSES'
  /** This actor is under pressure from the other. */
  | 'PRESSURED_BY'
  /** This actor puts pressure on the other. */
  | 'PRESSURES'
  /** This actor is supported by the other. */
  | 'SUPPORTED_BY'
  /** This actor supports the other. */
  | 'SUPPORTS'
  /** This actor is threatened by the other. */
  | 'THREATENED_BY'
  /** This actor threatens the other. */
  | 'THREATENS';

/** How the source attributes a statement. */
export type AttributionKind =
  /** To officials speaking on condition of anonymity. */
  | 'ANONYMOUS_OFFICIALS'
  /** To a named actor. */
  | 'NAMED'
  /** It is the source's own analysis. */
  | 'SOURCE_ANALYSIS'
  /** To unattributed reports ("reports suggest", "described by some"). */
  | 'UNATTRIBUTED_REPORTS';

/** Why an issue blocks agreement. */
export type BlockingRule =
  /** The source says in so many words that the issue stands between the parties ("a sticking point", "an obstacle"). */
  | 'EXPLICIT_OBSTACLE'
  /** Two parties hold incompatible positions: one demands or supports what another rejects or opposes. */
  | 'INCOMPATIBLE_POSITIONS'
  /** One party makes the issue a precondition, and another accepts it only on conditions (CONDITIONAL) or opposes or rejects it. */
  | 'UNMET_PRECONDITION';

/** How sure the holder of a view is of a fact (FactBank’s factuality values). Ordered CERTAIN > PROBABLE > POSSIBLE > UNDERSPECIFIED. */
export type Certainty =
  /** Stated as fact ("has demanded", "met with a crackdown"). */
  | 'CERTAIN'
  /** Stated as possible ("could", "potential", "may"). */
  | 'POSSIBLE'
  /** Stated as likely ("is likely to", "suggests", "reports suggest"). */
  | 'PROBABLE'
  /** The holder does not commit either way (an event one party claims and another denies, the source taking no side). */
  | 'UNDERSPECIFIED';

/** Why two statements are in conflict. */
export type ContradictionBasis =
  /** One statement denies the other (a stored DENIES relation). */
  | 'DENIAL'
  /** Different parties state, as fact, positions on one issue that conflict. */
  | 'OPPOSITE_POSITIONS'
  /** The source relates the two as contradicting each other (a stored CONTRADICTS relation). */
  | 'STATED_CONTRADICTION';

/** How much of a date the source gives. */
export type DatePrecision =
  /** Year, month and day are known. */
  | 'DAY'
  /** Year and month are known. */
  | 'MONTH'
  /** The source gives no date; nothing is filled in. */
  | 'UNKNOWN'
  /** Only the year is known. */
  | 'YEAR';

/** How two events relate, read from the side of the event holding the relation. */
export type EventRelationKind =
  /** This event happened after the other. */
  | 'AFTER'
  /** This event happened before the other. */
  | 'BEFORE'
  /** This event is caused by the other. */
  | 'CAUSED_BY'
  /** This event causes the other. */
  | 'CAUSES'
  /** This event is the backdrop of the other. */
  | 'CONTEXT_OF'
  /** The other event follows on from this one. */
  | 'FOLLOWED_BY'
  /** This event follows on from the other. */
  | 'FOLLOWS'
  /** The other event is the backdrop of this one. */
  | 'HAS_CONTEXT'
  /** The other event is part of this one. */
  | 'HAS_PART'
  /** This event is part of the other. */
  | 'PART_OF'
  /** The two may be one and the same event, told twice (symmetric; the relation’s certainty says how sure). */
  | 'SAME_AS';

/** Whether an event happened, is happening, or is only considered or threatened. */
export type EventStatus =
  /** It is reported or claimed, and disputed or unconfirmed. */
  | 'ALLEGED'
  /** It happened. */
  | 'OCCURRED'
  /** It is happening at the time of the source. */
  | 'ONGOING'
  /** It is planned or being prepared. */
  | 'PLANNED'
  /** It is only threatened. */
  | 'THREATENED'
  /** It is being considered or weighed, not decided. */
  | 'UNDER_CONSIDERATION';

/** How firmly a position is held, as far as the source tells. */
export type Firmness =
  /** Firmly and consistently held. */
  | 'FIRM'
  /** Open to compromise. */
  | 'FLEXIBLE'
  /** A red line: not negotiable. */
  | 'RED_LINE'
  /** The source does not say. */
  | 'UNKNOWN';

/** The part an actor plays in an event. */
export type ParticipantRole =
  /** Hosted the event. */
  | 'HOST'
  /** Started or carried out the event. */
  | 'INITIATOR'
  /** Mediated between other participants. */
  | 'MEDIATOR'
  /** Took part. */
  | 'PARTICIPANT'
  /** The event is about it. */
  | 'SUBJECT'
  /** The event was aimed at it. */
  | 'TARGET';

/** Whether the fact is asserted to hold, asserted not to hold, or neither. */
export type Polarity =
  /** It does not hold ("has not transmitted any messages", "has denied"). */
  | 'NEGATIVE'
  /** It holds ("has threatened"). */
  | 'POSITIVE'
  /** The holder does not say whether it holds. */
  | 'UNDERSPECIFIED';

/** Where an actor stands on an issue. */
export type Stance =
  /** Accepts it only in exchange for something: `Position.conditions` names what is asked in return. */
  | 'CONDITIONAL'
  /** Demands it. */
  | 'DEMANDS'
  /** Is open to it or willing to discuss it. */
  | 'OPEN_TO'
  /** Opposes it. */
  | 'OPPOSES'
  /** Rejects it outright. */
  | 'REJECTS'
  /** Supports it. */
  | 'SUPPORTS'
  /** Holds a position on it, but the source does not say what the position is ("has consistently maintained its position"). Never conflicts and never counts as agreement. */
  | 'UNSPECIFIED';

/** What kind of speech act a statement is. */
export type StatementKind =
  /** A public address. */
  | 'ADDRESS'
  /** The source's own analysis or assessment. */
  | 'ANALYSIS'
  /** A caution about consequences. */
  | 'CAUTION'
  /** An assertion of fact. */
  | 'CLAIM'
  /** A demand made of a target. */
  | 'DEMAND'
  /** A denial of a claim or report. */
  | 'DENIAL'
  /** A statement of position on an issue. */
  | 'POSITION'
  /** A report of events (by the media or unnamed officials). */
  | 'REPORT'
  /** A threat of action against a target. */
  | 'THREAT'
  /** A warning to a target. */
  | 'WARNING';

/** How two statements relate, read from the side of the statement holding the relation. */
export type StatementRelationKind =
  /** The two statements contradict each other. */
  | 'CONTRADICTS'
  /** This statement is denied by the other. */
  | 'DENIED_BY'
  /** This statement denies the other. */
  | 'DENIES'
  /** The other statement responds to this one. */
  | 'RESPONDED_BY'
  /** This statement responds to the other. */
  | 'RESPONDS_TO'
  /** This statement is supported by the other. */
  | 'SUPPORTED_BY'
  /** This statement supports the other. */
  | 'SUPPORTS';

export type ActorProfileQueryVariables = Exact<{
  id: string;
}>;


export type ActorProfileQuery = { actor: { id: string, name: string, kind: ActorKind, aliases: Array<string>, countryCode: string | null, cameoCode: string | null, description: string, members: Array<{ role: string | null, actor: { name: string } }>, relations: Array<{ kind: ActorRelationKind, actor: { name: string }, evidence: Array<{ exact: string }> }>, positions: Array<{ stance: Stance, firmness: Firmness, isPrecondition: boolean, issue: { name: string } }>, statements: { totalCount: number, edges: Array<{ node: { kind: StatementKind, summary: string } }> }, events: { totalCount: number, edges: Array<{ node: { title: string, status: EventStatus } }> }, evidence: Array<{ exact: string, start: number, end: number }> } };

export type AnonymousSourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type AnonymousSourcesQuery = { statements: { totalCount: number, edges: Array<{ node: { id: string, kind: StatementKind, summary: string, attribution: { kind: AttributionKind, detail: string | null }, speaker: { name: string } | null, evidence: Array<{ exact: string }> } }> } };

export type BlockingIssuesQueryVariables = Exact<{
  parties?: Array<string> | string | null | undefined;
  minCertainty?: Certainty | null | undefined;
}>;


export type BlockingIssuesQuery = { blockingIssues: Array<{ rule: BlockingRule, rules: Array<BlockingRule>, severity: number, certainty: Certainty, reasons: Array<string>, issue: { id: string, name: string }, positions: Array<{ id: string, stance: Stance, isPrecondition: boolean, conditions: Array<{ name: string }>, actor: { name: string }, factuality: { certainty: Certainty, holder: { name: string } | null, cues: Array<{ exact: string }> } }>, evidence: Array<{ exact: string, start: number, end: number }> }> };

export type CommonGroundQueryVariables = Exact<{
  parties?: Array<string> | string | null | undefined;
}>;


export type CommonGroundQuery = { commonGround: Array<{ complete: boolean, certainty: Certainty, issue: { id: string, name: string }, silentParties: Array<{ name: string }>, positions: Array<{ stance: Stance, summary: string, actor: { name: string, affiliations: Array<{ role: string | null, organization: { name: string } }> }, evidence: Array<{ exact: string }> }> }> };

export type NotYetDoneQueryVariables = Exact<{ [key: string]: never; }>;


export type NotYetDoneQuery = { events: { totalCount: number, edges: Array<{ node: { title: string, status: EventStatus, durationDays: number | null, durationNote: string | null, statements: Array<{ kind: StatementKind, summary: string }> } }> } };

export type ContradictionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ContradictionsQuery = { contradictions: Array<{ basis: ContradictionBasis, reason: string, certainty: Certainty, first: { id: string, kind: StatementKind, summary: string, speaker: { name: string } | null, factuality: { polarity: Polarity, cues: Array<{ exact: string }> }, relations: Array<{ kind: StatementRelationKind, statement: { id: string, summary: string, speaker: { name: string } | null } }>, evidence: Array<{ exact: string }> }, second: { id: string, kind: StatementKind, summary: string, speaker: { name: string } | null, attribution: { kind: AttributionKind, detail: string | null }, factuality: { certainty: Certainty, holder: { name: string } | null, cues: Array<{ exact: string }> }, evidence: Array<{ exact: string }> } }> };

export type ProvenanceQueryVariables = Exact<{
  id: string;
}>;


export type ProvenanceQuery = { node:
    | { id: string }
    | { title: string, summary: string, durationDays: number | null, id: string, start: { precision: DatePrecision, iso: string | null, note: string | null }, participants: Array<{ role: ParticipantRole, actor: { name: string } }>, relations: Array<{ kind: EventRelationKind, note: string | null, event: { title: string }, evidence: Array<{ exact: string }> }>, evidence: Array<{ exact: string, start: number, end: number, prefix: string, suffix: string, source: { title: string } }> }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type SearchMissileQueryVariables = Exact<{
  query: string;
}>;


export type SearchMissileQuery = { search: Array<{ score: number, field: string, snippet: string, node:
      | { __typename: 'Actor', id: string }
      | { __typename: 'Event', id: string }
      | { __typename: 'Issue', name: string, id: string }
      | { __typename: 'Place', id: string }
      | { __typename: 'Position', summary: string, id: string }
      | { __typename: 'Source', id: string }
      | { __typename: 'Statement', summary: string, id: string }
     }> };

export type CountsQueryVariables = Exact<{ [key: string]: never; }>;


export type CountsQuery = { byKind: Array<{ key: string | null, label: string, count: number }>, byAttribution: Array<{ key: string | null, label: string, count: number }>, byIssue: Array<{ key: string | null, label: string, count: number }>, eventsByStatus: Array<{ key: string | null, label: string, count: number }> };

export type StatementsAboutSanctionsQueryVariables = Exact<{
  issue: string;
}>;


export type StatementsAboutSanctionsQuery = { statementCounts: Array<{ key: string | null, label: string, count: number }>, statements: { totalCount: number, edges: Array<{ node: { id: string, kind: StatementKind, summary: string, speaker: { name: string } | null, attribution: { kind: AttributionKind, detail: string | null }, evidence: Array<{ exact: string }> } }> } };

export type TimelineQueryVariables = Exact<{ [key: string]: never; }>;


export type TimelineQuery = { timeline: Array<{ position: number, dated: boolean, basis: string, event: { id: string, title: string, status: EventStatus, start: { precision: DatePrecision, iso: string | null, note: string | null }, factuality: { certainty: Certainty, holder: { name: string } | null, cues: Array<{ exact: string }> } } }> };

export type WhoThreatenedWhomQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoThreatenedWhomQuery = { statements: { edges: Array<{ node: { id: string, kind: StatementKind, summary: string, speaker: { name: string } | null, target: { name: string } | null, evidence: Array<{ exact: string }> } }> }, events: { edges: Array<{ node: { id: string, title: string, status: EventStatus, participants: Array<{ role: ParticipantRole, actor: { name: string } }> } }> } };


export const ActorProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActorProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"cameoCode"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"relations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"positions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stance"}},{"kind":"Field","name":{"kind":"Name","value":"firmness"}},{"kind":"Field","name":{"kind":"Name","value":"isPrecondition"}},{"kind":"Field","name":{"kind":"Name","value":"issue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<ActorProfileQuery, ActorProfileQueryVariables>;
export const AnonymousSourcesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnonymousSources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"attributionKinds"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ANONYMOUS_OFFICIALS"},{"kind":"EnumValue","value":"UNATTRIBUTED_REPORTS"}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"attribution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AnonymousSourcesQuery, AnonymousSourcesQueryVariables>;
export const BlockingIssuesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BlockingIssues"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parties"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minCertainty"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Certainty"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockingIssues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parties"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parties"}}},{"kind":"Argument","name":{"kind":"Name","value":"minCertainty"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minCertainty"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"rules"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"certainty"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"positions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stance"}},{"kind":"Field","name":{"kind":"Name","value":"isPrecondition"}},{"kind":"Field","name":{"kind":"Name","value":"conditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"factuality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certainty"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}}]}}]} as unknown as DocumentNode<BlockingIssuesQuery, BlockingIssuesQueryVariables>;
export const CommonGroundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommonGround"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parties"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commonGround"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parties"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parties"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeSilent"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"certainty"}},{"kind":"Field","name":{"kind":"Name","value":"silentParties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"positions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stance"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"affiliations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommonGroundQuery, CommonGroundQueryVariables>;
export const NotYetDoneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotYetDone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"UNDER_CONSIDERATION"},{"kind":"EnumValue","value":"PLANNED"},{"kind":"EnumValue","value":"THREATENED"},{"kind":"EnumValue","value":"ALLEGED"}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"MENTION"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"durationDays"}},{"kind":"Field","name":{"kind":"Name","value":"durationNote"}},{"kind":"Field","name":{"kind":"Name","value":"statements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotYetDoneQuery, NotYetDoneQueryVariables>;
export const ContradictionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Contradictions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contradictions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"certainty"}},{"kind":"Field","name":{"kind":"Name","value":"first"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"factuality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"polarity"}},{"kind":"Field","name":{"kind":"Name","value":"cues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"relations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"statement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"second"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attribution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"factuality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certainty"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContradictionsQuery, ContradictionsQueryVariables>;
export const ProvenanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Provenance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"durationDays"}},{"kind":"Field","name":{"kind":"Name","value":"start"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"relations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"suffix"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProvenanceQuery, ProvenanceQueryVariables>;
export const SearchMissileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchMissile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"snippet"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Issue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Statement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchMissileQuery, SearchMissileQueryVariables>;
export const CountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"byKind"},"name":{"kind":"Name","value":"statementCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"EnumValue","value":"KIND"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byAttribution"},"name":{"kind":"Name","value":"statementCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"EnumValue","value":"ATTRIBUTION"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byIssue"},"name":{"kind":"Name","value":"statementCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"EnumValue","value":"ISSUE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"eventsByStatus"},"name":{"kind":"Name","value":"eventCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"EnumValue","value":"STATUS"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<CountsQuery, CountsQueryVariables>;
export const StatementsAboutSanctionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StatementsAboutSanctions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"issue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statementCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"EnumValue","value":"SPEAKER"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"issue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"issue"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"statements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"issue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"issue"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attribution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StatementsAboutSanctionsQuery, StatementsAboutSanctionsQueryVariables>;
export const TimelineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"dated"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"start"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"factuality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certainty"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TimelineQuery, TimelineQueryVariables>;
export const WhoThreatenedWhomDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoThreatenedWhom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kinds"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"THREAT"},{"kind":"EnumValue","value":"WARNING"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"THREATENED"},{"kind":"EnumValue","value":"UNDER_CONSIDERATION"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WhoThreatenedWhomQuery, WhoThreatenedWhomQueryVariables>;