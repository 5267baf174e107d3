/**
 * The bulk paths on both engines (`describe.each(testEngines())`): the seed, `kb export` in
 * every format, `kb import` (an empty base through the engine's bulk loader — COPY on
 * PostgreSQL — and an existing one through the stores) and refusals that write nothing
 * (`kb backup`, which PostgreSQL leaves to pg_dump, is backup.test.ts). Exports of the same
 * seeded base from SQLite and from PostgreSQL are the same bytes.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, writeSeed } from '../../src/bulk/import.js';
import { SeedError } from '../../src/bulk/bundle-reader.js';
import { statement } from '../../src/db/engine.js';
import { runKbCli } from '../../src/kb-cli.js';
import { SEED_DIR } from '../../src/shared/paths.js';
import { postgresAvailable, testEngines, type EngineName } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { syntheticPlan } from '../helpers/synthetic.js';

const FORMATS = ['bundle', 'csv', 'jsonld', 'plover'] as const;
const TABLES = ['sources', 'actors', 'events', 'statements', 'positions', 'evidence', 'factuality_cues', 'revisions', 'changes', 'search_documents'] as const;
const COUNT = Object.fromEntries(TABLES.map((t) => [t, statement(`SELECT count(*) AS "n" FROM "${t}"`)]));

async function counts(kb: TestKb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await kb.engine.get<{ n: number }>(COUNT[t]!))!.n);
  return out;
}

async function kbCli(kb: TestKb, ...argv: string[]) {
  const printed: string[] = [];
  const errors: string[] = [];
  const code = await runKbCli(argv, { DATABASE_URL: kb.location }, (l) => printed.push(l), (l) => errors.push(l));
  return { code, printed, errors };
}

/** Every file under `dir`, by its relative path. */
function filesOf(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) for (const [k, v] of filesOf(dir, path)) out.set(k, v);
    else out.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'kb-bulk-engines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The exports of the seeded base per engine, for the comparison across engines. */
const exported = new Map<EngineName, string>();

describe.each(testEngines())('bulk paths on $engine', ({ engine }) => {
  let seeded: TestKb;
  const out = join(work, engine);

  beforeAll(async () => {
    seeded = await openTestKb(engine, { label: 'bulk_seeded' });
    await seedDatabase(seeded);
  });
  afterAll(async () => {
    await seeded?.dispose();
  });

  it('seeds the base: the seed rows, revision 1, search documents and first mentions', async () => {
    const n = await counts(seeded);
    expect(n).toMatchObject({ sources: 1, actors: 16, events: 14, statements: 35, positions: 10, evidence: 148, revisions: 1, changes: 103 });
    expect(n.search_documents).toBeGreaterThan(200);
    const mentioned = await seeded.engine.get<{ n: number }>(statement(`SELECT count(*) AS "n" FROM "actors" WHERE "first_mention" IS NOT NULL`));
    expect(Number(mentioned!.n)).toBe(16);
  });

  it('exports every format through the engine', async () => {
    for (const format of FORMATS) {
      const run = await kbCli(seeded, 'export', '--format', format, join(out, format));
      expect(run, format).toMatchObject({ code: 0, errors: [] });
      expect(run.printed[0]).toMatch(new RegExp(`^exported \\d+ records in \\d+ file\\(s\\) as ${format}`));
    }
    // One file per knowledge table, reports and their spans included.
    expect(readdirSync(join(out, 'csv'))).toHaveLength(24);
    exported.set(engine, out);
  });

  it('imports the exported bundle into an empty base (its bulk loader) and again through the stores, writing nothing the second time', async () => {
    const copy = await openTestKb(engine, { label: 'bulk_copy' });
    try {
      const first = await kbCli(copy, 'import', join(out, 'bundle'), '--author', 'Ada');
      expect(first.errors).toEqual([]);
      expect(first.printed[0]).toMatch(/: 103 created, 0 updated, 0 unchanged, 3 places, revision 1 by Ada, \d+ rows/);
      const [a, b] = [await counts(seeded), await counts(copy)];
      expect(b).toEqual(a);
      // Its own export is the same bundle.
      expect((await kbCli(copy, 'export', '--format', 'bundle', join(out, 'bundle-again'))).code).toBe(0);
      expect(filesOf(join(out, 'bundle-again'))).toEqual(filesOf(join(out, 'bundle')));
      const again = await kbCli(copy, 'import', join(out, 'bundle'), '--author', 'Ada');
      expect(again.printed[0]).toMatch(/: 0 created, 0 updated, 103 unchanged, 3 places, nothing written/);
      expect(await counts(copy)).toEqual(b);
    } finally {
      await copy.dispose();
    }
  });

  it('refuses a bad bundle into an empty base and into a seeded one, writing nothing on either', async () => {
    const bad = join(work, `${engine}-bad`);
    cpSync(SEED_DIR, bad, { recursive: true });
    const positions = join(bad, 'data', 'positions.yaml');
    writeFileSync(positions, readFileSync(positions, 'utf8').replace('actor: actor:iran', 'actor: actor:atlantis'));
    const empty = await openTestKb(engine, { label: 'bulk_empty' });
    try {
      const before = await counts(empty);
      const run = await kbCli(empty, 'import', bad);
      expect(run.code).toBe(2);
      expect(run.errors[0]).toMatch(/^kb: import refused, nothing written: positions\.yaml, entry position:.* refers to actor:atlantis/);
      expect(await counts(empty)).toEqual(before);
    } finally {
      await empty.dispose();
    }
    const before = await counts(seeded);
    expect((await kbCli(seeded, 'import', bad)).code).toBe(2);
    // The seed itself refuses it the same way, and leaves the base as it was.
    await expect(seedDatabase(seeded, bad)).rejects.toBeInstanceOf(SeedError);
    expect(await counts(seeded)).toEqual(before);
  });

  it('refuses a stored source given another text, through the stores, writing nothing', async () => {
    const changed = join(work, `${engine}-changed-text`);
    cpSync(join(out, 'bundle'), changed, { recursive: true });
    const text = readdirSync(changed).find((f) => f.endsWith('.txt'))!;
    writeFileSync(join(changed, text), readFileSync(join(changed, text), 'utf8') + ' Appended.');
    const before = await counts(seeded);
    const run = await kbCli(seeded, 'import', changed);
    expect(run.code).toBe(2);
    expect(run.errors[0]).toMatch(/another text/);
    expect(await counts(seeded)).toEqual(before);
  });

  it('writes a synthetic plan (writeSeed) on the engine, in one transaction, as revision 1', async () => {
    const kb = await openTestKb(engine, { label: 'bulk_plan' });
    try {
      await writeSeed(kb, syntheticPlan(5, 4));
      const n = await counts(kb);
      expect(n.actors).toBe(5);
      expect(n.statements).toBe(20);
      expect(n.revisions).toBe(1);
    } finally {
      await kb.dispose();
    }
  });
});

describe.runIf(postgresAvailable())('exports across engines', () => {
  it('are the same bytes from SQLite and from PostgreSQL for every format (the seed revision\'s time apart)', () => {
    const [sqlite, postgres] = [exported.get('sqlite'), exported.get('postgres')];
    expect(sqlite && postgres, 'both engines exported').toBeTruthy();
    for (const format of FORMATS) {
      const a = filesOf(join(sqlite!, format));
      const b = filesOf(join(postgres!, format));
      expect([...b.keys()].sort(), format).toEqual([...a.keys()].sort());
      for (const [file, text] of a) {
        // Each base was seeded at its own moment: revisions.csv differs in `at` only.
        const at = (s: string) => (file === 'revisions.csv' ? s.replace(/^(\d+),[^,]+,/gm, '$1,<at>,') : s);
        expect(at(b.get(file)!), `${format}/${file}`).toBe(at(text));
      }
    }
  });
});
