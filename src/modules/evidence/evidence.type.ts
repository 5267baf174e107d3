import { Field, Int, ObjectType } from 'type-graphql';
import type { EvidenceRow } from '../../db/tables.js';

@ObjectType('Evidence', {
  simpleResolvers: true,
  description:
    'A span of a source that a fact cites: a W3C Web Annotation text selector. `start`/`end` count Unicode code points, `end` exclusive, so `[...source.text].slice(start, end).join("") === exact`.',
})
export class Evidence implements Pick<EvidenceRow, 'start' | 'end' | 'exact' | 'prefix' | 'suffix'> {
  @Field(() => Int, { description: 'Offset of the first code point of the span (TextPositionSelector.start).' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last code point of the span (TextPositionSelector.end, exclusive).' })
  end!: number;

  @Field(() => String, { description: 'The exact quoted text (TextQuoteSelector.exact).' })
  exact!: string;

  @Field(() => String, { description: 'Up to 32 code points of the source just before the span (TextQuoteSelector.prefix).' })
  prefix!: string;

  @Field(() => String, { description: 'Up to 32 code points of the source just after the span (TextQuoteSelector.suffix).' })
  suffix!: string;
}
