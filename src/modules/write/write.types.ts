import { Field, ObjectType } from 'type-graphql';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { Revision } from '../revision/revision.type.js';

/** Why a write was refused; nothing at all is written when any is returned. */
export enum UserErrorCode {
  EVIDENCE_NOT_FOUND = 'EVIDENCE_NOT_FOUND',
  EVIDENCE_AMBIGUOUS = 'EVIDENCE_AMBIGUOUS',
  NOT_FOUND = 'NOT_FOUND',
  DUPLICATE_ID = 'DUPLICATE_ID',
  INVALID_REFERENCE = 'INVALID_REFERENCE',
  INVALID_VALUE = 'INVALID_VALUE',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  STILL_REFERENCED = 'STILL_REFERENCED',
}

registerDescribedEnum(UserErrorCode, 'UserErrorCode', 'Why a write was refused (nothing was written).', {
  EVIDENCE_NOT_FOUND: 'A quote is not in its source (or no occurrence matches the given start/end or prefix/suffix). Quotes are never fuzzy-matched.',
  EVIDENCE_AMBIGUOUS: 'A quote occurs more than once in its source: give start/end or prefix/suffix to pick one.',
  NOT_FOUND: 'The node to change does not exist (or did not exist at the revision named).',
  DUPLICATE_ID: 'A node with that id, or a source with that text, exists already.',
  INVALID_REFERENCE: 'A referenced id names nothing of the right type.',
  INVALID_VALUE: 'A value is out of bounds or inconsistent (length, list size, a CONDITIONAL stance without conditions …).',
  VERSION_CONFLICT: 'The expectedVersion is not the current version: someone changed it since you read it.',
  IDEMPOTENCY_KEY_REUSED: 'This idempotency key was used with a different input.',
  STILL_REFERENCED: 'The node cannot be deleted while others refer to it; the message names them. Nothing cascades.',
});

export interface UserErrorValue {
  code: UserErrorCode;
  field: string[] | null;
  message: string;
}

@ObjectType('UserError', { description: 'A refusal the client can act on, naming the input field at fault.' })
export class UserError implements UserErrorValue {
  @Field(() => UserErrorCode, { description: 'What kind of refusal.' })
  code!: UserErrorCode;

  @Field(() => [String], { nullable: true, description: 'The path to the input field at fault, e.g. ["input", "evidence", "0", "exact"]; null when no one field is.' })
  field!: string[] | null;

  @Field(() => String, { description: 'What is wrong and how to put it right.' })
  message!: string;
}

/** Builds `<Name>Payload { <field>: Entity, revision, userErrors }` (Shopify-style). */
export function payloadOf(Entity: Function, name: string, field: string, what: string) {
  @ObjectType(`${name}Payload`, { description: `The result of ${name.charAt(0).toLowerCase()}${name.slice(1)}: ${what}, the revision written, and any refusal.` })
  class Payload {
    @Field(() => Revision, { nullable: true, description: 'The revision written; null when nothing was written.' })
    revision!: unknown;

    @Field(() => [UserError], { description: 'Why the write was refused; empty on success. When not empty, nothing was written.' })
    userErrors!: UserErrorValue[];
  }
  Field(() => Entity, { nullable: true, description: `${what.charAt(0).toUpperCase()}${what.slice(1)}; null when refused.` })(Payload.prototype, field);
  return Payload;
}

/** `<Name>Payload { report, fact, revision, userErrors }`: the report writes answer with both the report and its fact. */
export function reportPayloadOf(Report: Function, Fact: Function, name: string, what: string) {
  @ObjectType(`${name}Payload`, { description: `The result of ${name.charAt(0).toLowerCase()}${name.slice(1)}: the report, the fact, the revision written, and any refusal.` })
  class Payload {
    @Field(() => Report, { nullable: true, description: `${what.charAt(0).toUpperCase()}${what.slice(1)}; null when refused.` })
    report!: unknown;

    @Field(() => Fact, { nullable: true, description: 'The fact as it now stands (its version one up); null when refused.' })
    fact!: unknown;

    @Field(() => Revision, { nullable: true, description: 'The revision written; null when nothing was written.' })
    revision!: unknown;

    @Field(() => [UserError], { description: 'Why the write was refused; empty on success. When not empty, nothing was written.' })
    userErrors!: UserErrorValue[];
  }
  return Payload;
}
