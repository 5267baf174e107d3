import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { docPart } from '../common/as-of.js';
import type { ActorRow, EventRow, PositionRow, StatementRow } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { ActorConnection, EventConnection, StatementConnection } from '../common/connections.js';
import { loadOne } from '../common/load.js';
import { ConnectionArgs } from '../common/page.type.js';
import { EventFilter, EventOrder } from '../event/event.args.js';
import { eventFilters } from '../event/event.service.js';
import { eventList } from '../event/event.store.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Position } from '../position/position.type.js';
import { StatementFilter, StatementOrder } from '../statement/statement.args.js';
import { statementFilters } from '../statement/statement.service.js';
import { statementList } from '../statement/statement.store.js';
import { ActorFilter, ActorOrder } from './actor.args.js';
import { actorFilters } from './actor.service.js';
import { actorList } from './actor.store.js';
import type { Docs, SpanDoc } from '../../store/documents.js';
import { relationId } from '../../shared/relation-ids.js';
import { Actor, ActorRelation, Affiliation, type ActorRelationValue, type AffiliationValue } from './actor.type.js';

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => ActorConnection, { description: 'Actors: states, bodies, militaries, people, groups and unnamed sources.' })
  actors(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => ActorFilter, { nullable: true, description: 'Conditions the actors must meet.' }) filter: ActorFilter | null,
    @Arg('orderBy', () => ActorOrder, { nullable: true, description: 'The order (default: by name).' }) orderBy: ActorOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection({ list: actorList, scope: 'actors', filters: actorFilters(filter), order: { field: 'NAME', ...orderBy }, page, info, byId: ctx.loaders.actor.byId, keyOf: (r) => r.id });
  }

  @Query(() => Actor, { description: 'One actor by id; a NOT_FOUND error when there is none.' })
  actor(@Arg('id', () => ID, { description: 'The actor id, e.g. `actor:iran`.' }) id: string, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.actor.byId, expectId('id', id, 'actor'), 'actor');
  }

  @FieldResolver(() => [String], { description: 'Other names the source uses: a state’s capital ("Tehran"), abbreviations ("U.S.").' })
  async aliases(@Root() actor: ActorRow, @Ctx() ctx: Context) {
    return docPart<string[]>(actor, 'aliases') ?? (await ctx.loaders.actor.aliases.load(actor.id)).map((a) => a.alias);
  }

  @FieldResolver(() => [Affiliation], { description: 'The states or bodies this actor belongs to or speaks for, with its role.' })
  affiliations(@Root() actor: ActorRow, @Ctx() ctx: Context) {
    const then = docPart<Docs['Actor']['affiliations']>(actor, 'affiliations');
    if (then) return then.map((a) => ({ id: relationId(actor.id, 'AFFILIATED_WITH', a.organizationId), actorId: actor.id, organizationId: a.organizationId, role: a.role, evidence: a.evidence }));
    return ctx.loaders.actor.affiliations.load(actor.id);
  }

  @FieldResolver(() => [Affiliation], { description: 'The actors affiliated with this one (its officials, bodies, military), with their roles.' })
  members(@Root() actor: ActorRow, @Ctx() ctx: Context) {
    return ctx.loaders.actor.members.load(actor.id);
  }

  @FieldResolver(() => Actor, {
    description:
      'The party this actor speaks for: the top of its affiliation chains (Iran for Abbas Araghchi; the actor itself when it belongs to nobody). The questions resolve parties by the same walk when none are given.',
  })
  async party(@Root() actor: ActorRow, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.actor.byId, await ctx.loaders.actor.party.load(actor.id), 'actor');
  }

  @FieldResolver(() => [ActorRelation], { description: 'Relations with other actors, from both ends, each read from this actor’s side.' })
  relations(@Root() actor: ActorRow, @Ctx() ctx: Context) {
    return ctx.loaders.actor.relations.load(actor.id);
  }

  @FieldResolver(() => [Position], { description: 'The positions this actor itself holds on issues.' })
  positions(@Root() actor: ActorRow, @Ctx() ctx: Context): Promise<PositionRow[]> {
    return ctx.loaders.position.byActor.load(actor.id);
  }

  @FieldResolver(() => StatementConnection, { description: 'Statements this actor made as the speaker.' })
  statements(
    @Root() actor: ActorRow,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Conditions the statements must meet.' }) filter: StatementFilter | null,
    @Arg('orderBy', () => StatementOrder, { nullable: true, description: 'The order (default: by first mention).' }) orderBy: StatementOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection<StatementRow>(
      { list: statementList, scope: 'Actor.statements', parent: 'speaker', filters: statementFilters(filter), order: { field: 'MENTION', ...orderBy }, page, info, byId: ctx.loaders.statement.byId, keyOf: (r) => r.id },
      actor.id,
    );
  }

  @FieldResolver(() => EventConnection, { description: 'Events this actor takes part in, in any role.' })
  events(
    @Root() actor: ActorRow,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true, description: 'The order (default: by first mention).' }) orderBy: EventOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection<EventRow>(
      { list: eventList, scope: 'Actor.events', parent: 'participant', filters: eventFilters(filter), order: { field: 'MENTION', ...orderBy }, page, info, byId: ctx.loaders.event.byId, keyOf: (r) => r.id },
      actor.id,
    );
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that attest this actor.' })
  evidence(@Root() actor: ActorRow, @Ctx() ctx: Context) {
    return docPart<SpanDoc[]>(actor, 'evidence') ?? ctx.loaders.evidence.actor.load(actor.id);
  }
}

@Resolver(() => Affiliation)
export class AffiliationResolver {
  @FieldResolver(() => Actor, { description: 'The affiliated actor (the official, the body).' })
  actor(@Root() a: AffiliationValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.actor.byId, a.actorId, 'actor');
  }

  @FieldResolver(() => Actor, { description: 'The state or body the actor belongs to or speaks for.' })
  organization(@Root() a: AffiliationValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.actor.byId, a.organizationId, 'actor');
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that attest this affiliation.' })
  evidence(@Root() a: AffiliationValue & { evidence?: SpanDoc[] }, @Ctx() ctx: Context) {
    return a.evidence ?? ctx.loaders.evidence.affiliation.load(a.id);
  }
}

@Resolver(() => ActorRelation)
export class ActorRelationResolver {
  @FieldResolver(() => Actor, { description: 'The actor at the other end.' })
  actor(@Root() r: ActorRelationValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.actor.byId, r.otherId, 'actor');
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that attest this relation.' })
  evidence(@Root() r: ActorRelationValue, @Ctx() ctx: Context) {
    return ctx.loaders.evidence.actorRelation.load(r.id);
  }
}
