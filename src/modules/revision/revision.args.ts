import { Field, ID, InputType } from 'type-graphql';

@InputType('RevisionFilter', { description: 'Narrows the history; all given conditions must hold.' })
export class RevisionFilter {
  @Field(() => ID, { nullable: true, description: 'Only revisions that changed this node (an entity id or a relation id).' })
  node?: string | null;

  @Field(() => String, { nullable: true, description: 'Only revisions by this author (the key owner’s name, exactly; "seed" for the seed).' })
  author?: string | null;
}
