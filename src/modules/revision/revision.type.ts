import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ChangeRow, RevisionRow } from '../../db/tables.js';
import { ChangeOp, Role } from '../../shared/enums.js';

@ObjectType('RevisionAuthor', { description: 'Who made a revision: the owner of the API key it was made with ("seed" for the seed load).' })
export class RevisionAuthor {
  @Field(() => String, { description: 'The name given to the key when it was created.' })
  name!: string;

  @Field(() => Role, { description: 'The key’s role at the time.' })
  role!: Role;
}

@ObjectType('Revision', { simpleResolvers: true, description: 'One successful write: who, when, why, and what it changed. Revision 1 is the seed.' })
export class Revision implements Pick<RevisionRow, 'number' | 'at' | 'summary'> {
  @Field(() => ID, { description: 'The revision’s id: `revision:<number>`.' })
  id(): string {
    return `revision:${this.number}`;
  }

  @Field(() => Int, { description: 'Its number, counting from 1; `asOf` takes it.' })
  number!: number;

  @Field(() => String, { description: 'When it was made (ISO 8601, UTC).' })
  at!: string;

  @Field(() => String, { nullable: true, description: 'The edit summary given with the write, if any.' })
  summary!: string | null;
}

@ObjectType('Change', { description: 'What a revision did to one node, with its document before and after.' })
export class Change implements Pick<ChangeRow, 'nodeId' | 'nodeType' | 'op' | 'version'> {
  @Field(() => ID, { description: 'The id of the node changed (a relation’s id for a relation).' })
  nodeId!: string;

  @Field(() => String, { description: 'Its type: Source, Actor, Issue, Event, Statement, Position, ActorRelation, EventRelation or StatementRelation.' })
  nodeType!: string;

  @Field(() => ChangeOp, { description: 'Created, updated, deleted or restored.' })
  op!: ChangeOp;

  @Field(() => Int, { description: 'The node’s version after the change (a deletion: the tombstone’s version).' })
  version!: number;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The node’s document before: its row and the parts it owns (evidence, aliases, links); null for a creation.' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The node’s document after; null for a deletion.' })
  after!: unknown;
}
