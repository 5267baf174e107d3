import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { EventParticipantRow, EventRow } from '../../db/tables.js';
import { Certainty, EventKind, EventRelationKind, EventStatus, ParticipantRole } from '../../shared/enums.js';
import { Node } from '../common/node.type.js';

@ObjectType('Event', { simpleResolvers: true, implements: Node, description: 'Something that happened, is happening, or is only being considered or threatened.' })
export class Event implements Node, Pick<EventRow, 'id' | 'title' | 'summary' | 'kind' | 'status' | 'durationDays' | 'durationNote' | 'cameoCode' | 'version'> {
  @Field(() => Int, { description: 'Its version: 1 when created, one more with every change (a deletion leaves the tombstone at one more). Updates, deletes and restores name it as `expectedVersion`.' })
  version!: number;

  @Field(() => ID, { description: 'Readable, stable id, e.g. `event:oman-talks-first-round`.' })
  id!: string;

  @Field(() => String, { description: 'A short title.' })
  title!: string;

  @Field(() => String, { description: 'What the source says happened.' })
  summary!: string;

  @Field(() => EventKind, { description: 'What kind of event this is.' })
  kind!: EventKind;

  @Field(() => EventStatus, { description: 'Whether it happened, is ongoing, planned, under consideration, threatened or alleged.' })
  status!: EventStatus;

  @Field(() => Int, { nullable: true, description: 'Duration in days when the source gives one ("a twelve-day conflict" → 12).' })
  durationDays!: number | null;

  @Field(() => String, { nullable: true, description: 'What the source says of the duration when it is not a number of days ("could last for weeks").' })
  durationNote!: string | null;

  @Field(() => String, { nullable: true, description: 'CAMEO event code, e.g. `046` (a reference code added by the curators).' })
  cameoCode!: string | null;
}

@ObjectType('Participant', { description: 'An actor taking part in an event, and in what role.' })
export class Participant implements Pick<EventParticipantRow, 'role'> {
  @Field(() => ParticipantRole, { description: 'The part the actor plays.' })
  role!: ParticipantRole;
}

/** An event relation as seen from one end. */
export interface EventRelationValue {
  id: string;
  kind: EventRelationKind;
  otherId: string;
  note: string | null;
  certainty: Certainty;
}

@ObjectType('EventRelation', { description: 'How two events relate in time or cause, read from the side of the event holding it (AFTER on one end is BEFORE on the other).' })
export class EventRelation implements Pick<EventRelationValue, 'id' | 'kind' | 'note' | 'certainty'> {
  @Field(() => ID, { description: 'The stored relation’s id, the same from both ends (`removeRelation` and `addEvidence` take it).' })
  id!: string;

  @Field(() => EventRelationKind, { description: 'The relation, read from this side.' })
  kind!: EventRelationKind;

  @Field(() => String, { nullable: true, description: 'What the source says of the relation, e.g. "more than a year after".' })
  note!: string | null;

  @Field(() => Certainty, { description: 'How sure the source is that the relation holds (CERTAIN unless the source hedges it or the reading is uncertain).' })
  certainty!: Certainty;
}
