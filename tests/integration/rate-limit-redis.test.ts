/**
 * Rate limits across servers (issue 17, "Limits across servers"): two real server processes on
 * one PostgreSQL database and one real Redis (REDIS_URL). A key's requests, and an address's,
 * are counted once whichever server answers: the limit falls at the same total split over both,
 * refused with the project's 429 RATE_LIMITED. Without REDIS_URL each server counts its own.
 * While Redis is stopped each server counts alone and keeps answering (neither every limit
 * lifted nor every request refused), and the count is shared again once Redis is back. A
 * REDIS_URL the server cannot use stops the start: one line naming it, never its password, a
 * non-zero exit, and nothing written.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { postgresAvailable } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { SERVER_SCRIPT, startProcessServer, type ProcessServer } from '../helpers/process-server.js';
import { freePort } from '../helpers/free-port.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const PASSWORD = 'kb-redis-s3cret';
const PER_KEY = 10;
const PER_ADDRESS = 4;

interface Answer {
  status: number;
  remaining: number | null;
  code: string | undefined;
}

/** One cheap request to `server`, with `key` if given: its status, the budget left, and its error code. */
async function ask(server: ProcessServer, key?: string): Promise<Answer> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  const remaining = res.headers.get('x-ratelimit-remaining');
  return { status: res.status, remaining: remaining === null ? null : Number(remaining), code: body.errors?.[0]?.extensions?.code };
}

/** Sends `count` requests alternating over `servers`, one at a time, and returns their answers in order. */
async function alternate(servers: ProcessServer[], count: number, key?: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) answers.push(await ask(servers[i % servers.length]!, key));
  return answers;
}

const rateLimited = (a: Answer) => a.status === 429 && a.code === 'RATE_LIMITED';

describe.runIf(postgresAvailable())('Rate limits across servers', () => {
  let kb: TestKb;
  let redis: RedisServer;
  const keys: string[] = [];
  let started: ProcessServer[] = [];

  beforeAll(async () => {
    kb = await openTestKb('postgres', { seed: true, label: 'rate_limit_redis' });
    for (let i = 0; i < 6; i++) keys.push((await createKey(kb.engine, Role.READER, `rate desk ${i}`)).key);
    redis = await startRedisServer({ password: PASSWORD });
  }, 120_000);
  afterEach(async () => {
    for (const server of started) expect(JSON.stringify(server.logs()), 'a log line holds the Redis password').not.toContain(PASSWORD);
    // SIGTERM closes Redis after the HTTP server, then the database, and exits 0.
    const exits = await Promise.all(started.map((s) => s.terminate()));
    expect(exits).toEqual(started.map(() => ({ code: 0, signal: null })));
    started = [];
  });
  afterAll(async () => {
    await redis?.destroy();
    await kb?.dispose();
  });

  async function twoServers(env: Record<string, string>): Promise<ProcessServer[]> {
    const limits = { RATE_LIMIT_PER_KEY: String(PER_KEY), RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS), ...env };
    started = await Promise.all([0, 1].map(() => startProcessServer({ databaseUrl: kb.url, env: limits })));
    return started;
  }

  it('counts a key once across two servers sharing Redis: the limit falls at the same total, then both refuse with RATE_LIMITED', async () => {
    const servers = await twoServers({ REDIS_URL: redis.url });
    for (const server of servers) await server.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('rate limits counted in Redis at redis://127.0.0.1:'));

    const answers = await alternate(servers, PER_KEY, keys[0]);
    expect(answers.map((a) => a.status)).toEqual(Array(PER_KEY).fill(200));
    // One budget, spent from either side: 9, 8, 7, … whichever server answered.
    expect(answers.map((a) => a.remaining)).toEqual(answers.map((_, i) => PER_KEY - 1 - i));
    const [overA, overB] = [await ask(servers[0]!, keys[0]), await ask(servers[1]!, keys[0])];
    expect(rateLimited(overA) && rateLimited(overB), JSON.stringify([overA, overB])).toBe(true);

    // Another key has a budget of its own; requests without a key spend their address's, shared too.
    expect((await ask(servers[1]!, keys[1])).status).toBe(200);
    const anonymous = await alternate(servers, PER_ADDRESS + 2);
    expect(anonymous.map((a) => a.status)).toEqual([...Array(PER_ADDRESS).fill(200), 429, 429]);
    expect(anonymous.slice(PER_ADDRESS).every(rateLimited)).toBe(true);
  });

  it('without REDIS_URL counts per server: each of the two allows the whole budget', async () => {
    const servers = await twoServers({});
    for (const server of servers) await server.waitForLog((l) => l.msg === 'rate limits counted by this server alone (no REDIS_URL)');
    const answers = await alternate(servers, 2 * PER_KEY, keys[2]);
    expect(answers.map((a) => a.status)).toEqual(Array(2 * PER_KEY).fill(200));
    expect(rateLimited(await ask(servers[0]!, keys[2]))).toBe(true);
    expect(rateLimited(await ask(servers[1]!, keys[2]))).toBe(true);
  });

  it('while Redis is stopped counts per server and keeps answering; once Redis is back, counts across servers again', async () => {
    const servers = await twoServers({ REDIS_URL: redis.url });
    expect((await alternate(servers, 2, keys[3])).map((a) => a.status)).toEqual([200, 200]);
    await redis.stop();
    try {
      // Each server now allows the whole budget on its own: limited, not open, not closed.
      const [a, b] = servers as [ProcessServer, ProcessServer];
      const alone = await alternate(servers, 2 * PER_KEY, keys[4]);
      expect(alone.map((x) => x.status)).toEqual(Array(2 * PER_KEY).fill(200));
      expect(rateLimited(await ask(a, keys[4]))).toBe(true);
      expect(rateLimited(await ask(b, keys[4]))).toBe(true);
      for (const server of servers) await server.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Redis does not answer'));
      const health = await fetch(`${a.url}/health`);
      expect(health.status).toBe(200);
    } finally {
      await redis.start();
    }
    // ioredis reconnects by itself; a request tells each server whether Redis answers again.
    for (const server of servers) {
      const back = server.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Redis answers again'), 60_000);
      // Settled either way: a deadline passed ends the loop, and `await back` then fails the test.
      let settled = false;
      void back.then(() => (settled = true), () => (settled = true));
      while (!settled) {
        await ask(server, keys[3]);
        await Promise.race([back, new Promise((r) => setTimeout(r, 100))]).catch(() => {});
      }
      await back;
    }
    const shared = await alternate(servers, PER_KEY, keys[5]);
    expect(shared.map((a) => a.status)).toEqual(Array(PER_KEY).fill(200));
    expect(rateLimited(await ask(servers[1]!, keys[5]))).toBe(true);
  });
});

describe('Start-up: a REDIS_URL the server cannot use is refused in one line, writing nothing', () => {
  let cwd: string;
  let redis: RedisServer | undefined;
  afterAll(async () => {
    await redis?.destroy();
  });

  /** Runs the server on a new SQLite file in a fresh folder and resolves once it has exited. */
  function refusal(redisUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    cwd = mkdtempSync(join(tmpdir(), 'kb-redis-startup-'));
    const child = spawn(process.execPath, [SERVER_SCRIPT], {
      cwd,
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: join(cwd, 'kb.sqlite'), REDIS_URL: redisUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`the server did not exit within 60 s:\n${stdout}${stderr}`))), 60_000);
      child.once('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
    });
  }

  async function expectRefused(redisUrl: string, what: RegExp): Promise<void> {
    const { code, stdout, stderr } = await refusal(redisUrl);
    const left = readdirSync(cwd);
    rmSync(cwd, { recursive: true, force: true });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stdout).toBe('');
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^kb: not started: /);
    expect(lines[0]).toMatch(what);
    expect(stderr).not.toContain(PASSWORD);
    // Redis is checked before the database is opened: no SQLite file, nothing else.
    expect(left).toEqual([]);
  }

  it('refuses a URL that is not Redis', async () => {
    await expectRefused(`http://:${PASSWORD}@127.0.0.1:6379`, /REDIS_URL has the scheme "http:"/);
  });

  it('refuses a Redis where nothing listens, naming host and port', async () => {
    const port = await freePort();
    await expectRefused(`redis://:${PASSWORD}@127.0.0.1:${port}`, new RegExp(`cannot use Redis at redis://127\\.0\\.0\\.1:${port} \\(REDIS_URL\\): .*ECONNREFUSED`));
  });

  it('refuses a password Redis does not take, and a database it does not have', async () => {
    redis = await startRedisServer({ password: PASSWORD });
    await expectRefused(`redis://:wrong-${PASSWORD}@127.0.0.1:${redis.port}`, /cannot use Redis at redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\): WRONGPASS/);
    await expectRefused(`redis://127.0.0.1:${redis.port}`, /NOAUTH/);
    await expectRefused(`redis://:${PASSWORD}@127.0.0.1:${redis.port}/999`, /cannot use Redis at redis:\/\/127\.0\.0\.1:\d+\/999 \(REDIS_URL\): .*DB index is out of range/);
  });
});
