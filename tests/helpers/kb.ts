/**
 * A migrated knowledge base on either engine for a test: a SQLite file in a temporary folder,
 * or a database of its own on the run's PostgreSQL, both through `openKb` (the real migrations),
 * empty or seeded by the real seed path (`seedDatabase`, what the server does on first start).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../src/bulk/import.js';
import { openKb, type Kb } from '../../src/db/open.js';
import { createTestDatabase, type EngineName } from './engines.js';

export interface TestKb extends Kb {
  kind: EngineName;
  /** Its DATABASE_URL: the SQLite file's path, or the PostgreSQL database's URL. */
  url: string;
  /** Closes the knowledge base and removes its file or database. */
  dispose(): Promise<void>;
}

export interface TestKbOptions {
  /** Names the PostgreSQL database (`kbt_<run>_<label>_…`), for a reader of the server's list. */
  label?: string;
  /** Sees every statement the driver runs (the SQL-count tests). */
  onStatement?: (text: string) => void;
  /** Seed it from seed/ (default false: an empty, migrated knowledge base). */
  seed?: boolean;
  /** PostgreSQL's pool size (default 4). */
  poolSize?: number;
}

export async function openTestKb(engine: EngineName, options: TestKbOptions = {}): Promise<TestKb> {
  let kb: TestKb;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
    const url = join(dir, 'kb.sqlite');
    const opened = await openKb(url, { onStatement: options.onStatement });
    kb = { ...opened, kind: engine, url, dispose: async () => (await opened.close(), rmSync(dir, { recursive: true, force: true })) };
  } else {
    const database = await createTestDatabase(options.label ?? 'kb');
    const opened = await openKb(database.url, { onStatement: options.onStatement, poolSize: options.poolSize ?? 4 });
    kb = { ...opened, kind: engine, url: database.url, dispose: async () => (await opened.close(), await database.drop()) };
  }
  if (options.seed) {
    try {
      await seedDatabase(kb);
    } catch (error) {
      await kb.dispose();
      throw error;
    }
  }
  return kb;
}

