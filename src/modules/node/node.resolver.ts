import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { badUserInput } from '../../shared/errors.js';
import { MAX_PAGE_SIZE } from '../../shared/pagination.js';
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
    if (ids.length > MAX_PAGE_SIZE) throw badUserInput('ids', `at most ${MAX_PAGE_SIZE} ids at once (got ${ids.length})`);
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}
