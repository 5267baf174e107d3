import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type.js';

@ObjectType('DuplicateCandidate', { description: 'Two nodes of one type (actors, events or issues) that may be one thing; merge them with `mergeNodes`.' })
export class DuplicateCandidate {
  @Field(() => Node, { description: 'The node with the smaller id.' })
  a!: unknown;

  @Field(() => Node, { description: 'The other node.' })
  b!: unknown;

  @Field(() => Float, {
    description:
      'How likely the two are one, from 0 to 1: 0.7 for the same name or alias after normalisation (case, accents, punctuation, "the", "of" …), else half the share of words the shorter name shares; 0.3 per evidence span both cite (at most 0.6); 0.4 for events of the same kind with the same participants. Capped at 1.',
  })
  score!: number;

  @Field(() => [String], { description: 'What the score rests on, one sentence per part that scored.' })
  reasons!: string[];
}
