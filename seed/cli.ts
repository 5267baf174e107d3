/** `npm run seed`: rebuilds the knowledge base in DATABASE_URL from scratch out of `seed/`. */
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { loadConfig } from '../src/config.js';
import { SeedError, seedDatabase } from './loader.js';

const config = loadConfig(process.env);
const { db, path, close } = openDatabase(config.databaseUrl);
try {
  migrateDatabase(db);
  const plan = seedDatabase(db);
  console.log(
    `seeded ${path}: ${plan.actors.length} actors, ${plan.events.length} events, ${plan.statements.length} statements, ` +
      `${plan.issues.length} issues, ${plan.positions.length} positions, ${plan.evidence.length} evidence spans`,
  );
} catch (e) {
  if (!(e instanceof SeedError)) throw e;
  console.error(`seed refused, database left as it was: ${e.message}`);
  process.exitCode = 1;
} finally {
  close();
}
