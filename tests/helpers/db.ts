/** Test databases: a real SQLite file in a temporary folder, built by the real migrations. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type OpenDatabase, type OpenOptions } from '../../src/db/client.js';
import { seedDatabase } from '../../src/bulk/import.js';

export interface TestDb extends OpenDatabase {
  /** Closes the database and deletes its folder. */
  dispose(): void;
}

export async function openTestDb(options: OpenOptions & { seed?: boolean } = {}): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
  const opened = openDatabase(join(dir, 'kb.sqlite'), options);
  migrateDatabase(opened.db);
  if (options.seed ?? true) await seedDatabase(opened);
  return {
    ...opened,
    dispose() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
