import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this file holding package.json. The same code
 * runs from `src/` (tests) and from `dist/src/` (npm start), so paths to committed assets
 * (migrations, seed data, schema examples) are resolved from here, never from the cwd.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const MIGRATIONS_DIR = join(projectRoot(), 'src', 'db', 'migrations');
/** The PostgreSQL migrations (`src/db/pg/migrate.ts` applies them). */
export const PG_MIGRATIONS_DIR = join(projectRoot(), 'src', 'db', 'pg', 'migrations');
export const SEED_DIR = join(projectRoot(), 'seed');
/** The bundled server `npm run build` writes and `npm start` runs (see `src/build/bundle.ts`). */
export const BUNDLE_FILE = join(projectRoot(), 'dist', 'bundle', 'main.mjs');
