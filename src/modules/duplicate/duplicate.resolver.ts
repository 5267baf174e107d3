/** `duplicateCandidates`: thin resolvers over the duplicate service. */
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ScoredPair } from '../../analysis/duplicates.js';
import type { Context } from '../../context.js';
import { Node } from '../common/node.type.js';
import { loadNode } from '../node/node.service.js';
import { DEFAULT_CANDIDATES, duplicateCandidates, MAX_CANDIDATES } from './duplicate.service.js';
import { DuplicateCandidate } from './duplicate.type.js';

@Resolver()
export class DuplicateResolver {
  @Query(() => [DuplicateCandidate], {
    description:
      'Pairs of nodes of one type that may be one thing, most likely first: names and aliases compared after normalisation, evidence spans both cite, events of the same kind with the same participants. Pairs are formed only among nodes sharing a name word, a span or a kind and participants, never across the whole base.',
  })
  duplicateCandidates(
    @Arg('type', () => String, { description: '`Actor`, `Event` or `Issue`; another is BAD_USER_INPUT.' }) type: string,
    @Arg('first', () => Int, { nullable: true, description: `How many pairs (default ${DEFAULT_CANDIDATES}, at most ${MAX_CANDIDATES}).` }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<ScoredPair[]> {
    return duplicateCandidates(ctx.engine, type, first);
  }
}

@Resolver(() => DuplicateCandidate)
export class DuplicateCandidateResolver {
  @FieldResolver(() => Node, { description: 'The node with the smaller id.' })
  a(@Root() pair: ScoredPair, @Ctx() ctx: Context) {
    return loadNode(ctx, pair.a);
  }

  @FieldResolver(() => Node, { description: 'The other node.' })
  b(@Root() pair: ScoredPair, @Ctx() ctx: Context) {
    return loadNode(ctx, pair.b);
  }
}
