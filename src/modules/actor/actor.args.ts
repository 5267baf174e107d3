import { Field, ID, InputType } from 'type-graphql';
import { ActorKind } from '../../shared/enums.js';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { orderInputOf } from '../common/page.type.js';

@InputType('ActorFilter', { description: 'Narrows a list of actors; all given conditions must hold.' })
export class ActorFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the name or an alias ("tehran" finds Iran).' })
  text?: string | null;

  @Field(() => [ActorKind], { nullable: true, description: 'Only actors of these kinds.' })
  kinds?: ActorKind[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only these actors.' })
  ids?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only actors with this ISO 3166-1 alpha-3 country code.' })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only actors affiliated with this actor (its officials, bodies, military).' })
  affiliatedWith?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only actors holding a position on this issue.' })
  hasPositionOn?: string | null;
}

export enum ActorOrderField {
  NAME = 'NAME',
  KIND = 'KIND',
  ID = 'ID',
  MENTION = 'MENTION',
}

registerDescribedEnum(ActorOrderField, 'ActorOrderField', 'What to order actors by.', {
  NAME: 'By name.',
  KIND: 'By kind, then name.',
  ID: 'By id.',
  MENTION: 'By first mention in the source.',
});

export const ActorOrder = orderInputOf(ActorOrderField, 'Actor', 'actors');
export type ActorOrder = InstanceType<typeof ActorOrder>;
