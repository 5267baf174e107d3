import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { docPart } from '../common/as-of.js';
import type { EventParticipantRow, EventRow } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { Actor } from '../actor/actor.type.js';
import { EventConnection } from '../common/connections.js';
import { loadAll, loadMaybe, loadOne } from '../common/load.js';
import { ConnectionArgs } from '../common/page.type.js';
import { PartialDate, toPartialDate } from '../common/partial-date.type.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Factuality, factualityOf } from '../factuality/factuality.type.js';
import { Issue } from '../issue/issue.type.js';
import { Place } from '../place/place.type.js';
import { Statement } from '../statement/statement.type.js';
import { EventFilter, EventOrder } from './event.args.js';
import { eventFilters } from './event.service.js';
import { eventList } from './event.store.js';
import type { Docs, SpanDoc } from '../../store/documents.js';
import { Event, EventRelation, Participant, type EventRelationValue } from './event.type.js';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: 'Events: what happened, is ongoing, or is only considered or threatened.' })
  events(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true, description: 'The order (default: by first mention).' }) orderBy: EventOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection({ list: eventList, scope: 'events', filters: eventFilters(filter), order: { field: 'MENTION', ...orderBy }, page, info, byId: ctx.loaders.event.byId, keyOf: (r) => r.id });
  }

  @Query(() => Event, { description: 'One event by id; a NOT_FOUND error when there is none.' })
  event(@Arg('id', () => ID, { description: 'The event id, e.g. `event:oman-talks-first-round`.' }) id: string, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.event.byId, expectId('id', id, 'event'), 'event');
  }

  @FieldResolver(() => PartialDate, { description: 'When it started, as precisely as the source says (UNKNOWN when it does not).' })
  start(@Root() e: EventRow): PartialDate {
    return toPartialDate({ precision: e.startPrecision, year: e.startYear, month: e.startMonth, day: e.startDay, note: e.startNote });
  }

  @FieldResolver(() => PartialDate, { description: 'When it ended, as precisely as the source says (UNKNOWN when it does not).' })
  end(@Root() e: EventRow): PartialDate {
    return toPartialDate({ precision: e.endPrecision, year: e.endYear, month: e.endMonth, day: e.endDay, note: e.endNote });
  }

  @FieldResolver(() => Place, { nullable: true, description: 'Where it took place, when the source says.' })
  location(@Root() e: EventRow, @Ctx() ctx: Context) {
    return loadMaybe(ctx.loaders.event.placeById, e.locationId);
  }

  @FieldResolver(() => [Participant], { description: 'Who took part, and in what role (initiator, target, host …).' })
  participants(@Root() e: EventRow, @Ctx() ctx: Context) {
    return docPart<Docs['Event']['participants']>(e, 'participants') ?? ctx.loaders.event.participants.load(e.id);
  }

  @FieldResolver(() => [Issue], { description: 'The negotiation issues this event concerns.' })
  async issues(@Root() e: EventRow, @Ctx() ctx: Context) {
    const ids = docPart<string[]>(e, 'issueIds') ?? (await ctx.loaders.event.issueIds.load(e.id)).map((l) => l.issueId);
    return loadAll(ctx.loaders.issue.byId, ids);
  }

  @FieldResolver(() => [Statement], { description: 'Statements made in or about this event.' })
  statements(@Root() e: EventRow, @Ctx() ctx: Context) {
    return ctx.loaders.statement.byEvent.load(e.id);
  }

  @FieldResolver(() => [EventRelation], { description: 'How this event relates to others in time or cause, from both ends, read from this event’s side.' })
  relations(@Root() e: EventRow, @Ctx() ctx: Context) {
    return ctx.loaders.event.relations.load(e.id);
  }

  @FieldResolver(() => Factuality, { description: 'How sure the source is that the event happened or will happen, as its status tells, in whose view, and the words that say so.' })
  factuality(@Root() e: EventRow) {
    return factualityOf('event', e);
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that attest this event.' })
  evidence(@Root() e: EventRow, @Ctx() ctx: Context) {
    return docPart<SpanDoc[]>(e, 'evidence') ?? ctx.loaders.evidence.event.load(e.id);
  }
}

@Resolver(() => Participant)
export class ParticipantResolver {
  @FieldResolver(() => Actor, { description: 'The participating actor.' })
  actor(@Root() p: EventParticipantRow, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.actor.byId, p.actorId, 'actor');
  }
}

@Resolver(() => EventRelation)
export class EventRelationResolver {
  @FieldResolver(() => Event, { description: 'The event at the other end.' })
  event(@Root() r: EventRelationValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.event.byId, r.otherId, 'event');
  }

  @FieldResolver(() => [Evidence], { description: 'The spans of the source that state this relation ("following the conflict").' })
  evidence(@Root() r: EventRelationValue, @Ctx() ctx: Context) {
    return ctx.loaders.evidence.eventRelation.load(r.id);
  }
}
