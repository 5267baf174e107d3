import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { SortDirection } from '../../shared/enums.graphql.js';

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

@InputType('IssueOrder', { description: 'The order of a list of issues; ties are broken by id.' })
export class IssueOrder {
  @Field(() => IssueOrderField, { description: 'What to order by.' })
  field!: IssueOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending.' })
  direction!: SortDirection;
}
