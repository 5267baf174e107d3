/** The input and payload of `mergeNodes` (issue 19). */
import { Field, ID, InputType, Int } from 'type-graphql';
import { Node } from '../common/node.type.js';
import { payloadOf } from './write.types.js';

@InputType('MergeNodesInput', { description: 'Two actors, two events or two issues that are one thing: `merge` becomes `keep`.' })
export class MergeNodesInput {
  @Field(() => ID, { description: 'The node that stays; it takes the other’s evidence, names (as aliases) and everything that referred to it.' })
  keep!: string;

  @Field(() => ID, { description: 'The node merged into `keep`: deleted, its id resolving to `keep` from this revision on. Of the same type as `keep`.' })
  merge!: string;

  @Field(() => Int, { description: 'The version of `keep` you read; a stale one is refused with VERSION_CONFLICT.' })
  keepVersion!: number;

  @Field(() => Int, { description: 'The version of `merge` you read; a stale one is refused with VERSION_CONFLICT.' })
  mergeVersion!: number;

  @Field(() => String, { nullable: true, description: 'The edit summary.' })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Any string you choose: repeating the call with the same key and input returns the first result and writes nothing more.' })
  idempotencyKey?: string | null;
}

export const MergeNodesPayload = payloadOf(Node, 'MergeNodes', 'node', 'the kept node as it now stands');
