/**
 * `npm run kb -- backup <file>`: an online backup taken while the real server serves a stream
 * of writes. The copy is whole (integrity check), a server starts on it as it is (the restore),
 * and it holds every write acknowledged before the backup began. A refused backup (the target
 * exists, its folder is missing, there is no database) writes nothing.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { seedDatabase } from '../../src/bulk/import.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { Role } from '../../src/shared/enums.js';
import { projectRoot } from '../../src/shared/paths.js';
import { startProcessServer, type ProcessServer } from '../helpers/process-server.js';

const KB_CLI = join(projectRoot(), 'dist', 'src', 'kb-cli.js');
const dir = mkdtempSync(join(tmpdir(), 'kb-backup-'));
const live = join(dir, 'kb.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `kb` as npm run kb does (without npm), against `database`; never throws on an exit code. */
async function kb(args: string[], database: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [KB_CLI, ...args], { env: { ...process.env, DATABASE_URL: database } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const CREATE = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } userErrors { code } } }`;

async function write(server: ProcessServer, key: string, name: string): Promise<string> {
  const res = await server.gql(CREATE, { input: { name, description: 'd', evidence: [{ source: 'source:us-iran-second-round-talks', exact: 'The ongoing conflict in Ukraine' }] } }, key);
  expect(res.errors).toBeUndefined();
  expect(res.data.createIssue.userErrors).toEqual([]);
  return res.data.createIssue.issue.id;
}

describe('kb backup', () => {
  it('copies the live database while writes go on, and a server starts on the copy', async () => {
    const prepared = openDatabase(live);
    migrateDatabase(prepared.db);
    seedDatabase(prepared.db);
    const key = createKey(prepared.db, Role.EDITOR, 'backup test').key;
    prepared.close();
    const server = await startProcessServer({ databaseUrl: live });
    const backup = join(dir, 'backup.sqlite');
    let restored: ProcessServer | null = null;
    try {
      const before: string[] = [];
      for (let i = 0; i < 20; i++) before.push(await write(server, key, `Before backup ${i}`));
      // Writes keep arriving while the backup runs.
      let writing = true;
      const during = (async () => {
        const ids: string[] = [];
        for (let i = 0; writing; i++) ids.push(await write(server, key, `During backup ${i}`));
        return ids;
      })();
      const result = await kb(['backup', backup], live);
      writing = false;
      const duringIds = await during;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^backed up .* to .*backup\.sqlite: \d+ pages, \d+ bytes in \d+ ms\n$/);
      expect(duringIds.length).toBeGreaterThan(0);

      const copy = new Database(backup, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const stored = copy.prepare('SELECT id FROM issues WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(before));
        expect(stored.sort()).toEqual([...before].sort());
      } finally {
        copy.close();
      }
      // The restore: a server started on the backup as it is answers from it.
      restored = await startProcessServer({ databaseUrl: backup });
      const res = await restored.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } actor(id: "actor:iran") { name } }', { ids: before });
      expect(res.errors).toBeUndefined();
      expect(res.data.nodes.map((n: { id: string }) => n.id)).toEqual(before);
      expect(res.data.actor).toEqual({ name: 'Iran' });
      console.log(`backup: taken during ${duringIds.length} concurrent writes; ${result.stdout.trim()}`);
    } finally {
      await restored?.terminate();
      await server.terminate();
    }
  });

  it('refuses a target that exists, a missing folder and a missing database, writing nothing', async () => {
    const existing = join(dir, 'existing.sqlite');
    writeFileSync(existing, 'keep me');
    const refusals = [
      { args: ['backup', existing], database: live, message: /exists already/ },
      { args: ['backup', join(dir, 'no-such-folder', 'b.sqlite')], database: live, message: /folder .* does not exist/ },
      { args: ['backup', join(dir, 'nowhere.sqlite')], database: join(dir, 'missing.sqlite'), message: /no database at/ },
      { args: ['backup'], database: live, message: /backup needs one file/ },
    ];
    for (const { args, database, message } of refusals) {
      const result = await kb(args, database);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    expect(existsSync(join(dir, 'nowhere.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
  });
});
