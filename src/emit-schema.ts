/** `npm run schema`: writes the sorted SDL of the code's schema to schema/schema.graphql. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKbSchema, printSortedSchema } from './schema.js';
import { projectRoot } from './shared/paths.js';

const file = join(projectRoot(), 'schema', 'schema.graphql');
writeFileSync(file, printSortedSchema(buildKbSchema()));
console.log(`wrote ${file}`);
