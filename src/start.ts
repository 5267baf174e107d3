/**
 * `npm start`: builds only when a TypeScript source is newer than the build, then runs the
 * bundled server (`dist/bundle/main.mjs`, see `build/bundle.ts`) in this same process, with
 * NODE_ENV=production unless the environment says otherwise. Checking costs a few ms of file
 * dates; compiling costs seconds, so a start on an existing database answers within a second.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_FILE, projectRoot } from './shared/paths.js';

const root = projectRoot();

/** Newest modification time of the files that the build reads. */
function newestSource(): number {
  let newest = 0;
  const consider = (file: string) => (newest = Math.max(newest, statSync(file).mtimeMs));
  // Hidden folders hold no source: bench/.data holds the bench's bases (and, while one is
  // built, a synthetic bundle of some 50,000 files, which took seconds to walk).
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(join(dir, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.ts')) consider(join(dir, entry.name));
    }
  };
  for (const dir of ['src', 'seed', 'bench']) walk(join(root, dir));
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) consider(join(root, file));
  return newest;
}

function builtAt(): number {
  try {
    return statSync(BUNDLE_FILE).mtimeMs;
  } catch {
    return -1;
  }
}

if (builtAt() < newestSource()) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
process.env.NODE_ENV ??= 'production';
await import(pathToFileURL(BUNDLE_FILE).href);
