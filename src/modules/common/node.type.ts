import { Field, ID, InterfaceType } from 'type-graphql';
import { typeOfId } from '../../shared/ids.js';

/** The Relay Node interface: every entity has a readable, stable `<type>:<slug>` id. */
@InterfaceType('Node', {
  description: 'An entity of the knowledge base, fetchable by its id with `node(id:)`.',
  // The id prefix names the type, so no row needs to carry a type tag.
  resolveType: (value: { id: string }) => typeOfId(value.id) ?? undefined,
})
export abstract class Node {
  @Field(() => ID, { description: 'Readable, stable id `<type>:<slug>`, e.g. `actor:iran`; it survives re-seeding.' })
  id!: string;
}
