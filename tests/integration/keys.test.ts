/**
 * API keys: made by the command line, stored as a hash, checked on every request, revoked
 * from the next one on, and never written to a log; on SQLite and on PostgreSQL.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { runKeysCli } from '../../src/keys-cli.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startTestServer, type TestServer } from '../helpers/http.js';
import { sqlRows, sqlRun } from '../helpers/sql.js';

describe.each(testEngines())('Keys on $engine', ({ engine }) => {
  let kb: TestKb;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'keys' });
  });
  afterAll(() => kb?.dispose());

  /** Runs `npm run keys -- …` against the test database; returns exit code and output lines. */
  async function keys(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runKeysCli(argv, { DATABASE_URL: kb.url }, (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  }

  async function newKey(role: string, name = `${role} tester`): Promise<string> {
    const { code, out } = await keys('create', '--role', role, '--name', name);
    expect(code).toBe(0);
    return out.at(-1)!;
  }

  describe('Keys: the command line', () => {
    it('creates a key, prints it once alone on the last line, and stores only its SHA-256', async () => {
      const { code, out } = await keys('create', '--role', 'EDITOR', '--name', 'Jane, desk');
      expect(code).toBe(0);
      const key = out.at(-1)!;
      expect(key).toMatch(/^kb_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      const prefix = key.slice(3, 11);
      const [row] = await sqlRows(kb.engine, 'SELECT role, name, hash, revoked_at FROM api_keys WHERE prefix = ?', [prefix]);
      expect(row).toMatchObject({ role: 'EDITOR', name: 'Jane, desk', hash: hashKey(key), revoked_at: null });
      expect(JSON.stringify(await sqlRows(kb.engine, 'SELECT * FROM api_keys'))).not.toContain(key.slice(12));
    });

    it('lists keys one a line, prefix first, then role and name, never the secret', async () => {
      const key = await newKey('READER', 'Listed');
      const { code, out } = await keys('list');
      expect(code).toBe(0);
      const line = out.find((l) => l.startsWith(key.slice(3, 11)))!;
      expect(line.split('\t').slice(2, 4)).toEqual(['READER', '"Listed"']);
      expect(out.join('\n')).not.toContain(key.slice(12));
    });

    it('revokes by a prefix that is all digits, which is no id', async () => {
      await sqlRun(kb.engine, 'INSERT INTO api_keys (prefix, hash, role, name, created_at) VALUES (?, ?, ?, ?, ?)', ['08245979', hashKey('kb_08245979_x'), Role.READER, 'Digits', new Date().toISOString()]);
      expect(await keys('revoke', '08245979')).toMatchObject({ code: 0, out: [expect.stringMatching(/^revoked key 08245979 /)] });
      expect((await sqlRows(kb.engine, 'SELECT revoked_at FROM api_keys WHERE prefix = ?', ['08245979']))[0]).toEqual({ revoked_at: expect.anything() });
    });

    it('refuses a bad role, a missing name, an unknown command or key, and a second revocation, with exit code 2', async () => {
      expect(await keys('create', '--role', 'GOD', '--name', 'x')).toMatchObject({ code: 2, err: ['keys: role must be one of READER, EDITOR, ADMIN (got "GOD")'] });
      expect((await keys('create', '--role', 'ADMIN')).code).toBe(2);
      expect((await keys('rotate')).code).toBe(2);
      expect(await keys('revoke', 'ffffffff')).toMatchObject({ code: 2, err: ['keys: no key with id or prefix "ffffffff"'] });
      const key = await newKey('READER');
      expect((await keys('revoke', key.slice(3, 11))).code).toBe(0);
      expect((await keys('revoke', key.slice(3, 11))).err[0]).toMatch(/already revoked/);
    });
  });

  describe('Keys: checked on every request', () => {
    let server: TestServer;
    let closed: TestServer;
    const logged: string[] = [];

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk, _encoding, done) {
          logged.push(String(chunk));
          done();
        },
      });
      // A serializer that logs every request header, so that only the redaction keeps keys out.
      const withHeaders = { req: (req: { method: string; url: string; headers: Record<string, unknown> }) => ({ method: req.method, url: req.url, headers: req.headers }) };
      server = await startTestServer(kb.engine, { playground: true, reads: 'open' }, { level: 'trace', stream: sink, serializers: withHeaders });
      closed = await startTestServer(kb.engine, { playground: true, reads: 'key' });
    });
    afterAll(async () => {
      await server?.close();
      await closed?.close();
    });

    it('refuses a malformed, unknown or revoked key on any operation with UNAUTHENTICATED, and revocation acts on the next request', async () => {
      const key = await newKey('READER');
      expect((await server.gql('{ actors { totalCount } }', undefined, key)).data.actors.totalCount).toBe(16);
      for (const bad of ['not-a-key', 'kb_zzzzzzzz_short', `kb_00000000_${'A'.repeat(43)}`, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`]) {
        const res = await server.gql('{ actors { totalCount } }', undefined, bad);
        expect(res.errors?.[0]?.extensions?.code, bad).toBe('UNAUTHENTICATED');
        expect(res.data ?? null).toBeNull();
      }
      await keys('revoke', key.slice(3, 11));
      const revoked = await server.gql('{ actors { totalCount } }', undefined, key);
      expect(revoked.errors?.[0]).toMatchObject({ message: 'Not authenticated: the API key has been revoked.', extensions: { code: 'UNAUTHENTICATED' } });
    });

    it('keeps reads open by default, and closes them with READS=key until a READER key is sent', async () => {
      expect((await server.gql('{ actors { totalCount } }')).data.actors.totalCount).toBe(16);
      const anonymous = await closed.gql('{ actors { totalCount } }');
      expect(anonymous.status).toBe(401);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await closed.gql('{ actors { totalCount } }', undefined, await newKey('READER'))).data.actors.totalCount).toBe(16);
    });

    it('never writes a key to the log, though every request is logged', async () => {
      const key = await newKey('EDITOR');
      await server.gql('{ actors { totalCount } }', undefined, key);
      await server.gql('{ actors { totalCount } }', undefined, `${key}x`);
      const log = logged.join('');
      expect(log).toContain('"url":"/graphql"');
      expect(log).toContain('"authorization":"[Redacted]"');
      expect(log).not.toContain(key.slice(12));
    });
  });
});
