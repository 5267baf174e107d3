import { Field, ObjectType } from 'type-graphql';
import { Certainty, Polarity } from '../../shared/enums.js';
import { docPart } from '../common/as-of.js';

/** The kinds of fact that carry a factuality, each with its own cues. */
export type FactualSubject = 'event' | 'statement' | 'position';

/** A fact's factuality as stored, with what the resolver needs to fetch its holder and cues. */
export interface FactualityValue {
  certainty: Certainty;
  polarity: Polarity;
  holderId: string | null;
  subject: FactualSubject;
  subjectId: string;
  /** The cues as a document had them, for a node read `asOf`; otherwise loaded. */
  cues?: unknown[];
}

/** The factuality columns of an event, statement or position row. */
export function factualityOf(subject: FactualSubject, row: { id: string; certainty: Certainty; polarity: Polarity; holderId: string | null }): FactualityValue {
  return { certainty: row.certainty, polarity: row.polarity, holderId: row.holderId, subject, subjectId: row.id, cues: docPart<unknown[]>(row, 'cues') };
}

@ObjectType('Factuality', {
  description:
    'How sure the source is of a fact, and in whose view (after FactBank’s factuality values). A fact the source states plainly in its own voice is CERTAIN/POSITIVE with no holder and no cue.',
})
export class Factuality implements Pick<FactualityValue, 'certainty' | 'polarity'> {
  @Field(() => Certainty, { description: 'How sure: certain, probable, possible, or not committed either way.' })
  certainty!: Certainty;

  @Field(() => Polarity, { description: 'Whether the fact is asserted to hold (POSITIVE), not to hold (NEGATIVE, as in a denial), or neither.' })
  polarity!: Polarity;
}
