import { ArgsType, Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { SortDirection } from '../../shared/enums.graphql.js';
import type { PageArgs } from '../../shared/pagination.js';

@ObjectType('PageInfo', { simpleResolvers: true, description: 'Where a page stands in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null when the page is empty.' })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, { nullable: true, description: 'Return at most this many items from the start (0 to 100; default 20 when neither first nor last is given).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Return at most this many items from the end (0 to 100).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  before?: string | null;
}

/** Builds the `<Name>Edge` and `<Name>Connection` types of a node type. */
export function connectionOf<T extends object>(Item: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge in a list of ${what}.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item, for `after`/`before`.' })
    cursor!: string;

    @Field(() => Item, { description: `The item.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${what}, with the total count of the filtered list.` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page stands in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole filtered list holds.' })
    totalCount!: number;
  }
  return Connection;
}

/** Builds the `<Name>Order` input of a list: a field to order by and a direction. */
export function orderInputOf<F extends Record<string, string>>(FieldEnum: F, name: string, what: string) {
  @InputType(`${name}Order`, { description: `The order of a list of ${what}; ties are broken by id.` })
  class Order {
    @Field(() => FieldEnum, { description: 'What to order by.' })
    field!: F[keyof F];

    @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending.' })
    direction!: SortDirection;
  }
  return Order;
}
