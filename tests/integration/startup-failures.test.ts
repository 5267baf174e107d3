/**
 * Start-up refusals of the real server process (`node dist/src/main.js`, what `npm test`'s
 * pretest builds), as an operator meets them (issue 16, "Bad input and faults"): an unknown
 * DATABASE_URL scheme, a PostgreSQL where nothing listens, credentials PostgreSQL refuses, and
 * a database migrated by newer code, on either engine. Each prints one line naming what and
 * where, exits non-zero, and writes nothing: no folder named after the scheme in the working
 * folder (where a URL misread as a relative path would land), no SQLite file, the PostgreSQL
 * database as it was.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKb } from '../../src/db/open.js';
import { postgresAvailable, providedPostgres, type EngineName } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { SERVER_SCRIPT } from '../helpers/process-server.js';
import { snapshotKb } from '../helpers/snapshot.js';
import { sqlRun, sqlValue } from '../helpers/sql.js';
import { freePort } from '../helpers/free-port.js';

interface Refusal {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the server with `databaseUrl` from `cwd` and resolves once it has exited (a server that starts instead is killed and fails the test). */
function runServer(databaseUrl: string, cwd: string): Promise<Refusal> {
  const child = spawn(process.execPath, [SERVER_SCRIPT], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit within 60 s on ${databaseUrl}; it printed:\n${stdout}${stderr}`));
    }, 60_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The refusal is one line on stderr, `kb: not started: …`, matching `what`; nothing on stdout; a non-zero exit. */
function expectOneLine(refusal: Refusal, what: RegExp): void {
  expect(refusal.code).not.toBe(0);
  expect(refusal.code).not.toBeNull();
  expect(refusal.stdout).toBe('');
  const lines = refusal.stderr.split('\n').filter((l) => l !== '');
  expect(lines, refusal.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^kb: not started: /);
  expect(lines[0]).toMatch(what);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('Start-up: a DATABASE_URL the server cannot use is refused in one line, writing nothing', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'kb-startup-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('refuses an unknown scheme (mysql://x), naming it, and creates no folder named after it', async () => {
    const refusal = await runServer('mysql://x', cwd);
    expectOneLine(refusal, /DATABASE_URL has the scheme "mysql:"/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a PostgreSQL URL where nothing listens, naming host and port, and creates no folder named postgres:', async () => {
    const port = await freePort();
    const refusal = await runServer(`postgres://kb@127.0.0.1:${port}/kb`, cwd);
    expectOneLine(refusal, new RegExp(`cannot reach PostgreSQL at postgres://kb@127\\.0\\.0\\.1:${port}/kb`));
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.runIf(postgresAvailable())('refuses credentials PostgreSQL rejects (a role it does not know), naming the server, without its password', async () => {
    const url = new URL(providedPostgres()!.adminUrl);
    url.username = 'no_such_role';
    url.password = 'secret-never-printed';
    const refusal = await runServer(url.toString(), cwd);
    expectOneLine(refusal, new RegExp(`PostgreSQL at postgres://no_such_role@${url.hostname}:${url.port}${url.pathname} refused the credentials`));
    expect(refusal.stderr).not.toContain('secret-never-printed');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('Start-up: a database migrated by newer code is refused in one line and left as it was', () => {
  const FAR_FUTURE = 32503680000000; // 3000-01-01, in drizzle-kit's milliseconds

  it('refuses a SQLite file whose migrations are newer than the code, leaving the file byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-startup-newer-'));
    try {
      const file = join(dir, 'kb.sqlite');
      const kb = await openKb(file);
      await sqlRun(kb.engine, 'INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)', ['from-the-future', FAR_FUTURE]);
      await kb.close();
      const before = { files: readdirSync(dir).sort(), hash: sha256(file) };
      const refusal = await runServer(file, dir);
      expectOneLine(refusal, new RegExp(`the database at ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/kb\\.sqlite was migrated by newer code`));
      expect({ files: readdirSync(dir).sort(), hash: sha256(file) }).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not create a SQLite file that is not there when it refuses the URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-startup-nofile-'));
    try {
      const refusal = await runServer('sqlite://kb.sqlite', dir);
      expectOneLine(refusal, /DATABASE_URL has the scheme "sqlite:"/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.runIf(postgresAvailable())('on PostgreSQL', () => {
    let kb: TestKb;
    const engine: EngineName = 'postgres';
    beforeEach(async () => {
      kb = await openTestKb(engine, { seed: true, label: 'startup_newer' });
    });
    afterEach(async () => {
      await kb?.dispose();
    });

    it('refuses a database whose migrations are newer than the code, leaving every table and the migration log as they were', async () => {
      await sqlRun(kb.engine, 'INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (?, ?)', ['from-the-future', FAR_FUTURE]);
      const log = () => sqlValue<string>(kb.engine, `SELECT string_agg(hash || ':' || created_at, ',' ORDER BY id) FROM drizzle.__drizzle_migrations`);
      const before = { tables: await snapshotKb(kb), log: await log() };
      const cwd = mkdtempSync(join(tmpdir(), 'kb-startup-pg-'));
      try {
        const refusal = await runServer(kb.url, cwd);
        const { hostname, port, pathname } = new URL(kb.url);
        expectOneLine(refusal, new RegExp(`the database at postgres://[^@]+@${hostname}:${port}${pathname} was migrated by newer code`));
        expect(readdirSync(cwd)).toEqual([]);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
      expect({ tables: await snapshotKb(kb), log: await log() }).toEqual(before);
    });
  });
});
