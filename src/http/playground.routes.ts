/**
 * The offline GraphiQL playground: `GET /`, and `GET /graphql` when a browser asks for a page.
 *
 * Everything the IDE loads comes from this origin (see assets.routes.ts): GraphiQL 3.9's
 * browser bundle and React 18's `umd/` builds from node_modules, a hand-written start-up
 * script (a file, not inline, because the CSP allows scripts from 'self' only), and the
 * examples of `examplesDir` as `/assets/examples.json`, read once here.
 *
 * `/graphql` is shared with Apollo, which registers it without constraints. A custom
 * `page` route constraint sends a GET that accepts text/html and carries no `query`
 * parameter to the IDE; every other request (POST, a GET with `?query=`, a GET from a client
 * that does not ask for HTML) still reaches Apollo.
 */
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { htmlPage, packageFile, PUBLIC_DIR, registerAssets } from './assets.routes.js';
import { loadExamples } from './examples.loader.js';

const PAGE = 'html';

/** True for a browser navigating to the URL: HTML accepted and no operation in the query string. */
function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const accept = req.headers.accept ?? '';
  if (!/(^|,)\s*text\/html\s*(;|,|$)/i.test(accept)) return false;
  const search = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  return !search.has('query');
}

type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type RouteHandler = NonNullable<ReturnType<ReturnType<ConstraintStrategy['storage']>['get']>>;

/**
 * Derives `page: 'html'` for a browser navigation and `page: 'api'` for anything else. A
 * fresh object per app: the router marks the strategies it is given.
 */
const pageConstraint = (): ConstraintStrategy => ({
  name: 'page',
  mustMatchWhenDerived: false,
  storage() {
    const handlers = new Map<unknown, RouteHandler>();
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => void handlers.set(value, handler),
    };
  },
  deriveConstraint: (req: IncomingMessage) => (wantsPage(req) ? PAGE : 'api'),
});

export async function registerPlayground(app: FastifyInstance, options: { examplesDir: string }): Promise<void> {
  const examples = loadExamples(options.examplesDir);
  await registerAssets(app, {
    'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
    'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
    'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
    'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
    'playground.js': join(PUBLIC_DIR, 'playground.js'),
    'playground.css': join(PUBLIC_DIR, 'playground.css'),
    'examples.json': { content: JSON.stringify(examples), type: 'application/json; charset=utf-8' },
  });

  app.addConstraintStrategy(pageConstraint());

  const sendPlayground = htmlPage('playground.html');
  app.get('/', async (_request, reply) => sendPlayground(reply));
  app.route({ method: 'GET', url: '/graphql', constraints: { page: PAGE }, handler: async (_request, reply) => sendPlayground(reply) });
}
