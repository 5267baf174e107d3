import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { docPart } from '../common/as-of.js';
import type { StatementRow } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { Actor } from '../actor/actor.type.js';
import { StatementConnection } from '../common/connections.js';
import { loadAll, loadMaybe, loadOne } from '../common/load.js';
import { ConnectionArgs } from '../common/page.type.js';
import { PartialDate, toPartialDate } from '../common/partial-date.type.js';
import { Event } from '../event/event.type.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Factuality, factualityOf } from '../factuality/factuality.type.js';
import { Issue } from '../issue/issue.type.js';
import { Position } from '../position/position.type.js';
import { StatementFilter, StatementOrder } from './statement.args.js';
import { statementFilters } from './statement.service.js';
import { statementList } from './statement.store.js';
import type { SpanDoc } from '../../store/documents.js';
import { Attribution, Statement, StatementRelation, type StatementRelationValue } from './statement.type.js';

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => StatementConnection, { description: 'Statements: claims, denials, threats, cautions, demands, reports and the source’s own analysis.' })
  statements(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Conditions the statements must meet.' }) filter: StatementFilter | null,
    @Arg('orderBy', () => StatementOrder, { nullable: true, description: 'The order (default: by first mention).' }) orderBy: StatementOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection({ list: statementList, scope: 'statements', filters: statementFilters(filter), order: { field: 'MENTION', ...orderBy }, page, info, byId: ctx.loaders.statement.byId, keyOf: (r) => r.id });
  }

  @Query(() => Statement, { description: 'One statement by id; a NOT_FOUND error when there is none.' })
  statement(@Arg('id', () => ID, { description: 'The statement id, e.g. `statement:iran-denies-messages`.' }) id: string, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.statement.byId, expectId('id', id, 'statement'), 'statement');
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who said it; null when the source does not name a speaker.' })
  speaker(@Root() s: StatementRow, @Ctx() ctx: Context) {
    return loadMaybe(ctx.loaders.actor.byId, s.speakerId);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Whom a threat, demand or warning is aimed at.' })
  target(@Root() s: StatementRow, @Ctx() ctx: Context) {
    return loadMaybe(ctx.loaders.actor.byId, s.targetId);
  }

  @FieldResolver(() => Attribution, { description: 'How the source attributes it.' })
  attribution(@Root() s: StatementRow): Attribution {
    return { kind: s.attributionKind, detail: s.attributionDetail };
  }

  @FieldResolver(() => PartialDate, { description: 'When it was said, as precisely as the source says (UNKNOWN when it does not).' })
  date(@Root() s: StatementRow): PartialDate {
    return toPartialDate({ precision: s.datePrecision, year: s.dateYear, month: s.dateMonth, day: s.dateDay, note: s.dateNote });
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event it belongs to, if any.' })
  event(@Root() s: StatementRow, @Ctx() ctx: Context) {
    return loadMaybe(ctx.loaders.event.byId, s.eventId);
  }

  @FieldResolver(() => [Issue], { description: 'The negotiation issues it concerns.' })
  async issues(@Root() s: StatementRow, @Ctx() ctx: Context) {
    const ids = docPart<string[]>(s, 'issueIds') ?? (await ctx.loaders.statement.issueIds.load(s.id)).map((l) => l.issueId);
    return loadAll(ctx.loaders.issue.byId, ids);
  }

  @FieldResolver(() => [Position], { description: 'The positions this statement expresses.' })
  async positions(@Root() s: StatementRow, @Ctx() ctx: Context) {
    const links = await ctx.loaders.statement.positionIds.load(s.id);
    return loadAll(ctx.loaders.position.byId, links.map((l) => l.positionId));
  }

  @FieldResolver(() => [StatementRelation], { description: 'Denials, responses and support between statements, from both ends, read from this statement’s side.' })
  relations(@Root() s: StatementRow, @Ctx() ctx: Context) {
    return ctx.loaders.statement.relations.load(s.id);
  }

  @FieldResolver(() => Factuality, { description: 'How sure the source is that what the statement says holds; the holder is the speaker unless the source says otherwise, in whose view, and the words that say so.' })
  factuality(@Root() s: StatementRow) {
    return factualityOf('statement', s);
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that attest this statement.' })
  evidence(@Root() s: StatementRow, @Ctx() ctx: Context) {
    return docPart<SpanDoc[]>(s, 'evidence') ?? ctx.loaders.evidence.statement.load(s.id);
  }
}

@Resolver(() => StatementRelation)
export class StatementRelationResolver {
  @FieldResolver(() => Statement, { description: 'The statement at the other end.' })
  statement(@Root() r: StatementRelationValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.statement.byId, r.otherId, 'statement');
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that state this relation ("This denial came in response to …").' })
  evidence(@Root() r: StatementRelationValue, @Ctx() ctx: Context) {
    return ctx.loaders.evidence.statementRelation.load(r.id);
  }
}
