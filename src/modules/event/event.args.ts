import { MIN_SOURCES_DESCRIPTION, PUBLISHED_BY_DESCRIPTION } from '../common/source-scope.js';
import { Int, Field, ID, InputType } from 'type-graphql';
import { EventKind, EventStatus, Certainty } from '../../shared/enums.js';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { orderInputOf } from '../common/page.type.js';

@InputType('EventFilter', { description: 'Narrows a list of events; all given conditions must hold.' })
export class EventFilter {
  @Field(() => Certainty, { nullable: true, description: 'Only events at least this sure (CERTAIN > PROBABLE > POSSIBLE > UNDERSPECIFIED): CERTAIN keeps what the source states plainly.' })
  minCertainty?: Certainty | null;

  @Field(() => Int, { nullable: true, description: MIN_SOURCES_DESCRIPTION })
  minSources?: number | null;

  @Field(() => String, { nullable: true, description: PUBLISHED_BY_DESCRIPTION })
  publishedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the title or summary.' })
  text?: string | null;

  @Field(() => [EventKind], { nullable: true, description: 'Only events of these kinds.' })
  kinds?: EventKind[] | null;

  @Field(() => [EventStatus], { nullable: true, description: 'Only events with these statuses (e.g. UNDER_CONSIDERATION, THREATENED).' })
  statuses?: EventStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only events this actor takes part in, in any role.' })
  participant?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events concerning this issue.' })
  issue?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events whose known start is on or after this ISO date (YYYY, YYYY-MM or YYYY-MM-DD). Events with an unknown date are left out when a range is given.' })
  startFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Only events whose known start is on or before this ISO date (YYYY, YYYY-MM or YYYY-MM-DD). Events with an unknown date are left out when a range is given.' })
  startTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only events whose start date the source gives; false: only events whose date is unknown.' })
  dateKnown?: boolean | null;
}

export enum EventOrderField {
  MENTION = 'MENTION',
  START = 'START',
  TITLE = 'TITLE',
  ID = 'ID',
}

registerDescribedEnum(EventOrderField, 'EventOrderField', 'What to order events by. For the order in time, undated events included, use `timeline`.', {
  MENTION: 'By first mention in the source (the default).',
  START: 'By known start date; events with an unknown date come last, in order of mention.',
  TITLE: 'By title.',
  ID: 'By id.',
});

export const EventOrder = orderInputOf(EventOrderField, 'Event', 'events');
export type EventOrder = InstanceType<typeof EventOrder>;
