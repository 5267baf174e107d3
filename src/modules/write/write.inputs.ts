/**
 * The inputs of the mutations. Create inputs use the type's own field names, references as
 * ids, an optional `id` (a slug of the name when absent) and `evidence`; update inputs take
 * `id`, `expectedVersion` and only the fields to change. Every input may carry an edit
 * summary (`summary`, or `editSummary` where the type has a `summary` of its own: events,
 * statements, positions) and an `idempotencyKey`. Bounds are checked by write.validation.ts.
 * An update cannot clear an optional field: an absent or null value leaves it unchanged.
 */
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  ActorKind, AttributionKind, Certainty, DatePrecision, EventKind, EventStatus, Firmness, ParticipantRole, Polarity, Stance, StatementKind,
} from '../../shared/enums.js';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';

const ID_FIELD = 'The new node’s id (`<type>:<lower-case-slug>`); by default a slug of its name or title.';
const EXPECTED = 'The version you read; a stale one is refused with VERSION_CONFLICT naming the current version.';
const IDEMPOTENCY = 'Any string you choose: repeating the call with the same key and input returns the first result and writes nothing more.';

/** What every write input may carry: an edit summary and an idempotency key (fields the inputs inherit; the base type itself is never reachable, so never in the schema). */
@InputType('EditBase')
abstract class Edit {
  @Field(() => String, { nullable: true, description: 'The edit summary.' })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY })
  idempotencyKey?: string | null;
}

/** The same for types with a `summary` of their own (events, statements, positions): the edit summary is `editSummary`. */
@InputType('EditOwnSummaryBase')
abstract class EditOwnSummary {
  @Field(() => String, { nullable: true, description: 'The edit summary.' })
  editSummary?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY })
  idempotencyKey?: string | null;
}

@InputType('EvidenceInput', {
  description:
    'A quote of a source, located by the server in code points. When the quote occurs more than once, `start`/`end` or `prefix`/`suffix` pick the occurrence; a quote that is absent or still ambiguous is refused, never fuzzy-matched. Text is NFC-normalised first.',
})
export class EvidenceInput {
  @Field(() => ID, { description: 'The source quoted.' })
  source!: string;

  @Field(() => String, { description: 'The exact words.' })
  exact!: string;

  @Field(() => String, { nullable: true, description: 'Words just before the quote, to pick an occurrence.' })
  prefix?: string | null;

  @Field(() => String, { nullable: true, description: 'Words just after the quote, to pick an occurrence.' })
  suffix?: string | null;

  @Field(() => Int, { nullable: true, description: 'Code-point offset where the quote starts, to pick an occurrence.' })
  start?: number | null;

  @Field(() => Int, { nullable: true, description: 'Code-point offset just past the quote, to pick an occurrence.' })
  end?: number | null;
}

@InputType('PartialDateInput', { description: 'A date only as precise as the source gives it.' })
export class PartialDateInput {
  @Field(() => DatePrecision, { description: 'How much of the date the source gives; UNKNOWN takes no year, month or day.' })
  precision!: DatePrecision;

  @Field(() => Int, { nullable: true, description: 'The year (required from YEAR precision).' })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'The month, 1-12 (required from MONTH precision).' })
  month?: number | null;

  @Field(() => Int, { nullable: true, description: 'The day of the month (required at DAY precision).' })
  day?: number | null;

  @Field(() => String, { nullable: true, description: 'What the source says about the date.' })
  note?: string | null;
}

@InputType('FactualityInput', { description: 'How sure the source is of the fact, in whose view, and the words that say so.' })
export class FactualityInput {
  @Field(() => Certainty, { defaultValue: Certainty.CERTAIN, description: 'How sure; a PROBABLE or POSSIBLE value must cite its cue.' })
  certainty!: Certainty;

  @Field(() => Polarity, { defaultValue: Polarity.POSITIVE, description: 'Whether it holds; NEGATIVE must cite its cue.' })
  polarity!: Polarity;

  @Field(() => ID, { nullable: true, description: 'Whose view it is (an actor); null for the source’s own voice.' })
  holder?: string | null;

  @Field(() => [EvidenceInput], { defaultValue: [], description: 'The words that set it ("is likely to", "could", "has denied").' })
  cues!: EvidenceInput[];
}

@InputType('AffiliationInput', { description: 'An organization an actor belongs to or speaks for.' })
export class AffiliationInput {
  @Field(() => ID, { description: 'The organization (an actor id).' })
  organization!: string;

  @Field(() => String, { nullable: true, description: 'The role the source names, e.g. "Foreign Minister".' })
  role?: string | null;

  @Field(() => [EvidenceInput], { description: 'Where the source says so.' })
  evidence!: EvidenceInput[];
}

@InputType('ParticipantInput', { description: 'An actor taking part in an event.' })
export class ParticipantInput {
  @Field(() => ID, { description: 'The actor.' })
  actor!: string;

  @Field(() => ParticipantRole, { description: 'Its part.' })
  role!: ParticipantRole;
}

@InputType('AttributionInput', { description: 'How the source attributes a statement.' })
export class AttributionInput {
  @Field(() => AttributionKind, { description: 'Named, anonymous officials, unattributed reports, or the source’s own analysis.' })
  kind!: AttributionKind;

  @Field(() => String, { nullable: true, description: 'The source’s words for it.' })
  detail?: string | null;
}

@InputType('AddSourceInput', { description: 'A new source text. It is stored NFC-normalised with its SHA-256; the same text twice is refused.' })
export class AddSourceInput extends Edit {
  @Field(() => ID, { nullable: true, description: ID_FIELD })
  id?: string | null;

  @Field(() => String, { description: 'The title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Where it was published (http or https).' })
  url?: string | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it was published, as far as known (default UNKNOWN).' })
  publishedOn?: PartialDateInput | null;

  @Field(() => String, { description: 'The full text, up to 1 MB of UTF-8. Never edited afterwards.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'The outlet that published it (a wire service, a paper), up to 200 characters.' })
  publisher?: string | null;

  @Field(() => ID, { nullable: true, description: 'The source whose story this one reprints (a syndicated copy): it must exist; a reprint never counts as an independent source.' })
  reprintOf?: string | null;
}

@InputType('CreateActorInput', { description: 'A new actor.' })
export class CreateActorInput extends Edit {
  @Field(() => ID, { nullable: true, description: ID_FIELD })
  id?: string | null;

  @Field(() => String, { description: 'The name.' })
  name!: string;

  @Field(() => ActorKind, { description: 'What kind of actor.' })
  kind!: ActorKind;

  @Field(() => [String], { defaultValue: [], description: 'Other names the source uses.' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 country code.' })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'CAMEO actor code.' })
  cameoCode?: string | null;

  @Field(() => String, { description: 'Who the actor is, as the source tells.' })
  description!: string;

  @Field(() => [AffiliationInput], { defaultValue: [], description: 'Organizations it belongs to or speaks for.' })
  affiliations!: AffiliationInput[];

  @Field(() => [EvidenceInput], { description: 'Where the source names it (at least one quote).' })
  evidence!: EvidenceInput[];
}

@InputType('UpdateActorInput', { description: 'Changes to an actor: only the fields given change.' })
export class UpdateActorInput extends Edit {
  @Field(() => ID, { description: 'The actor.' })
  id!: string;

  @Field(() => Int, { description: EXPECTED })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'The name.' })
  name?: string | null;

  @Field(() => ActorKind, { nullable: true, description: 'What kind of actor.' })
  kind?: ActorKind | null;

  @Field(() => [String], { nullable: true, description: 'Other names (replaces the list).' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 country code.' })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'CAMEO actor code.' })
  cameoCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Who the actor is.' })
  description?: string | null;

  @Field(() => [AffiliationInput], { nullable: true, description: 'Organizations (replaces the list).' })
  affiliations?: AffiliationInput[] | null;
}

@InputType('CreateEventInput', { description: 'A new event.' })
export class CreateEventInput extends EditOwnSummary {
  @Field(() => ID, { nullable: true, description: ID_FIELD })
  id?: string | null;

  @Field(() => String, { description: 'A short title.' })
  title!: string;

  @Field(() => String, { description: 'What the source says happened.' })
  summary!: string;

  @Field(() => EventKind, { description: 'What kind of event.' })
  kind!: EventKind;

  @Field(() => EventStatus, { description: 'Whether it happened, is ongoing, planned, considered, threatened or alleged.' })
  status!: EventStatus;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it started (default UNKNOWN).' })
  start?: PartialDateInput | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it ended (default UNKNOWN).' })
  end?: PartialDateInput | null;

  @Field(() => Int, { nullable: true, description: 'Duration in days, when the source gives one.' })
  durationDays?: number | null;

  @Field(() => String, { nullable: true, description: 'What the source says of the duration otherwise.' })
  durationNote?: string | null;

  @Field(() => ID, { nullable: true, description: 'The place (a place id).' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'CAMEO event code.' })
  cameoCode?: string | null;

  @Field(() => [ParticipantInput], { defaultValue: [], description: 'Who took part, and how.' })
  participants!: ParticipantInput[];

  @Field(() => [ID], { defaultValue: [], description: 'The issues it concerns.' })
  issues!: string[];

  @Field(() => FactualityInput, { nullable: true, description: 'How sure the source is of it (default: certain, in its own voice).' })
  factuality?: FactualityInput | null;

  @Field(() => [EvidenceInput], { description: 'Where the source tells it (at least one quote).' })
  evidence!: EvidenceInput[];
}

@InputType('UpdateEventInput', { description: 'Changes to an event: only the fields given change.' })
export class UpdateEventInput extends EditOwnSummary {
  @Field(() => ID, { description: 'The event.' })
  id!: string;

  @Field(() => Int, { description: EXPECTED })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A short title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What the source says happened.' })
  summary?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'What kind of event.' })
  kind?: EventKind | null;

  @Field(() => EventStatus, { nullable: true, description: 'Its status.' })
  status?: EventStatus | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it started.' })
  start?: PartialDateInput | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it ended.' })
  end?: PartialDateInput | null;

  @Field(() => Int, { nullable: true, description: 'Duration in days.' })
  durationDays?: number | null;

  @Field(() => String, { nullable: true, description: 'What the source says of the duration otherwise.' })
  durationNote?: string | null;

  @Field(() => ID, { nullable: true, description: 'The place (a place id).' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'CAMEO event code.' })
  cameoCode?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: 'Who took part (replaces the list).' })
  participants?: ParticipantInput[] | null;

  @Field(() => [ID], { nullable: true, description: 'The issues it concerns (replaces the list).' })
  issues?: string[] | null;

  @Field(() => FactualityInput, { nullable: true, description: 'How sure the source is of it (replaces it).' })
  factuality?: FactualityInput | null;
}

@InputType('CreateStatementInput', { description: 'A new statement.' })
export class CreateStatementInput extends EditOwnSummary {
  @Field(() => ID, { nullable: true, description: ID_FIELD })
  id?: string | null;

  @Field(() => StatementKind, { description: 'What kind of speech act.' })
  kind!: StatementKind;

  @Field(() => String, { description: 'What was said, in brief.' })
  summary!: string;

  @Field(() => ID, { nullable: true, description: 'Who said it (an actor); null when unnamed.' })
  speaker?: string | null;

  @Field(() => AttributionInput, { description: 'How the source attributes it.' })
  attribution!: AttributionInput;

  @Field(() => ID, { nullable: true, description: 'Whom a threat, demand or warning is aimed at.' })
  target?: string | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it was said (default UNKNOWN).' })
  date?: PartialDateInput | null;

  @Field(() => ID, { nullable: true, description: 'The event it was made in or about.' })
  event?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'The issues it is about.' })
  issues!: string[];

  @Field(() => FactualityInput, { nullable: true, description: 'How sure its holder is of what it says (default: certain, held by the speaker).' })
  factuality?: FactualityInput | null;

  @Field(() => [EvidenceInput], { description: 'Where the source reports it (at least one quote).' })
  evidence!: EvidenceInput[];
}

@InputType('UpdateStatementInput', { description: 'Changes to a statement: only the fields given change.' })
export class UpdateStatementInput extends EditOwnSummary {
  @Field(() => ID, { description: 'The statement.' })
  id!: string;

  @Field(() => Int, { description: EXPECTED })
  expectedVersion!: number;

  @Field(() => StatementKind, { nullable: true, description: 'What kind of speech act.' })
  kind?: StatementKind | null;

  @Field(() => String, { nullable: true, description: 'What was said, in brief.' })
  summary?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who said it.' })
  speaker?: string | null;

  @Field(() => AttributionInput, { nullable: true, description: 'How the source attributes it.' })
  attribution?: AttributionInput | null;

  @Field(() => ID, { nullable: true, description: 'Whom it is aimed at.' })
  target?: string | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it was said.' })
  date?: PartialDateInput | null;

  @Field(() => ID, { nullable: true, description: 'The event it was made in or about.' })
  event?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The issues it is about (replaces the list).' })
  issues?: string[] | null;

  @Field(() => FactualityInput, { nullable: true, description: 'How sure its holder is (replaces it).' })
  factuality?: FactualityInput | null;
}

@InputType('CreateIssueInput', { description: 'A new negotiation issue.' })
export class CreateIssueInput extends Edit {
  @Field(() => ID, { nullable: true, description: ID_FIELD })
  id?: string | null;

  @Field(() => String, { description: 'The matter negotiated.' })
  name!: string;

  @Field(() => String, { description: 'What it is about, as the source tells.' })
  description!: string;

  @Field(() => [EvidenceInput], { description: 'Where the source raises it (at least one quote).' })
  evidence!: EvidenceInput[];
}

@InputType('UpdateIssueInput', { description: 'Changes to an issue: only the fields given change.' })
export class UpdateIssueInput extends Edit {
  @Field(() => ID, { description: 'The issue.' })
  id!: string;

  @Field(() => Int, { description: EXPECTED })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'The matter negotiated.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What it is about.' })
  description?: string | null;
}

/** The input of `delete<Name>`: the node and the version read. */
function deleteInputOf(name: string, what: string) {
  @InputType(`Delete${name}Input`, { description: `${what} to delete. It stays readable with \`asOf\`, and \`restore\` brings it back; refused while others refer to it.` })
  class DeleteInput {
    @Field(() => ID, { description: 'Its id.' })
    id!: string;

    @Field(() => Int, { description: EXPECTED })
    expectedVersion!: number;

    @Field(() => String, { nullable: true, description: 'The edit summary.' })
    summary?: string | null;

    @Field(() => String, { nullable: true, description: IDEMPOTENCY })
    idempotencyKey?: string | null;
  }
  return DeleteInput;
}

export const DeleteActorInput = deleteInputOf('Actor', 'An actor');
export const DeleteEventInput = deleteInputOf('Event', 'An event');
export const DeleteStatementInput = deleteInputOf('Statement', 'A statement');
export const DeleteIssueInput = deleteInputOf('Issue', 'An issue');
export const DeletePositionInput = deleteInputOf('Position', 'A position');
export type DeleteInput = InstanceType<typeof DeleteActorInput>;

@InputType('SetPositionInput', { description: 'Where an actor stands on an issue: creates the position, or replaces the one the actor holds on that issue (then `expectedVersion` is required).' })
export class SetPositionInput extends EditOwnSummary {
  @Field(() => ID, { description: 'Who holds it.' })
  actor!: string;

  @Field(() => ID, { description: 'The issue.' })
  issue!: string;

  @Field(() => Stance, { description: 'The stance; CONDITIONAL needs `conditions`, no other stance takes them.' })
  stance!: Stance;

  @Field(() => Firmness, { defaultValue: Firmness.UNKNOWN, description: 'How firmly, when the source says.' })
  firmness!: Firmness;

  @Field(() => Boolean, { defaultValue: false, description: 'True when the actor makes it a precondition.' })
  isPrecondition!: boolean;

  @Field(() => [ID], { defaultValue: [], description: 'For CONDITIONAL: the issues asked in return.' })
  conditions!: string[];

  @Field(() => String, { description: 'The position in brief.' })
  summary!: string;

  @Field(() => [ID], { defaultValue: [], description: 'The statements that express it.' })
  statements!: string[];

  @Field(() => FactualityInput, { nullable: true, description: 'How sure the source is of it (default: certain, in its own voice).' })
  factuality?: FactualityInput | null;

  @Field(() => [EvidenceInput], { description: 'Where the source says so (at least one quote).' })
  evidence!: EvidenceInput[];

  @Field(() => Int, { nullable: true, description: 'Required when replacing: the version of the position you read.' })
  expectedVersion?: number | null;
}

/** The forward relation kinds of all three families, for addRelation. */
export enum RelationKind {
  SUPPORTS = 'SUPPORTS',
  OPPOSES = 'OPPOSES',
  THREATENS = 'THREATENS',
  PRESSURES = 'PRESSURES',
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
  FOLLOWS = 'FOLLOWS',
  CAUSES = 'CAUSES',
  PART_OF = 'PART_OF',
  CONTEXT_OF = 'CONTEXT_OF',
  SAME_AS = 'SAME_AS',
  DENIES = 'DENIES',
  RESPONDS_TO = 'RESPONDS_TO',
  CONTRADICTS = 'CONTRADICTS',
}

registerDescribedEnum(RelationKind, 'RelationKind', 'A relation to add, read from its subject: actors (SUPPORTS, OPPOSES, THREATENS, PRESSURES), events (BEFORE, AFTER, FOLLOWS, CAUSES, PART_OF, CONTEXT_OF, SAME_AS) or statements (DENIES, RESPONDS_TO, SUPPORTS, CONTRADICTS).', {
  SUPPORTS: 'Actors or statements: the subject supports the object.',
  OPPOSES: 'Actors: the subject opposes the object.',
  THREATENS: 'Actors: the subject threatens the object.',
  PRESSURES: 'Actors: the subject puts pressure on the object.',
  BEFORE: 'Events: the subject happened before the object.',
  AFTER: 'Events: the subject happened after the object.',
  FOLLOWS: 'Events: the subject follows on from the object.',
  CAUSES: 'Events: the subject causes the object.',
  PART_OF: 'Events: the subject is part of the object.',
  CONTEXT_OF: 'Events: the subject is the backdrop of the object.',
  SAME_AS: 'Events: the two may be one event told twice (give the certainty).',
  DENIES: 'Statements: the subject denies the object.',
  RESPONDS_TO: 'Statements: the subject responds to the object.',
  CONTRADICTS: 'Statements: the two contradict each other.',
});

@InputType('AddRelationInput', { description: 'A relation between two actors, two events or two statements, stored once and read from both ends.' })
export class AddRelationInput extends Edit {
  @Field(() => ID, { description: 'The subject (its id prefix names the family).' })
  subject!: string;

  @Field(() => RelationKind, { description: 'The relation, read from the subject.' })
  kind!: RelationKind;

  @Field(() => ID, { description: 'The object, of the same type as the subject.' })
  object!: string;

  @Field(() => String, { nullable: true, description: 'What the source says of it (actor and event relations).' })
  note?: string | null;

  @Field(() => Certainty, { defaultValue: Certainty.CERTAIN, description: 'How sure the source is that it holds.' })
  certainty!: Certainty;

  @Field(() => [EvidenceInput], { description: 'Where the source says so (at least one quote).' })
  evidence!: EvidenceInput[];
}

@InputType('RemoveRelationInput', { description: 'A relation to remove, by its id (`relations { id }` on either end).' })
export class RemoveRelationInput extends Edit {
  @Field(() => ID, { description: 'The relation’s id.' })
  id!: string;
}

@InputType('AddEvidenceInput', { description: 'More quotes for a fact (an entity or a relation).' })
export class AddEvidenceInput extends Edit {
  @Field(() => ID, { description: 'The fact: an entity id or a relation id.' })
  node!: string;

  @Field(() => [EvidenceInput], { description: 'The quotes to add.' })
  evidence!: EvidenceInput[];

  @Field(() => Int, { nullable: true, description: 'For an entity: the version you read (required). Relations have no version.' })
  expectedVersion?: number | null;
}

@InputType('RemoveEvidenceInput', { description: 'One quote to take from a fact; its last quote cannot go (every fact cites at least one).' })
export class RemoveEvidenceInput extends Edit {
  @Field(() => ID, { description: 'The fact: an entity id or a relation id.' })
  node!: string;

  @Field(() => ID, { description: 'The source of the quote.' })
  source!: string;

  @Field(() => Int, { description: 'The quote’s start (code points).' })
  start!: number;

  @Field(() => Int, { description: 'The quote’s end (code points, exclusive).' })
  end!: number;

  @Field(() => Int, { nullable: true, description: 'For an entity: the version you read (required).' })
  expectedVersion?: number | null;
}

@InputType('RestoreInput', { description: 'Brings a node back as it was at a revision, a deleted one included, as a new revision.' })
export class RestoreInput extends Edit {
  @Field(() => ID, { description: 'The node.' })
  id!: string;

  @Field(() => Int, { description: 'The revision whose state to bring back.' })
  revision!: number;

  @Field(() => Int, { description: 'Its current version (a deleted node’s tombstone version).' })
  expectedVersion!: number;
}

@InputType('SetReportInput', { description: 'How one source reports one fact: created, or replacing that source’s report.' })
export class SetReportInput extends Edit {
  @Field(() => ID, { description: 'The fact: an event, statement or position id.' })
  fact!: string;

  @Field(() => ID, { description: 'The reporting source.' })
  source!: string;

  @Field(() => [EvidenceInput], { description: 'Where this source reports it: quotes of this source only (at least one).' })
  evidence!: EvidenceInput[];

  @Field(() => Certainty, { nullable: true, description: 'How sure this source is (default CERTAIN); PROBABLE or POSSIBLE must cite its cue.' })
  certainty?: Certainty | null;

  @Field(() => Polarity, { nullable: true, description: 'Whether this source says it holds (default POSITIVE); NEGATIVE must cite its cue.' })
  polarity?: Polarity | null;

  @Field(() => ID, { nullable: true, description: 'Whose view this source relays (an actor); null for the source’s own voice.' })
  holder?: string | null;

  @Field(() => [EvidenceInput], { nullable: true, description: 'The words of this source that set its certainty or polarity; quotes of this source only.' })
  cues?: EvidenceInput[] | null;

  @Field(() => Int, { nullable: true, description: 'The fact’s version you read: required to replace a report, checked whenever given.' })
  expectedVersion?: number | null;
}

@InputType('RemoveReportInput', { description: 'One source’s report to take from a fact; its last report cannot go.' })
export class RemoveReportInput extends Edit {
  @Field(() => ID, { description: 'The fact: an event, statement or position id.' })
  fact!: string;

  @Field(() => ID, { description: 'The source whose report goes.' })
  source!: string;

  @Field(() => Int, { nullable: true, description: 'The fact’s version you read (required).' })
  expectedVersion?: number | null;
}
