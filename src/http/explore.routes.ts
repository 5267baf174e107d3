/**
 * `/explore`: the actors × issues map of positions, the blocking issues of a pair of parties
 * and the timeline, drawn in the browser by `public/explore.js` from ordinary queries to
 * `/graphql`. It needs no introspection, so it is served in a locked-down deployment too,
 * without its link to the playground.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { htmlPage, PUBLIC_DIR, registerAssets } from './assets.routes.js';

export async function registerExplore(app: FastifyInstance, options: { playground: boolean }): Promise<void> {
  await registerAssets(app, {
    'explore.js': join(PUBLIC_DIR, 'explore.js'),
    'explore.css': join(PUBLIC_DIR, 'explore.css'),
  });
  // Without the playground its link would lead to a 404, so the page goes without it.
  const sendExplore = htmlPage('explore.html', options.playground ? undefined : (html) => html.replace(/\s*<nav>.*?<\/nav>/s, ''));
  app.get('/explore', async (_request, reply) => sendExplore(reply));
}
