import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { orderInputOf } from '../common/page.type.js';

@InputType('IssueFilter', { description: 'Narrows a list of issues; all given conditions must hold.' })
export class IssueFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the name or description.' })
  text?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only these issues.' })
  ids?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only issues on which this actor holds a position.' })
  actor?: string | null;
}

export enum IssueOrderField {
  MENTION = 'MENTION',
  NAME = 'NAME',
  ID = 'ID',
}

registerEnumType(IssueOrderField, {
  name: 'IssueOrderField',
  description: 'What to order issues by.',
  valuesConfig: {
    MENTION: { description: 'By first mention in the source (the default).' },
    NAME: { description: 'By name.' },
    ID: { description: 'By id.' },
  },
});

export const IssueOrder = orderInputOf(IssueOrderField, 'Issue', 'issues');
export type IssueOrder = InstanceType<typeof IssueOrder>;
