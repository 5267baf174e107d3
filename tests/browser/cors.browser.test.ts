/**
 * Client apps in browsers: a page served from a second port (another origin) calls the API in
 * Chromium, with an API key in `Authorization` (so the browser sends a CORS preflight first).
 * With CORS_ORIGINS naming that page's origin the call succeeds; from an origin the setting
 * excludes, the browser blocks it. The default (`*`) lets any page read, without credentials.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { Role } from '../../src/shared/enums.js';
import { launchChromium } from '../helpers/browser.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { startTestServer, TEST_LIMITS, type TestServer } from '../helpers/http.js';

/** A bare page server: an empty HTML page, so a script on it runs with that origin. */
async function startPageServer(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>client app</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** What a script on `pageOrigin` gets when it POSTs a query to the API with a key. */
async function callFromPage(browser: Browser, pageOrigin: string, apiUrl: string, key: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageOrigin);
    return await page.evaluate(
      async ({ apiUrl, key }) => {
        try {
          const res = await fetch(`${apiUrl}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ query: '{ actor(id: "actor:iran") { name } }' }),
          });
          return { ok: true as const, status: res.status, body: await res.json() };
        } catch (e) {
          return { ok: false as const, error: String(e) };
        }
      },
      { apiUrl, key },
    );
  } finally {
    await context.close();
  }
}

let kb: TestDb;
let browser: Browser;
let key: string;
let allowed: { origin: string; server: Server };
let excluded: { origin: string; server: Server };
let listed: TestServer;
let open: TestServer;

beforeAll(async () => {
  kb = await openTestDb();
  key = (await createKey(kb.engine, Role.READER, 'browser app')).key;
  allowed = await startPageServer();
  excluded = await startPageServer();
  listed = await startTestServer(kb.engine, { playground: true, limits: TEST_LIMITS, corsOrigins: [allowed.origin] });
  open = await startTestServer(kb.engine, { playground: true, limits: TEST_LIMITS });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await listed?.close();
  await open?.close();
  for (const page of [allowed, excluded]) page?.server.close();
  kb?.dispose();
});

describe('CORS in Chromium', () => {
  it('a page on a listed origin calls the API with its key and reads the answer', async () => {
    const result = await callFromPage(browser, allowed.origin, listed.url, key);
    expect(result).toEqual({ ok: true, status: 200, body: { data: { actor: { name: 'Iran' } } } });
  });

  it('a page on an origin the setting excludes is blocked by the browser', async () => {
    const result = await callFromPage(browser, excluded.origin, listed.url, key);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.error).toMatch(/Failed to fetch/);
    // The server's side of it: the preflight names no origin for the excluded page.
    const preflight = await fetch(`${listed.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: excluded.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('by default any origin may read, and credentials are never allowed', async () => {
    const result = await callFromPage(browser, excluded.origin, open.url, key);
    expect(result).toEqual({ ok: true, status: 200, body: { data: { actor: { name: 'Iran' } } } });
    const preflight = await fetch(`${open.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: excluded.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
