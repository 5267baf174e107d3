/**
 * `npm run kb -- backup <file>`: an online backup taken while the real server serves a stream
 * of writes. The copy is whole (integrity check), a server starts on it as it is (the restore),
 * and it holds every write acknowledged before the backup began. A refused backup (the target
 * exists, its folder is missing, there is no database) writes nothing.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { seedDatabase } from '../../src/bulk/import.js';
import { backupDatabase } from '../../src/db/backup.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { Role } from '../../src/shared/enums.js';
import { projectRoot } from '../../src/shared/paths.js';
import { createTestDatabase, postgresAvailable } from '../helpers/engines.js';
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
    await seedDatabase(prepared);
    const key = (await createKey(prepared.engine, Role.EDITOR, 'backup test')).key;
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
      expect(result.stdout).toMatch(/^backed up .* to .*backup\.sqlite: \d+ pages, \d+ bytes in \d+ ms, integrity_check ok\n$/);
      // The copy was made under a temporary name and linked to its own: nothing else is left beside it.
      expect(readdirSync(dir).filter((f) => f.includes('backup'))).toEqual(['backup.sqlite']);
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

  it('finishes while another connection writes without pause, and copies the state of one commit', async () => {
    // About 20 MB: 200 steps at better-sqlite3's default of 100 pages, each restarted by a
    // write from another connection; the backup copies every page in one step instead.
    const busy = join(dir, 'busy.sqlite');
    const source = new Database(busy);
    source.pragma('journal_mode = WAL');
    source.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const fill = source.prepare('INSERT INTO filler (body) VALUES (?)');
    source.transaction(() => {
      for (let i = 0; i < 5000; i++) fill.run(Buffer.alloc(4000, i % 251));
    })();
    const writer = new Database(busy);
    const add = writer.prepare('INSERT INTO filler (body) VALUES (?)');
    // Every commit adds two rows: a copy of one commit's state holds an even number of them.
    const pair = writer.transaction(() => (add.run(Buffer.alloc(10)), add.run(Buffer.alloc(10))));
    let commits = 0;
    const writing = setInterval(() => (pair(), commits++), 1);
    const copy = join(dir, 'busy-backup.sqlite');
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const done = await backupDatabase(source, copy);
      expect(done.pages).toBeGreaterThan(5000);
      expect(done.ms).toBeLessThan(10_000);
    } finally {
      clearInterval(writing);
      writer.close();
      source.close();
    }
    expect(commits).toBeGreaterThan(0);
    const copied = new Database(copy, { readonly: true });
    try {
      expect(copied.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = copied.prepare('SELECT count(*) FROM filler').pluck().get() as number;
      expect(rows).toBeGreaterThan(5000);
      expect((rows - 5000) % 2).toBe(0);
    } finally {
      copied.close();
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

// A backup of PostgreSQL is pg_dump's job: the command says so, as a process, and writes nothing.
describe.runIf(postgresAvailable())('kb backup on PostgreSQL', () => {
  it('refuses in one line naming pg_dump and the URL without its password, exit code 2, writing nothing', async () => {
    const database = await createTestDatabase('backup_refused');
    try {
      const url = new URL(database.url);
      url.password = 's3cret';
      const target = join(dir, 'pg.dump');
      const run = await kb(['backup', target], url.toString());
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^kb: backup refused: postgres:\/\/[^ ]+ is PostgreSQL; back it up with pg_dump \(pg_dump --format=custom --file=.*pg\.dump '/);
      expect(run.stderr).not.toContain('s3cret');
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith('pg.dump') || f.startsWith('.pg.dump'))).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
