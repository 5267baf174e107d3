import { Field, InputType } from 'type-graphql';

@InputType('SourceFilter', { description: 'Narrows a list of sources.' })
export class SourceFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the title or the text.' })
  text?: string | null;
}

@InputType('EvidenceFilter', { description: 'Narrows a list of evidence spans.' })
export class EvidenceFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the quoted span.' })
  text?: string | null;
}
