import { Field, ID, InputType } from 'type-graphql';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
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

registerDescribedEnum(IssueOrderField, 'IssueOrderField', 'What to order issues by.', {
  MENTION: 'By first mention in the source (the default).',
  NAME: 'By name.',
  ID: 'By id.',
});

export const IssueOrder = orderInputOf(IssueOrderField, 'Issue', 'issues');
export type IssueOrder = InstanceType<typeof IssueOrder>;
