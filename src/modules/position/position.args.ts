import { MIN_SOURCES_DESCRIPTION, PUBLISHED_BY_DESCRIPTION } from '../common/source-scope.js';
import { Int, Field, ID, InputType } from 'type-graphql';
import { Firmness, Stance, Certainty } from '../../shared/enums.js';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { orderInputOf } from '../common/page.type.js';

@InputType('PositionFilter', { description: 'Narrows a list of positions; all given conditions must hold.' })
export class PositionFilter {
  @Field(() => Certainty, { nullable: true, description: 'Only positions at least this sure (CERTAIN > PROBABLE > POSSIBLE > UNDERSPECIFIED): CERTAIN keeps what the source states plainly.' })
  minCertainty?: Certainty | null;

  @Field(() => Int, { nullable: true, description: MIN_SOURCES_DESCRIPTION })
  minSources?: number | null;

  @Field(() => String, { nullable: true, description: PUBLISHED_BY_DESCRIPTION })
  publishedBy?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only positions held by this actor.' })
  actor?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only positions held by this actor or by actors speaking for it through affiliations, at any depth.' })
  party?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only positions on this issue.' })
  issue?: string | null;

  @Field(() => [Stance], { nullable: true, description: 'Only positions with these stances.' })
  stances?: Stance[] | null;

  @Field(() => [Firmness], { nullable: true, description: 'Only positions held this firmly.' })
  firmness?: Firmness[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only preconditions (true) or only non-preconditions (false).' })
  isPrecondition?: boolean | null;
}

export enum PositionOrderField {
  ISSUE = 'ISSUE',
  ACTOR = 'ACTOR',
  ID = 'ID',
}

registerDescribedEnum(PositionOrderField, 'PositionOrderField', 'What to order positions by.', {
  ISSUE: 'By issue id, then actor id (the default).',
  ACTOR: 'By actor id, then issue id.',
  ID: 'By id.',
});

export const PositionOrder = orderInputOf(PositionOrderField, 'Position', 'positions');
export type PositionOrder = InstanceType<typeof PositionOrder>;
