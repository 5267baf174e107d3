import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { checkIdList } from '../../shared/ids.js';
import { Node } from '../common/node.type.js';
import { loadNode, loadNodeAsOf, loadNodesAsOf } from './node.service.js';

const AS_OF =
  'Read it as it was at this revision (1 to the latest), a since-deleted one included: its fields, evidence, cues, aliases and links to issues, statements and conditions as they were then; other lists answer from now. Null when it did not exist then.';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any entity by its id (`actor:iran`, `issue:sanctions-relief` …); null when no entity has that id.' })
  node(
    @Arg('id', () => ID, { description: 'The id of the entity.' }) id: string,
    @Arg('asOf', () => Int, { nullable: true, description: AS_OF }) asOf: number | null,
    @Ctx() ctx: Context,
  ) {
    return asOf == null ? loadNode(ctx, id) : loadNodeAsOf(ctx, id, asOf);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Entities by id, in the order asked; null in the place of an id no entity has.' })
  nodes(
    @Arg('ids', () => [ID], { description: 'The ids (at most 100).' }) ids: string[],
    @Arg('asOf', () => Int, { nullable: true, description: AS_OF }) asOf: number | null,
    @Ctx() ctx: Context,
  ) {
    const checked = checkIdList('ids', ids);
    return asOf == null ? Promise.all(checked.map((id) => loadNode(ctx, id))) : loadNodesAsOf(ctx, checked, asOf);
  }
}
