/**
 * `npm run seed`: rebuilds the knowledge base in DATABASE_URL from scratch out of `seed/`.
 * Writes made through the API exist nowhere else, so once there are any (a revision beyond
 * the seed's), it refuses unless told `--force`.
 */
import { loadConfig } from '../src/config.js';
import { openKb } from '../src/db/open.js';
import { latestRevision } from '../src/store/history.js';
import { seedDatabase } from '../src/bulk/import.js';
import { SeedError } from '../src/bulk/bundle-reader.js';

const config = loadConfig(process.env);
const kb = await openKb(config.databaseUrl);
const { engine, location: path } = kb;
try {
  const written = await latestRevision(engine);
  if (written > 1 && !process.argv.includes('--force')) {
    console.error(`seed refused: ${path} holds ${written - 1} revision(s) written through the API, which a re-seed would erase; run \`npm run seed -- --force\` to erase them`);
    process.exit(2);
  }
  const rows = await seedDatabase(kb);
  console.log(`seeded ${path}: ${rows.actors} actors, ${rows.events} events, ${rows.statements} statements, ${rows.issues} issues, ${rows.positions} positions, ${rows.evidence} evidence spans`);
} catch (e) {
  if (!(e instanceof SeedError)) throw e;
  console.error(`seed refused, database left as it was: ${e.message}`);
  process.exitCode = 1;
} finally {
  await kb.close();
}
