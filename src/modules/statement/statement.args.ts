import { MIN_SOURCES_DESCRIPTION, PUBLISHED_BY_DESCRIPTION } from '../common/source-scope.js';
import { Int, Field, ID, InputType } from 'type-graphql';
import { AttributionKind, StatementKind, Certainty } from '../../shared/enums.js';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { orderInputOf } from '../common/page.type.js';

@InputType('StatementFilter', { description: 'Narrows a list of statements; all given conditions must hold.' })
export class StatementFilter {
  @Field(() => Certainty, { nullable: true, description: 'Only statements at least this sure (CERTAIN > PROBABLE > POSSIBLE > UNDERSPECIFIED): CERTAIN keeps what the source states plainly.' })
  minCertainty?: Certainty | null;

  @Field(() => Int, { nullable: true, description: MIN_SOURCES_DESCRIPTION })
  minSources?: number | null;

  @Field(() => String, { nullable: true, description: PUBLISHED_BY_DESCRIPTION })
  publishedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the summary or in a quote the statement cites.' })
  text?: string | null;

  @Field(() => [StatementKind], { nullable: true, description: 'Only statements of these kinds.' })
  kinds?: StatementKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only statements by this speaker.' })
  speaker?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only statements by this actor or by an actor speaking for it through affiliations, at any depth (its officials, bodies, military).' })
  party?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only statements aimed at this actor (threats, demands, warnings).' })
  target?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only statements about this issue.' })
  issue?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only statements belonging to this event.' })
  event?: string | null;

  @Field(() => [AttributionKind], { nullable: true, description: 'Only statements attributed this way (e.g. ANONYMOUS_OFFICIALS for claims resting on anonymous sources).' })
  attributionKinds?: AttributionKind[] | null;
}

export enum StatementOrderField {
  MENTION = 'MENTION',
  KIND = 'KIND',
  ID = 'ID',
}

registerDescribedEnum(StatementOrderField, 'StatementOrderField', 'What to order statements by.', {
  MENTION: 'By first mention in the source (the default).',
  KIND: 'By kind, then first mention.',
  ID: 'By id.',
});

export const StatementOrder = orderInputOf(StatementOrderField, 'Statement', 'statements');
export type StatementOrder = InstanceType<typeof StatementOrder>;
