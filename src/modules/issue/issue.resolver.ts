import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import type { Docs, SpanDoc } from '../../store/documents.js';
import { docPart } from '../common/as-of.js';
import type { EventRow, IssueObstacleRow, IssueRow, StatementRow } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { Actor } from '../actor/actor.type.js';
import { EventConnection, IssueConnection, StatementConnection } from '../common/connections.js';
import { loadAll, loadOne } from '../common/load.js';
import { ConnectionArgs } from '../common/page.type.js';
import { EventFilter, EventOrder } from '../event/event.args.js';
import { eventFilters } from '../event/event.service.js';
import { eventList } from '../event/event.store.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Position } from '../position/position.type.js';
import { StatementFilter, StatementOrder } from '../statement/statement.args.js';
import { statementFilters } from '../statement/statement.service.js';
import { statementList } from '../statement/statement.store.js';
import { IssueFilter, IssueOrder } from './issue.args.js';
import { issueFilters } from './issue.service.js';
import { issueList } from './issue.store.js';
import { Issue, Obstacle } from './issue.type.js';

@Resolver(() => Issue)
export class IssueResolver {
  @Query(() => IssueConnection, { description: 'Negotiation issues.' })
  issues(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => IssueFilter, { nullable: true, description: 'Conditions the issues must meet.' }) filter: IssueFilter | null,
    @Arg('orderBy', () => IssueOrder, { nullable: true, description: 'The order (default: by first mention).' }) orderBy: IssueOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection({ list: issueList, scope: 'issues', filters: issueFilters(filter), order: { field: 'MENTION', ...orderBy }, page, info, byId: ctx.loaders.issue.byId, keyOf: (r) => r.id });
  }

  @Query(() => Issue, { description: 'One issue by id; a NOT_FOUND error when there is none.' })
  issue(@Arg('id', () => ID, { description: 'The issue id, e.g. `issue:sanctions-relief`.' }) id: string, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.issue.byId, expectId('id', id, 'issue'), 'issue');
  }

  @FieldResolver(() => [Position], { description: 'Every actor’s position on this issue.' })
  positions(@Root() issue: IssueRow, @Ctx() ctx: Context) {
    return ctx.loaders.position.byIssue.load(issue.id);
  }

  @FieldResolver(() => [Obstacle], { description: 'Where the source says in so many words that this issue stands between parties.' })
  obstacles(@Root() issue: IssueRow, @Ctx() ctx: Context) {
    const then = docPart<Docs['Issue']['obstacles']>(issue, 'obstacles');
    if (then) return then.map((o) => ({ ...o, issueId: issue.id }));
    return ctx.loaders.issue.obstacles.load(issue.id);
  }

  @FieldResolver(() => StatementConnection, { description: 'Statements about this issue.' })
  statements(
    @Root() issue: IssueRow,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Conditions the statements must meet.' }) filter: StatementFilter | null,
    @Arg('orderBy', () => StatementOrder, { nullable: true, description: 'The order (default: by first mention).' }) orderBy: StatementOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection<StatementRow>(
      { list: statementList, scope: 'Issue.statements', parent: 'issue', filters: statementFilters(filter), order: { field: 'MENTION', ...orderBy }, page, info, byId: ctx.loaders.statement.byId, keyOf: (r) => r.id },
      issue.id,
    );
  }

  @FieldResolver(() => EventConnection, { description: 'Events concerning this issue.' })
  events(
    @Root() issue: IssueRow,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true, description: 'The order (default: by first mention).' }) orderBy: EventOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection<EventRow>(
      { list: eventList, scope: 'Issue.events', parent: 'issue', filters: eventFilters(filter), order: { field: 'MENTION', ...orderBy }, page, info, byId: ctx.loaders.event.byId, keyOf: (r) => r.id },
      issue.id,
    );
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that raise this issue.' })
  evidence(@Root() issue: IssueRow, @Ctx() ctx: Context) {
    return docPart<SpanDoc[]>(issue, 'evidence') ?? ctx.loaders.evidence.issue.load(issue.id);
  }
}

@Resolver(() => Obstacle)
export class ObstacleResolver {
  @FieldResolver(() => Issue, { description: 'The issue that stands in the way.' })
  issue(@Root() o: IssueObstacleRow, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.issue.byId, o.issueId, 'issue');
  }

  @FieldResolver(() => [Actor], { description: 'The parties it stands between; empty when the source names none.' })
  async parties(@Root() o: IssueObstacleRow & { partyIds?: string[] }, @Ctx() ctx: Context) {
    const ids = o.partyIds ?? (await ctx.loaders.issue.obstacleParties.load(o.id)).map((l) => l.actorId);
    return loadAll(ctx.loaders.actor.byId, ids);
  }

  @FieldResolver(() => [Evidence], { description: 'The words of the source that call it an obstacle.' })
  evidence(@Root() o: IssueObstacleRow & { evidence?: SpanDoc[] }, @Ctx() ctx: Context) {
    return o.evidence ?? ctx.loaders.evidence.obstacle.load(o.id);
  }
}
