import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { SourceRow } from '../../db/tables.js';
import { Node } from '../common/node.type.js';

@ObjectType('Source', { simpleResolvers: true, implements: Node, description: 'A news text the knowledge base is drawn from; every fact cites spans of it.' })
export class Source implements Node, Pick<SourceRow, 'id' | 'title' | 'text' | 'url' | 'contentHash' | 'version' | 'publisher'> {
  @Field(() => Int, { description: 'Its version: 1 when created, one more with every change (a deletion leaves the tombstone at one more). Updates, deletes and restores name it as `expectedVersion`.' })
  version!: number;

  @Field(() => ID, { description: 'Readable, stable id, e.g. `source:us-iran-second-round-talks`.' })
  id!: string;

  @Field(() => String, { description: 'The title (the article’s opening words when it has no headline).' })
  title!: string;

  @Field(() => String, { description: 'The full text, verbatim. Evidence offsets count its Unicode code points.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Where the text was published, when known.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the text’s UTF-8 bytes: the same text is never added twice.' })
  contentHash!: string | null;

  @Field(() => String, { nullable: true, description: 'The outlet that published it (a wire service, a paper), when known.' })
  publisher!: string | null;
}
