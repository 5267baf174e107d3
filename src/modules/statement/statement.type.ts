import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { StatementRow } from '../../db/tables.js';
import { AttributionKind, Certainty, StatementKind, StatementRelationKind } from '../../shared/enums.js';
import { Node } from '../common/node.type.js';

@ObjectType('Statement', { simpleResolvers: true, implements: Node, description: 'Something said: a claim, denial, threat, caution, demand, report, address, or the source’s own analysis.' })
export class Statement implements Node, Pick<StatementRow, 'id' | 'kind' | 'summary' | 'version'> {
  @Field(() => Int, { description: 'Its version: 1 when created, one more with every change (a deletion leaves the tombstone at one more). Updates, deletes and restores name it as `expectedVersion`.' })
  version!: number;

  @Field(() => ID, { description: 'Readable, stable id, e.g. `statement:iran-denies-messages`.' })
  id!: string;

  @Field(() => StatementKind, { description: 'What kind of speech act this is.' })
  kind!: StatementKind;

  @Field(() => String, { description: 'What was said, in brief.' })
  summary!: string;
}

@ObjectType('Attribution', { description: 'How the source attributes a statement.' })
export class Attribution {
  @Field(() => AttributionKind, { description: 'Named speaker, anonymous officials, unattributed reports, or the source’s own analysis.' })
  kind!: AttributionKind;

  @Field(() => String, { nullable: true, description: 'The source’s words for the attribution, e.g. "U.S. Officials speaking on condition of anonymity".' })
  detail!: string | null;
}

/** A statement relation as seen from one end. */
export interface StatementRelationValue {
  id: string;
  kind: StatementRelationKind;
  otherId: string;
  certainty: Certainty;
}

@ObjectType('StatementRelation', { description: 'How two statements relate, read from the side of the statement holding it (DENIES on the denial is DENIED_BY on the claim).' })
export class StatementRelation implements Pick<StatementRelationValue, 'id' | 'kind' | 'certainty'> {
  @Field(() => ID, { description: 'The stored relation’s id, the same from both ends (`removeRelation` and `addEvidence` take it).' })
  id!: string;

  @Field(() => StatementRelationKind, { description: 'The relation, read from this side.' })
  kind!: StatementRelationKind;

  @Field(() => Certainty, { description: 'How sure the source is that the relation holds (CERTAIN unless the source hedges it or the reading is uncertain).' })
  certainty!: Certainty;
}
