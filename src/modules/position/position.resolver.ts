import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { docPart } from '../common/as-of.js';
import type { PositionRow } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { Actor } from '../actor/actor.type.js';
import { PositionConnection } from '../common/connections.js';
import { loadAll, loadOne } from '../common/load.js';
import { ConnectionArgs } from '../common/page.type.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Factuality, factualityOf } from '../factuality/factuality.type.js';
import { Issue } from '../issue/issue.type.js';
import { Statement } from '../statement/statement.type.js';
import type { SpanDoc } from '../../store/documents.js';
import { PositionFilter, PositionOrder } from './position.args.js';
import { positionFilters } from './position.service.js';
import { positionList } from './position.store.js';
import { Position } from './position.type.js';

@Resolver(() => Position)
export class PositionResolver {
  @Query(() => PositionConnection, { description: 'Positions of actors on issues.' })
  positions(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => PositionFilter, { nullable: true, description: 'Conditions the positions must meet.' }) filter: PositionFilter | null,
    @Arg('orderBy', () => PositionOrder, { nullable: true, description: 'The order (default: by issue, then actor).' }) orderBy: PositionOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection({ list: positionList, scope: 'positions', filters: positionFilters(filter), order: { field: 'ISSUE', ...orderBy }, page, info, byId: ctx.loaders.position.byId, keyOf: (r) => r.id });
  }

  @Query(() => Position, { description: 'One position by id; a NOT_FOUND error when there is none.' })
  position(@Arg('id', () => ID, { description: 'The position id, e.g. `position:iran-sanctions-relief`.' }) id: string, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.position.byId, expectId('id', id, 'position'), 'position');
  }

  @FieldResolver(() => Actor, { description: 'Who holds the position (a party’s official holds it for the party).' })
  actor(@Root() p: PositionRow, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.actor.byId, p.actorId, 'actor');
  }

  @FieldResolver(() => Issue, { description: 'The issue it is a position on.' })
  issue(@Root() p: PositionRow, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.issue.byId, p.issueId, 'issue');
  }

  @FieldResolver(() => [Statement], { description: 'The statements that express it.' })
  async statements(@Root() p: PositionRow, @Ctx() ctx: Context) {
    const ids = docPart<string[]>(p, 'statementIds') ?? (await ctx.loaders.position.statementIds.load(p.id)).map((l) => l.statementId);
    return loadAll(ctx.loaders.statement.byId, ids);
  }

  @FieldResolver(() => [Issue], { description: 'What a CONDITIONAL position asks in return, as issues of the knowledge base; empty for every other stance.' })
  async conditions(@Root() p: PositionRow, @Ctx() ctx: Context) {
    const ids = docPart<string[]>(p, 'conditionIds') ?? (await ctx.loaders.position.conditionIds.load(p.id)).map((l) => l.issueId);
    return loadAll(ctx.loaders.issue.byId, ids);
  }

  @FieldResolver(() => Factuality, { description: 'How sure the source is that the actor holds this position, in whose view, and the words that say so.' })
  factuality(@Root() p: PositionRow) {
    return factualityOf('position', p);
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that attest this position.' })
  evidence(@Root() p: PositionRow, @Ctx() ctx: Context) {
    return docPart<SpanDoc[]>(p, 'evidence') ?? ctx.loaders.evidence.position.load(p.id);
  }
}
