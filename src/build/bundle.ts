/**
 * `npm run build`'s second step: the compiled server (`dist/src/main.js`) and what it imports
 * from node_modules, as one ES module `dist/bundle/main.mjs`. Node 20 loads hundreds of
 * small modules slowly (about 0.9 s of a 1.2 s start went to loading them); one file loads in
 * a fraction of that, which is what brings `npm start` on an existing database under a second.
 *
 * Left outside the bundle: the native better-sqlite3, pino and its transports (they start
 * worker threads that load modules by name), and type-graphql's optional class-validator.
 * The bundle lives inside the project, so `projectRoot()` and `createRequire` resolve from it
 * as they do from `dist/src`.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { BUNDLE_FILE, projectRoot } from '../shared/paths.js';

export async function bundleServer(): Promise<void> {
  await build({
    entryPoints: [join(projectRoot(), 'dist', 'src', 'main.js')],
    outfile: BUNDLE_FILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Whitespace and comments out (names kept: type-graphql names GraphQL types after classes):
    // 4.7 MB instead of 7, and pure ASCII, which Node decodes and V8 scans faster at every start.
    minifyWhitespace: true,
    legalComments: 'none',
    external: ['better-sqlite3', 'pino', 'pino-pretty', 'thread-stream', 'class-validator'],
    // CommonJS modules inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await bundleServer();
