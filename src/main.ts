/** Start-up only: config → open db → migrate → seed if empty → schema → HTTP server. */
import { loadConfig, logOptions } from './config.js';
import { migrateDatabase, openDatabase } from './db/client.js';
import { buildKbSchema } from './schema.js';
import { buildServer } from './server.js';
import { isEmpty } from '../seed/loader.js';
import { seedDatabase } from './bulk/import.js';

const config = loadConfig(process.env);
const { db, path } = openDatabase(config.databaseUrl);
migrateDatabase(db);
const seeded = isEmpty(db) ? seedDatabase(db) : null;
const app = await buildServer({ db, schema: buildKbSchema(), config, logger: logOptions(config, process.env, process.stdout.isTTY === true) });
app.log.info({ database: path, seeded: seeded !== null }, seeded ? `opened ${path}, migrated, seeded from seed/` : `opened ${path}, migrated`);
await app.listen({ port: config.port, host: config.host });
app.log.info(`GraphQL API at http://localhost:${config.port}/graphql`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
