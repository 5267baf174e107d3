import { Certainty } from '../../shared/enums.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { IssueObstacleRow, IssueRow } from '../../db/tables.js';
import { Node } from '../common/node.type.js';

@ObjectType('Issue', { simpleResolvers: true, implements: Node, description: 'A matter under negotiation, on which actors take positions.' })
export class Issue implements Node, Pick<IssueRow, 'id' | 'name' | 'description' | 'version'> {
  @Field(() => Int, { description: 'Its version: 1 when created, one more with every change (a deletion leaves the tombstone at one more). Updates, deletes and restores name it as `expectedVersion`.' })
  version!: number;

  @Field(() => ID, { description: 'Readable, stable id, e.g. `issue:ballistic-missile-program`.' })
  id!: string;

  @Field(() => String, { description: 'The matter, named as it is negotiated.' })
  name!: string;

  @Field(() => String, { description: 'What the issue is about, as the source presents it.' })
  description!: string;
}

@ObjectType('Obstacle', { description: 'A place where the source says in so many words that an issue stands between parties ("a major sticking point").' })
export class Obstacle implements Pick<IssueObstacleRow, 'id' | 'description' | 'certainty'> {
  @Field(() => ID, { description: 'Readable, stable id of the obstacle, e.g. `obstacle:missile-program-sticking-point`.' })
  id!: string;

  @Field(() => String, { description: 'What the source says stands in the way.' })
  description!: string;

  @Field(() => Certainty, { description: 'How sure the source is that it stands in the way (CERTAIN when it says so plainly).' })
  certainty!: Certainty;
}
