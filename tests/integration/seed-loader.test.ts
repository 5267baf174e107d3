/**
 * The seed loader refuses bad data with a message naming the file and the entry, and leaves
 * the database exactly as it was.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SEED_DIR } from '../../src/shared/paths.js';
import { SeedError, readSeed, seedDatabase } from '../../seed/loader.js';
import { openTestDb, type TestDb } from '../helpers/db.js';

let kb: TestDb;
let dir: string;

beforeAll(() => {
  kb = openTestDb();
});
afterAll(() => kb.dispose());
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A copy of the real seed folder, with one file edited. */
function seedWith(file: string, edit: (text: string) => string): string {
  dir = mkdtempSync(join(tmpdir(), 'kb-seed-'));
  cpSync(SEED_DIR, dir, { recursive: true });
  const path = join(dir, 'data', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, 'the test edit must change the file').not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

/** Everything in the database, as a comparable snapshot. */
function snapshot(): string {
  const tables = kb.db
    .all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .filter(({ name }) => !name.startsWith('__drizzle') && !name.startsWith('sqlite_'));
  expect(tables.length).toBeGreaterThan(10);
  return JSON.stringify(tables.map(({ name }) => [name, kb.db.all(sql.raw(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort()]));
}

function expectRefusal(seedDir: string, file: string, entry: string, message: RegExp) {
  const before = snapshot();
  let error: unknown;
  try {
    seedDatabase(kb.db, seedDir);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SeedError);
  expect((error as SeedError).file).toBe(file);
  expect((error as SeedError).entry).toBe(entry);
  expect((error as SeedError).message).toMatch(message);
  expect(snapshot()).toBe(before);
}

describe('Seed loader: refusals name the file and the entry and change nothing', () => {
  it('loads the real seed without complaint', () => {
    const plan = readSeed();
    expect(plan.actors.length).toBeGreaterThan(0);
    expect(snapshot()).toContain('actor:iran');
  });

  it('refuses a quote that is not in the article', () => {
    const d = seedWith('actors.yaml', (s) => s.replace(/- id: actor:iran\n((?:.*\n)*?)\s+evidence:\n\s+- /, (m) => `${m}"Iran annexed the Moon" \n    - `));
    expectRefusal(d, 'actors.yaml', 'actor:iran', /quote not found in the source: "Iran annexed the Moon/);
  });

  it('refuses an ambiguous quote given without an occurrence', () => {
    const d = seedWith('issues.yaml', (s) => s.replace(/(- id: issue:sanctions-relief\n(?:.*\n)*?\s+evidence:\n)/, '$1    - "sanctions"\n'));
    expectRefusal(d, 'issues.yaml', 'issue:sanctions-relief', /ambiguous/);
  });

  it('refuses a dangling reference', () => {
    const d = seedWith('positions.yaml', (s) => s.replace(/actor: actor:iran\n/, 'actor: actor:atlantis\n'));
    expectRefusal(d, 'positions.yaml', readSeed().positions.find((p) => p.actorId === 'actor:iran')!.id, /refers to actor:atlantis/);
  });

  it('refuses a duplicate id', () => {
    const d = seedWith('issues.yaml', (s) => s.replace('- id: issue:sanctions-relief', '- id: issue:ballistic-missile-program'));
    expectRefusal(d, 'issues.yaml', 'issue:ballistic-missile-program', /duplicate id/);
  });

  it('refuses an unknown enum value with the field named', () => {
    const d = seedWith('events.yaml', (s) => s.replace(/status: OCCURRED/, 'status: HAPPENED'));
    expectRefusal(d, 'events.yaml', readSeed().events.find((e) => e.status === 'OCCURRED')!.id, /status/);
  });

  it('refuses a date the seed would have to invent: a year at precision UNKNOWN', () => {
    const d = seedWith('events.yaml', (s) => s.replace(/precision: UNKNOWN/, 'precision: UNKNOWN\n    year: 2025'));
    expect(() => readSeed(d)).toThrow(/year must be absent at precision UNKNOWN/);
  });
});
