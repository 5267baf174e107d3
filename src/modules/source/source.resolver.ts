import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import type { EvidenceRow, SourceRow } from '../../db/tables.js';
import { expectId } from '../../shared/ids.js';
import { EvidenceConnection, SourceConnection } from '../common/connections.js';
import { loadMaybe, loadOne } from '../common/load.js';
import { ConnectionArgs } from '../common/page.type.js';
import { PartialDate, toPartialDate } from '../common/partial-date.type.js';
import { EvidenceFilter, EvidenceOrder, SourceFilter, SourceOrder } from './source.args.js';
import type { FilterValues } from '../../db/keyset.js';
import { containsParam } from '../../db/sql-helpers.js';
import { evidenceList, sourceList } from './source.store.js';
import { Source } from './source.type.js';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'The news texts the knowledge base is drawn from.' })
  sources(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => SourceFilter, { nullable: true, description: 'Conditions the sources must meet.' }) filter: SourceFilter | null,
    @Arg('orderBy', () => SourceOrder, { nullable: true, description: 'The order (default: by title).' }) orderBy: SourceOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection({ list: sourceList, scope: 'sources', filters: textFilter(filter?.text, 2), order: { field: 'TITLE', ...orderBy }, page, info, byId: ctx.loaders.source.byId, keyOf: (r) => r.id });
  }

  @Query(() => Source, { description: 'One source by id; a NOT_FOUND error when there is none.' })
  source(@Arg('id', () => ID, { description: 'The source id.' }) id: string, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.source.byId, expectId('id', id, 'source'), 'source');
  }

  @FieldResolver(() => PartialDate, { description: 'When it was published, as far as known (UNKNOWN when the text carries no date).' })
  publishedOn(@Root() s: SourceRow): PartialDate {
    return toPartialDate({ precision: s.publishedPrecision, year: s.publishedYear, month: s.publishedMonth, day: s.publishedDay, note: s.publishedNote });
  }

  @FieldResolver(() => Source, { nullable: true, description: 'The source whose story this one reprints (a syndicated copy); null when it is its own. A reprint never counts as an independent source.' })
  reprintOf(@Root() s: SourceRow, @Ctx() ctx: Context) {
    return loadMaybe(ctx.loaders.source.byId, s.reprintOfId);
  }

  @FieldResolver(() => EvidenceConnection, { description: 'Every span of this source that the knowledge base cites, in text order.' })
  evidence(
    @Root() s: SourceRow,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => EvidenceFilter, { nullable: true, description: 'Conditions the spans must meet.' }) filter: EvidenceFilter | null,
    @Arg('orderBy', () => EvidenceOrder, { nullable: true, description: 'The order (default: by position in the text).' }) orderBy: EvidenceOrder | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection<EvidenceRow>(
      { list: evidenceList, scope: 'Source.evidence', parent: 'source', filters: textFilter(filter?.text, 1), order: { field: 'START', ...orderBy }, page, info, byId: ctx.loaders.source.evidenceById, keyOf: (r) => String(r.id) },
      s.id,
    );
  }
}

/** The lists of sources and spans filter by text only: the text, once per column it is sought in. */
function textFilter(text: string | null | undefined, columns: number): FilterValues {
  return text ? [['text', Array.from({ length: columns }, () => containsParam(text))]] : [];
}
