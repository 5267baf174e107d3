import { Field, InputType } from 'type-graphql';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { orderInputOf } from '../common/page.type.js';

@InputType('SourceFilter', { description: 'Narrows a list of sources.' })
export class SourceFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the title or the text.' })
  text?: string | null;
}

@InputType('EvidenceFilter', { description: 'Narrows a list of evidence spans.' })
export class EvidenceFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text found in the quoted span.' })
  text?: string | null;
}

export enum SourceOrderField {
  TITLE = 'TITLE',
  ID = 'ID',
}

registerDescribedEnum(SourceOrderField, 'SourceOrderField', 'What to order sources by.', {
  TITLE: 'By title (the default).',
  ID: 'By id.',
});

export const SourceOrder = orderInputOf(SourceOrderField, 'Source', 'sources');
export type SourceOrder = InstanceType<typeof SourceOrder>;

export enum EvidenceOrderField {
  START = 'START',
  LENGTH = 'LENGTH',
}

registerDescribedEnum(EvidenceOrderField, 'EvidenceOrderField', 'What to order evidence spans by.', {
  START: 'By position in the source text (the default).',
  LENGTH: 'By length of the quoted span, then position.',
});

export const EvidenceOrder = orderInputOf(EvidenceOrderField, 'Evidence', 'evidence spans');
export type EvidenceOrder = InstanceType<typeof EvidenceOrder>;
