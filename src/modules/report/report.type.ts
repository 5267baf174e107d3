import { Field, Int, ObjectType } from 'type-graphql';
import { Agreement } from '../../analysis/corroboration.js';
import type { Certainty, Polarity } from '../../shared/enums.js';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { Evidence } from '../evidence/evidence.type.js';
import type { ReportFactKind } from './report.store.js';

registerDescribedEnum(Agreement, 'Agreement', 'Whether the sources reporting a fact agree.', {
  SINGLE_SOURCE: 'One independent source reports it (its reprints may too), and nothing contradicts it.',
  CONCUR: 'Two or more independent sources report it, and none reports the opposite.',
  CONFLICT: 'Two independent sources give it opposite polarity: one says it happened or was said, the other that it did not.',
});

/** A report as the resolvers pass it on: the fact, the source, its reading and its spans. */
export interface ReportValue {
  kind: ReportFactKind;
  factId: string;
  sourceId: string;
  certainty: Certainty;
  polarity: Polarity;
  holderId: string | null;
  evidence: { sourceId: string; start: number; end: number; exact: string; prefix: string; suffix: string }[];
  cues: { sourceId: string; start: number; end: number; exact: string; prefix: string; suffix: string }[];
}

@ObjectType('Report', {
  description:
    'How one source reports one fact: the spans of that source that attest it, and how sure that source is of it, in whose view. A fact’s own `factuality` is the reading of the source it was first recorded from; its `reports` hold every source’s.',
})
export class Report {
  @Field(() => [Evidence], { description: 'The spans of this source that attest the fact, in text order.' })
  evidence!: ReportValue['evidence'];
}

@ObjectType('Corroboration', { description: 'How many sources report a fact, how many of them independently, who published them, and whether they agree.' })
export class Corroboration {
  @Field(() => Int, { description: 'How many sources report it (reprints included).' })
  sources!: number;

  @Field(() => Int, { description: 'How many independent sources report it: a reprint counts as the source it reprints, never on top of it.' })
  independentSources!: number;

  @Field(() => [String], { description: 'The outlets that published the reporting sources, where known, each once, sorted.' })
  publishers!: string[];

  @Field(() => Agreement, { description: 'SINGLE_SOURCE, CONCUR, or CONFLICT when two independent reports give opposite polarity.' })
  agreement!: Agreement;
}

/** A disputed fact as the resolvers pass it on. */
export interface DisputeValue {
  factId: string;
  reports: ReportValue[];
  reason: string;
}

@ObjectType('Dispute', { description: 'A fact whose independent sources disagree: one reports it as holding, another that it does not.' })
export class Dispute {
  @Field(() => String, { description: 'Which sources disagree, and how.' })
  reason!: string;
}
