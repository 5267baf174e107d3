import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { EventRow, PositionRow, StatementRow } from '../../db/tables.js';
import { badUserInput, notFound } from '../../shared/errors.js';
import { Node } from '../common/node.type.js';
import { loadOne } from '../common/load.js';
import { Event } from '../event/event.type.js';
import { Factuality, type FactualityValue } from '../factuality/factuality.type.js';
import { loadNode } from '../node/node.service.js';
import { Position } from '../position/position.type.js';
import { Source } from '../source/source.type.js';
import { Statement } from '../statement/statement.type.js';
import { corroborationOf, disputes, reportsOf } from './report.service.js';
import { Corroboration, Dispute, Report, type DisputeValue, type ReportValue } from './report.type.js';

const REPORTS = 'How each source reports it: one report per source, in order of the sources’ publication (unknown dates last), then by source id.';
const CORROBORATION = 'How many sources report it, how many independently (a reprint never counts on its own), their publishers, and whether they agree.';

@Resolver(() => Report)
export class ReportResolver {
  @FieldResolver(() => Source, { description: 'The source that reports the fact.' })
  source(@Root() r: ReportValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.source.byId, r.sourceId, 'source');
  }

  @FieldResolver(() => Factuality, { description: 'How sure this source is of the fact, in whose view, and the words of this source that say so.' })
  factuality(@Root() r: ReportValue): FactualityValue {
    return { certainty: r.certainty, polarity: r.polarity, holderId: r.holderId, subject: r.kind, subjectId: r.factId, cues: r.cues };
  }
}

@Resolver(() => Dispute)
export class DisputeResolver {
  @FieldResolver(() => Node, { description: 'The disputed event, statement or position.' })
  async fact(@Root() d: DisputeValue, @Ctx() ctx: Context) {
    const node = await loadNode(ctx, d.factId);
    if (!node) throw notFound('node', d.factId);
    return node;
  }

  @FieldResolver(() => [Report], { description: 'Every report of the fact, in order of the sources’ publication.' })
  reports(@Root() d: DisputeValue) {
    return d.reports;
  }

  @Query(() => [Dispute], { description: 'Facts whose independent sources disagree (one reports it as holding, another that it does not), by fact id.' })
  async disputes(
    @Arg('first', () => Int, { nullable: true, description: 'How many disputes to return (1 to 100, default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Start after this fact id: the id of the last dispute’s fact on the page before.' }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > 100) throw badUserInput('first', 'must be from 1 to 100');
    return disputes(ctx, n, after);
  }
}

@Resolver(() => Event)
export class EventReportsResolver {
  @FieldResolver(() => [Report], { description: REPORTS })
  reports(@Root() e: EventRow, @Ctx() ctx: Context) {
    return reportsOf(ctx, 'event', e);
  }

  @FieldResolver(() => Corroboration, { description: CORROBORATION })
  corroboration(@Root() e: EventRow, @Ctx() ctx: Context) {
    return corroborationOf(ctx, 'event', e);
  }
}

@Resolver(() => Statement)
export class StatementReportsResolver {
  @FieldResolver(() => [Report], { description: REPORTS })
  reports(@Root() s: StatementRow, @Ctx() ctx: Context) {
    return reportsOf(ctx, 'statement', s);
  }

  @FieldResolver(() => Corroboration, { description: CORROBORATION })
  corroboration(@Root() s: StatementRow, @Ctx() ctx: Context) {
    return corroborationOf(ctx, 'statement', s);
  }
}

@Resolver(() => Position)
export class PositionReportsResolver {
  @FieldResolver(() => [Report], { description: REPORTS })
  reports(@Root() p: PositionRow, @Ctx() ctx: Context) {
    return reportsOf(ctx, 'position', p);
  }

  @FieldResolver(() => Corroboration, { description: CORROBORATION })
  corroboration(@Root() p: PositionRow, @Ctx() ctx: Context) {
    return corroborationOf(ctx, 'position', p);
  }
}
