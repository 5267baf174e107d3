import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { checkIdList } from '../../shared/ids.js';
import { Node } from '../common/node.type.js';
import { loadNode } from './node.service.js';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any entity by its id (`actor:iran`, `issue:sanctions-relief` …); null when no entity has that id.' })
  node(@Arg('id', () => ID, { description: 'The id of the entity.' }) id: string, @Ctx() ctx: Context) {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Entities by id, in the order asked; null in the place of an id no entity has.' })
  nodes(@Arg('ids', () => [ID], { description: 'The ids (at most 100).' }) ids: string[], @Ctx() ctx: Context) {
    return Promise.all(checkIdList('ids', ids).map((id) => loadNode(ctx, id)));
  }
}
