import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { PositionRow } from '../../db/tables.js';
import { Firmness, Stance } from '../../shared/enums.js';
import { Node } from '../common/node.type.js';

@ObjectType('Position', { simpleResolvers: true, implements: Node, description: 'Where an actor stands on an issue, how firmly, whether it is a precondition, what it asks in return, and how sure the source is of it.' })
export class Position implements Node, Pick<PositionRow, 'id' | 'stance' | 'firmness' | 'isPrecondition' | 'summary' | 'version'> {
  @Field(() => Int, { description: 'Its version: 1 when created, one more with every change (a deletion leaves the tombstone at one more). Updates, deletes and restores name it as `expectedVersion`.' })
  version!: number;

  @Field(() => ID, { description: 'Readable, stable id, e.g. `position:iran-sanctions-relief`.' })
  id!: string;

  @Field(() => Stance, { description: 'Demands, supports, open to, conditional (accepts only in return for `conditions`), opposes, rejects, or unspecified (held, but the source does not say what it is).' })
  stance!: Stance;

  @Field(() => Firmness, { description: 'Red line, firm, flexible, or unknown when the source does not say.' })
  firmness!: Firmness;

  @Field(() => Boolean, { description: 'True when the actor makes this a precondition for any agreement.' })
  isPrecondition!: boolean;

  @Field(() => String, { description: 'The position in brief.' })
  summary!: string;
}
