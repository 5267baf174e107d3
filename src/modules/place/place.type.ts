import { Field, ID, Float, ObjectType } from 'type-graphql';
import type { PlaceRow } from '../../db/tables.js';
import { Node } from '../common/node.type.js';

@ObjectType('Place', { implements: Node, description: 'A place where an event happened.' })
export class Place implements Node, Pick<PlaceRow, 'id' | 'name' | 'countryCode' | 'latitude' | 'longitude'> {
  @Field(() => ID, { description: 'Readable, stable id, e.g. `place:muscat`.' })
  id!: string;

  @Field(() => String, { description: 'The name the source uses.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the country (a reference code added by the curators).' })
  countryCode!: string | null;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees; null when no curated coordinate is stored (the source gives none).' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees; null when no curated coordinate is stored (the source gives none).' })
  longitude!: number | null;
}
