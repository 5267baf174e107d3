import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ActorRow } from '../../db/tables.js';
import { ActorKind, ActorRelationKind, Certainty } from '../../shared/enums.js';
import { Node } from '../common/node.type.js';

@ObjectType('Actor', { simpleResolvers: true, implements: Node, description: 'Someone who acts or speaks in the news: a state, a government body, a military, a person, a group, or an unnamed source.' })
export class Actor implements Node, Pick<ActorRow, 'id' | 'name' | 'kind' | 'countryCode' | 'cameoCode' | 'description' | 'version'> {
  @Field(() => Int, { description: 'Its version: 1 when created, one more with every change (a deletion leaves the tombstone at one more). Updates, deletes and restores name it as `expectedVersion`.' })
  version!: number;

  @Field(() => ID, { description: 'Readable, stable id, e.g. `actor:iran`.' })
  id!: string;

  @Field(() => String, { description: 'The name the source uses.' })
  name!: string;

  @Field(() => ActorKind, { description: 'What kind of actor this is.' })
  kind!: ActorKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the country (a reference code added by the curators, not from the source).' })
  countryCode!: string | null;

  @Field(() => String, { nullable: true, description: 'CAMEO actor code, e.g. `IRN`, `USAGOV`, `USAMIL` (a reference code added by the curators).' })
  cameoCode!: string | null;

  @Field(() => String, { description: 'Who this actor is, as the source presents it.' })
  description!: string;
}

/** An affiliation row as the resolvers pass it on. */
export interface AffiliationValue {
  id: string;
  actorId: string;
  organizationId: string;
  role: string | null;
}

@ObjectType('Affiliation', { description: 'An actor belonging to or speaking for another: an official for a state, a military for its state.' })
export class Affiliation implements Pick<AffiliationValue, 'role'> {
  @Field(() => String, { nullable: true, description: 'The role the source names, e.g. "Foreign Minister"; null when it names none.' })
  role!: string | null;
}

/** An actor relation as seen from one end (see `actor.service.ts`). */
export interface ActorRelationValue {
  id: string;
  kind: ActorRelationKind;
  otherId: string;
  note: string | null;
  certainty: Certainty;
}

@ObjectType('ActorRelation', { description: 'A relation between two actors, read from the side of the actor holding it (SUPPORTS on one end is SUPPORTED_BY on the other).' })
export class ActorRelation implements Pick<ActorRelationValue, 'id' | 'kind' | 'note' | 'certainty'> {
  @Field(() => ID, { description: 'The stored relation’s id, the same from both ends (`removeRelation` and `addEvidence` take it).' })
  id!: string;

  @Field(() => ActorRelationKind, { description: 'The relation, read from this side.' })
  kind!: ActorRelationKind;

  @Field(() => String, { nullable: true, description: 'What the source says the relation bears on, when narrower than the actor as a whole ("to U.S. policies in the region").' })
  note!: string | null;

  @Field(() => Certainty, { description: 'How sure the source is that the relation holds (CERTAIN unless the source hedges it or the reading is uncertain).' })
  certainty!: Certainty;
}
