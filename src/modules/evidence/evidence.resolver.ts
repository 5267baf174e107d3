import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { EvidenceRow, FactualityCueRow } from '../../db/tables.js';
import { Node } from '../common/node.type.js';
import { loadOne } from '../common/load.js';
import { Source } from '../source/source.type.js';
import { loadNode } from '../node/node.service.js';
import { Evidence } from './evidence.type.js';

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => Source, { description: 'The source the span is taken from.' })
  source(@Root() e: EvidenceRow | FactualityCueRow, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.source.byId, e.sourceId, 'source');
  }

  @FieldResolver(() => Node, {
    nullable: true,
    description:
      'The entity this span cites (actor, event, statement, issue or position), or, for a factuality cue, the fact whose certainty it sets; null when it cites a relation, an affiliation or an obstacle.',
  })
  cites(@Root() e: EvidenceRow | FactualityCueRow, @Ctx() ctx: Context) {
    const id = ('actorId' in e ? (e.actorId ?? e.issueId) : null) ?? e.eventId ?? e.statementId ?? e.positionId;
    return id === null ? null : loadNode(ctx, id);
  }
}
