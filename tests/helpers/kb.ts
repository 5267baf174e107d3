/**
 * A migrated knowledge base on either engine for a test: a SQLite file in a temporary folder,
 * or a database of its own on the run's PostgreSQL, both through `openKb` (the real migrations).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKb, type Kb } from '../../src/db/open.js';
import { createTestDatabase, type EngineName } from './engines.js';

export interface TestKb extends Kb {
  kind: EngineName;
  /** Closes the knowledge base and removes its file or database. */
  dispose(): Promise<void>;
}

export async function openTestKb(engine: EngineName, options: { label?: string; onStatement?: (text: string) => void } = {}): Promise<TestKb> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
    const kb = await openKb(join(dir, 'kb.sqlite'), { onStatement: options.onStatement });
    return { ...kb, kind: engine, dispose: async () => (await kb.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const database = await createTestDatabase(options.label ?? 'kb');
  const kb = await openKb(database.url, { onStatement: options.onStatement, poolSize: 4 });
  return { ...kb, kind: engine, dispose: async () => (await kb.close(), await database.drop()) };
}
