/** The `mergeNodes` mutation (EDITOR): a thin resolver over the merge writer. */
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { Role } from '../../shared/enums.js';
import { MergeNodesInput, MergeNodesPayload } from './merge.inputs.js';
import { mergeNodes } from './merge.writer.js';
import { perform } from './write.resolver.js';

@Resolver()
export class MergeResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => MergeNodesPayload, {
    description:
      'Merges two actors, events or issues that are one thing, as one revision: everything that cited or referred to `merge` (evidence, relations, positions, participants, affiliations, statements’ speakers, targets and holders, obstacles’ parties, issue links) now refers to `keep`; an actor’s name becomes an alias of the kept one; `node(id: merge)` answers the kept node from then on, and `asOf` an earlier revision still shows both. Refused (nothing written) on a stale version, two nodes of different types, a node merged into itself, or when an actor would hold two positions on one issue. Needs the EDITOR role.',
  })
  mergeNodes(@Arg('input', () => MergeNodesInput, { description: 'The two nodes and the versions read.' }) input: MergeNodesInput, @Ctx() ctx: Context) {
    return perform(ctx, 'mergeNodes', 'node', input, mergeNodes);
  }
}
