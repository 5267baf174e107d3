import DataLoader from 'dataloader';
import { asc, inArray, or } from 'drizzle-orm';
import { AffiliationGraph } from '../../analysis/stance.js';
import type { Db } from '../../db/client.js';
import { bothEndsLoader, byIdLoader, groupLoader } from '../../db/loader-kit.js';
import { actorAliases, actorRelations, actors, affiliations, type ActorRow } from '../../db/tables.js';
import { ACTOR_RELATION_INVERSE } from '../../shared/enums.js';
import type { AffiliationValue } from './actor.type.js';

export function createActorLoaders(db: Db) {
  return {
    byId: byIdLoader<ActorRow>(db, actors),
    aliases: groupLoader(
      (ids: string[]) => db.select().from(actorAliases).where(inArray(actorAliases.actorId, ids)).orderBy(asc(actorAliases.alias)).all(),
      (r) => r.actorId,
    ),
    /** The organizations an actor belongs to or speaks for. */
    affiliations: groupLoader<AffiliationValue>(
      (ids) => db.select().from(affiliations).where(inArray(affiliations.actorId, ids)).orderBy(asc(affiliations.id)).all(),
      (r) => r.actorId,
    ),
    /** The actors that belong to or speak for an organization. */
    members: groupLoader<AffiliationValue>(
      (ids) => db.select().from(affiliations).where(inArray(affiliations.organizationId, ids)).orderBy(asc(affiliations.id)).all(),
      (r) => r.organizationId,
    ),
    /**
     * The party an actor speaks for: the top of its affiliation chains, walked by the same
     * `AffiliationGraph` the questions use, so /explore and the API cannot disagree.
     */
    party: new DataLoader<string, string>(async (ids) => {
      const graph = new AffiliationGraph(db.select({ actorId: affiliations.actorId, organizationId: affiliations.organizationId }).from(affiliations).all());
      return ids.map((id) => graph.topLevelOf(id));
    }),
    /** Relations from both ends: stored once, read with the inverse kind from the object's side. */
    relations: bothEndsLoader(
      (ids: string[]) => db.select().from(actorRelations).where(or(inArray(actorRelations.subjectId, ids), inArray(actorRelations.objectId, ids))).orderBy(asc(actorRelations.id)).all(),
      ACTOR_RELATION_INVERSE,
      (r) => ({ note: r.note, certainty: r.certainty }),
    ),
  };
}
