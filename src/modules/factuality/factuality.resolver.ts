import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { Actor } from '../actor/actor.type.js';
import { loadOne } from '../common/load.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Factuality, type FactualityValue } from './factuality.type.js';

@Resolver(() => Factuality)
export class FactualityResolver {
  @FieldResolver(() => Actor, {
    nullable: true,
    description: 'Whose view it is: null for the source’s own voice; the actor the source relays otherwise (a statement’s speaker, anonymous officials).',
  })
  holder(@Root() f: FactualityValue, @Ctx() ctx: Context) {
    return f.holderId === null ? null : loadOne(ctx.loaders.actor.byId, f.holderId, 'actor');
  }

  @FieldResolver(() => [Evidence], { description: 'The spans that set the certainty, polarity or holder ("is likely to", "could", "has denied", "according to"), in text order; empty for a plain fact.' })
  cues(@Root() f: FactualityValue, @Ctx() ctx: Context) {
    return f.cues ?? ctx.loaders.cues[f.subject].load(f.subjectId);
  }
}
