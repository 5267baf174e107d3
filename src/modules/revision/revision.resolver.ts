import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import type { ChangeRow, RevisionRow } from '../../db/tables.js';
import { VERSIONED, type AnyDoc } from '../../store/documents.js';
import { RevisionConnection } from '../common/connections.js';
import { Node } from '../common/node.type.js';
import { ConnectionArgs } from '../common/page.type.js';
import { RevisionFilter } from './revision.args.js';
import { revisionFilters } from './revision.service.js';
import { revisionList } from './revision.store.js';
import { Change, Revision, RevisionAuthor } from './revision.type.js';


@Resolver(() => Revision)
export class RevisionResolver {
  @Query(() => RevisionConnection, { description: 'The history of the knowledge base, newest first: one revision per successful write, the seed load being revision 1.' })
  revisions(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filter', () => RevisionFilter, { nullable: true, description: 'Conditions the revisions must meet.' }) filter: RevisionFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.connection({ list: revisionList, scope: 'revisions', filters: revisionFilters(filter), order: { field: 'NEWEST' }, page, info, byId: ctx.loaders.revision.byNumber, keyOf: (r) => String(r.number) });
  }

  @FieldResolver(() => RevisionAuthor, { description: 'Who made it, as the API key says (never as the input says).' })
  author(@Root() r: RevisionRow): RevisionAuthor {
    return { name: r.authorName, role: r.authorRole };
  }

  @FieldResolver(() => [Change], { description: 'What it changed, one entry per node.' })
  changes(@Root() r: RevisionRow, @Ctx() ctx: Context) {
    return ctx.loaders.revision.changes.load(String(r.number));
  }
}

@Resolver(() => Change)
export class ChangeResolver {
  @FieldResolver(() => Node, {
    nullable: true,
    description: 'The node as this change left it (as it was just before, for a deletion); null for a relation, which is not a Node (see `nodeId`).',
  })
  node(@Root() c: ChangeRow) {
    if (!(VERSIONED as readonly string[]).includes(c.nodeType)) return null;
    const doc = (c.after ?? c.before) as AnyDoc | null;
    return doc?.row ?? null;
  }
}
