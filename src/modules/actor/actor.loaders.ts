import DataLoader from 'dataloader';
import { AffiliationGraph } from '../../analysis/stance.js';
import type { Executor } from '../../db/engine.js';
import { bothEndsLoader, byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { ACTOR_RELATION_INVERSE } from '../../shared/enums.js';
import { actorStore } from './actor.store.js';
import type { AffiliationValue } from './actor.type.js';

export function createActorLoaders(q: Executor) {
  return {
    byId: byIdLoader((ids) => actorStore.byIds(q, ids)),
    aliases: groupLoader((ids: string[]) => actorStore.aliases(q, ids), (r) => r.actorId),
    /** The organizations an actor belongs to or speaks for. */
    affiliations: groupLoader<AffiliationValue>((ids) => actorStore.affiliations(q, ids), (r) => r.actorId),
    /** The actors that belong to or speak for an organization. */
    members: groupLoader<AffiliationValue>((ids) => actorStore.members(q, ids), (r) => r.organizationId),
    /**
     * The party an actor speaks for: the top of its affiliation chains, walked by the same
     * `AffiliationGraph` the questions use, so /explore and the API cannot disagree.
     */
    party: new DataLoader<string, string>(async (ids) => {
      const graph = new AffiliationGraph(await actorStore.allAffiliations(q));
      return ids.map((id) => graph.topLevelOf(id));
    }),
    /** Relations from both ends: stored once, read with the inverse kind from the object's side. */
    relations: bothEndsLoader((ids) => actorStore.relations(q, ids), ACTOR_RELATION_INVERSE, (r) => ({ note: r.note, certainty: r.certainty })),
  };
}
