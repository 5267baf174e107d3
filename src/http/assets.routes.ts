/**
 * Same-origin static files for the browser pages, and the HTML responses that load them.
 *
 * Assets
 * - Each asset is one explicit route, `/assets/<name>`, registered from an allow-list
 *   (name → absolute file, or generated content). There is no folder lookup, so a path that
 *   climbs out (`..`, `%2e%2e%2f`, an encoded slash) or names an unlisted file matches no
 *   route and is a 404: nothing outside the list can be served.
 * - Files are sent by @fastify/static (`sendFile`, with its wildcard route off), which gives
 *   them an ETag and Last-Modified, answers a matching If-None-Match with 304, and sets
 *   `Cache-Control: public, max-age=3600` (names carry no content hash, so a long `immutable`
 *   would keep stale files after an upgrade). Generated content gets its ETag from
 *   @fastify/etag. @fastify/compress compresses both for clients that accept it (the GraphiQL
 *   script and stylesheet shrink from about 1.4 MB to about 0.6 MB). The plugins are
 *   registered in the assets' own encapsulated context, so the API's responses are left alone.
 * Pages
 * - HTML is sent with `Cache-Control: no-cache`, so a page always revalidates while its
 *   assets are cached. Its `CONTENT_SECURITY_POLICY`, `nosniff` and `no-referrer` come from
 *   @fastify/helmet, registered for every response in `server.ts`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyEtag from '@fastify/etag';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectRoot } from '../shared/paths.js';

/**
 * Scripts and fetches only from this origin. GraphiQL sets inline styles, and its CSS embeds
 * its fonts and icons as data: URLs, hence the two exceptions.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The same policy as one header value, as @fastify/helmet sends it on every response. */
export const CONTENT_SECURITY_POLICY = Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join(';');

const ASSET_MAX_AGE_MS = 3600 * 1000;
export const ASSET_CACHE_CONTROL = `public, max-age=${ASSET_MAX_AGE_MS / 1000}`;

/** The folder of hand-written page files (html, js, css). */
export const PUBLIC_DIR = join(projectRoot(), 'public');

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** A listed asset: a file on disk, or content built at start-up (the examples). */
export type AssetSource = string | { content: string | Buffer; type: string };

const require = createRequire(import.meta.url);

/**
 * A file inside an installed package. Package `exports` hide browser bundles such as
 * `graphiql/graphiql.min.js` from `require.resolve`, but every package exports its
 * package.json, and the files sit beside it.
 */
export function packageFile(packageName: string, file: string): string {
  return join(dirname(require.resolve(`${packageName}/package.json`)), file);
}

function contentType(file: string): string {
  const type = TYPES[extname(file)];
  if (!type) throw new Error(`no content type for asset ${file}`);
  return type;
}

/** Registers `GET /assets/<name>` for every listed asset, and nothing else. */
export async function registerAssets(app: FastifyInstance, assets: Readonly<Record<string, AssetSource>>): Promise<void> {
  const listed = Object.entries(assets).map(([name, source]) => {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) throw new Error(`asset name "${name}" is not a plain file name`);
    if (typeof source === 'string') {
      contentType(source); // an unlisted file type fails at start-up, not on the first request
      readFileSync(source); // so does a missing file
      return { name, file: source };
    }
    return { name, generated: { body: Buffer.from(source.content), type: source.type } };
  });
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: PUBLIC_DIR, serve: false, maxAge: ASSET_MAX_AGE_MS, setHeaders: (reply, path) => reply.header('content-type', contentType(path)) });
    await scope.register(fastifyEtag);
    await scope.register(fastifyCompress, { global: true });
    for (const asset of listed) {
      if (asset.file !== undefined) {
        const file = asset.file;
        scope.get(`/assets/${asset.name}`, (_request, reply) => reply.sendFile(basename(file), dirname(file)));
      } else {
        const { body, type } = asset.generated;
        scope.get(`/assets/${asset.name}`, async (_request, reply) =>
          reply.type(type).header('cache-control', ASSET_CACHE_CONTROL).send(body),
        );
      }
    }
  });
}

/** An HTML page read once from `public/` (then adapted by `adapt`, if given), sent with the page headers. */
export function htmlPage(file: string, adapt: (html: string) => string = (html) => html): (reply: FastifyReply) => FastifyReply {
  const html = adapt(readFileSync(join(PUBLIC_DIR, file), 'utf8'));
  return (reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(html);
}
