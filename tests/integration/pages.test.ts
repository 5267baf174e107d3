/**
 * The browser pages over plain HTTP: which requests reach the playground and which reach
 * Apollo, the page headers, the static assets and their caching, paths that try to leave
 * the asset list, and the locked-down deployment (playground and introspection off).
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, packageFile, PUBLIC_DIR } from '../../src/http/assets.routes.js';
import { loadExamples } from '../../src/http/examples.loader.js';
import { projectRoot } from '../../src/shared/paths.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with the path sent byte for byte: fetch would resolve `..` and `%2e%2e` first. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const FOREIGN_URL = /https?:\/\/(?!127\.0\.0\.1|localhost)/;
const INTROSPECTION = '{ __schema { queryType { name } } }';

describe.each(testEngines())('The pages on $engine', ({ engine }) => {
  let kb: TestKb;
  let server: TestServer;
  let locked: TestServer;

  beforeAll(async () => {
    kb = await openTestKb(engine, { seed: true, label: 'pages' });
    server = await startTestServer(kb.engine);
    locked = await startTestServer(kb.engine, { playground: false });
  });

  afterAll(async () => {
    await server?.close();
    await locked?.close();
    await kb?.dispose();
  });

  describe('Pages: a browser gets the playground at / and /graphql, and /explore, each with the CSP', () => {
    for (const path of ['/', '/graphql', '/explore']) {
      it(`serves ${path} as HTML with the Content-Security-Policy and no reference to another host`, async () => {
        const res = await rawGet(server.url, path, BROWSER);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
        const html = res.body.toString('utf8');
        expect(html).toMatch(/<script src="\/assets\/[a-z.-]+\.js"/);
        expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(html).not.toMatch(/https?:\/\//);
      });
    }

    it('writes no URL of another host into the hand-written scripts and styles', () => {
      for (const file of ['playground.js', 'playground.css', 'explore.js', 'explore.css']) {
        expect(readFileSync(join(PUBLIC_DIR, file), 'utf8'), file).not.toMatch(FOREIGN_URL);
      }
    });
  });

  describe('Pages: every other request to /graphql still reaches Apollo', () => {
    it('answers a GET with a query parameter as GraphQL even when HTML is accepted', async () => {
      const res = await rawGet(server.url, `/graphql?query=${encodeURIComponent('{ actor(id: "actor:iran") { name } }')}`, {
        ...BROWSER,
        'apollo-require-preflight': 'true',
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString('utf8'))).toEqual({ data: { actor: { name: 'Iran' } } });
    });

    it('answers a GET that does not accept HTML as GraphQL, not as the playground', async () => {
      const res = await rawGet(server.url, '/graphql', { accept: 'application/json' });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.toString('utf8')).not.toContain('<!doctype html>');
    });

    it('answers POST /graphql as before', async () => {
      const res = await server.gql('{ actor(id: "actor:iran") { id } }');
      expect(res.data).toEqual({ actor: { id: 'actor:iran' } });
    });
  });

  describe('Assets: listed files only, cached and compressed', () => {
    it('serves the GraphiQL bundle from node_modules with Cache-Control and an ETag', async () => {
      const res = await rawGet(server.url, '/assets/graphiql.min.js');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/javascript/);
      expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      expect(res.headers.etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(res.body.equals(readFileSync(packageFile('graphiql', 'graphiql.min.js')))).toBe(true);
    });

    it('answers a matching If-None-Match with 304 and no body', async () => {
      const first = await rawGet(server.url, '/assets/react.production.min.js');
      const again = await rawGet(server.url, '/assets/react.production.min.js', { 'if-none-match': String(first.headers.etag) });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    });

    it('gzips for a client that accepts it, to the same bytes once unzipped', async () => {
      const res = await rawGet(server.url, '/assets/graphiql.min.css', { 'accept-encoding': 'gzip' });
      expect(res.headers['content-encoding']).toBe('gzip');
      const raw = readFileSync(packageFile('graphiql', 'graphiql.min.css'));
      expect(res.body.length).toBeLessThan(raw.length);
      expect(gunzipSync(res.body).equals(raw)).toBe(true);
    });

    it('serves the examples of schema/examples as JSON, read at start-up', async () => {
      const res = await rawGet(server.url, '/assets/examples.json');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString('utf8'))).toEqual(loadExamples(join(projectRoot(), 'schema', 'examples')));
    });

    const outside = [
      '/assets/../package.json',
      '/assets/..%2fpackage.json',
      '/assets/%2e%2e%2fpackage.json',
      '/assets/%2E%2E%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%5cpackage.json',
      '/assets/%252e%252e%252fpackage.json',
      '/assets/graphiql.min.js.map',
      '/assets/graphiql.min.js%00.json',
      '/assets/nope.js',
      '/assets/',
      '/assets/public/explore.js',
      '/public/explore.js',
      '/node_modules/graphiql/package.json',
    ];
    for (const path of outside) {
      it(`answers ${path} with 404 and nothing of the file system`, async () => {
        const res = await rawGet(server.url, path);
        expect(res.status).toBe(404);
        const body = res.body.toString('utf8');
        expect(body).not.toContain('"dependencies"');
        expect(body).not.toContain('sourceMappingURL');
      });
    }
  });

  describe('Locked down: with the playground off, no IDE and no introspection', () => {
    it('answers GET / from a browser with 404', async () => {
      const res = await rawGet(locked.url, '/', BROWSER);
      expect(res.status).toBe(404);
      expect(res.body.toString('utf8')).not.toContain('graphiql');
    });

    it('does not serve the IDE at GET /graphql, nor its assets', async () => {
      const page = await rawGet(locked.url, '/graphql', BROWSER);
      expect(page.headers['content-type']).not.toMatch(/^text\/html/);
      expect(page.body.toString('utf8')).not.toContain('graphiql');
      expect((await rawGet(locked.url, '/assets/graphiql.min.js')).status).toBe(404);
      expect((await rawGet(locked.url, '/assets/examples.json')).status).toBe(404);
    });

    it('refuses an introspection query, while the same server answers other queries', async () => {
      const introspection = await locked.gql(INTROSPECTION);
      expect(introspection.data ?? null).toBeNull();
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await locked.gql('{ actor(id: "actor:iran") { id } }')).data).toEqual({ actor: { id: 'actor:iran' } });
    });

    it('still serves /explore, without its link to the absent playground', async () => {
      const lockedPage = await rawGet(locked.url, '/explore', BROWSER);
      expect(lockedPage.status).toBe(200);
      expect(lockedPage.body.toString('utf8')).not.toContain('href="/"');
      expect((await rawGet(server.url, '/explore', BROWSER)).body.toString('utf8')).toContain('href="/"');
    });

    it('allows introspection when the playground is on', async () => {
      const res = await server.gql(INTROSPECTION);
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });
  });
});
