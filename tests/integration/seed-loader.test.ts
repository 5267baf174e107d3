/**
 * The seed loader refuses bad data with a message naming the file and the entry, and leaves
 * the database exactly as it was, on each engine.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../../src/shared/paths.js';
import { SeedError, readSeed } from '../../src/bulk/bundle-reader.js';
import { seedDatabase } from '../../src/bulk/import.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { kbContent } from '../helpers/kb-content.js';

describe.each(testEngines())('on $engine', ({ engine }) => {
  let kb: TestKb;
  let dir: string;

  beforeAll(async () => {
    kb = await openTestKb(engine, { label: 'seed_loader' });
    await seedDatabase(kb);
  });
  afterAll(async () => {
    await kb?.dispose();
  });
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
  const snapshot = () => kbContent(kb.engine);

  async function expectRefusal(seedDir: string, file: string, entry: string, message: RegExp): Promise<void> {
    const before = await snapshot();
    let error: unknown;
    try {
      await seedDatabase(kb, seedDir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).file).toBe(file);
    expect((error as SeedError).entry).toBe(entry);
    expect((error as SeedError).message).toMatch(message);
    expect(await snapshot()).toBe(before);
  }

  describe('Seed loader: refusals name the file and the entry and change nothing', () => {
    it('loads the real seed without complaint', async () => {
      const plan = readSeed();
      expect(plan.actors.length).toBeGreaterThan(0);
      expect(await snapshot()).toContain('actor:iran');
    });

    it('refuses a quote that is not in the article', async () => {
      const d = seedWith('actors.yaml', (s) => s.replace(/- id: actor:iran\n((?:.*\n)*?)\s+evidence:\n\s+- /, (m) => `${m}"Iran annexed the Moon" \n    - `));
      await expectRefusal(d, 'actors.yaml', 'actor:iran', /quote not found in the source: "Iran annexed the Moon/);
    });

    it('refuses an ambiguous quote given without an occurrence', async () => {
      const d = seedWith('issues.yaml', (s) => s.replace(/(- id: issue:sanctions-relief\n(?:.*\n)*?\s+evidence:\n)/, '$1    - "sanctions"\n'));
      await expectRefusal(d, 'issues.yaml', 'issue:sanctions-relief', /ambiguous/);
    });

    it('refuses a dangling reference', async () => {
      const d = seedWith('positions.yaml', (s) => s.replace(/actor: actor:iran\n/, 'actor: actor:atlantis\n'));
      await expectRefusal(d, 'positions.yaml', readSeed().positions.find((p) => p.actorId === 'actor:iran')!.id, /refers to actor:atlantis/);
    });

    it('refuses a duplicate id', async () => {
      const d = seedWith('issues.yaml', (s) => s.replace('- id: issue:sanctions-relief', '- id: issue:ballistic-missile-program'));
      await expectRefusal(d, 'issues.yaml', 'issue:ballistic-missile-program', /duplicate id/);
    });

    it('refuses an unknown enum value with the field named', async () => {
      const d = seedWith('events.yaml', (s) => s.replace(/status: OCCURRED/, 'status: HAPPENED'));
      await expectRefusal(d, 'events.yaml', readSeed().events.find((e) => e.status === 'OCCURRED')!.id, /status/);
    });

    it('refuses a date the seed would have to invent: a year at precision UNKNOWN', async () => {
      const d = seedWith('events.yaml', (s) => s.replace(/precision: UNKNOWN/, 'precision: UNKNOWN\n    year: 2025'));
      expect(() => readSeed(d)).toThrow(/year must be absent at precision UNKNOWN/);
    });
  });

  describe('Seed loader: factuality and conditions are checked like evidence', () => {
    const US_SANCTIONS = 'position:us-sanctions-relief';

    it('refuses a factuality cue that is not a span of the article', async () => {
      const d = seedWith('positions.yaml', (s) => s.replace('cues: ["is likely to"]', 'cues: ["is certain to"]'));
      await expectRefusal(d, 'positions.yaml', US_SANCTIONS, /factuality cue: quote not found in the source: "is certain to"/);
    });

    it('refuses an ambiguous factuality cue', async () => {
      const d = seedWith('positions.yaml', (s) => s.replace('cues: ["is likely to"]', 'cues: ["likely"]'));
      await expectRefusal(d, 'positions.yaml', US_SANCTIONS, /factuality cue: .*ambiguous/);
    });

    it('refuses a certainty or a polarity outside the enum', async () => {
      const certainty = seedWith('positions.yaml', (s) => s.replace('certainty: PROBABLE\n    cues: ["is likely to"]', 'certainty: LIKELY\n    cues: ["is likely to"]'));
      await expectRefusal(certainty, 'positions.yaml', US_SANCTIONS, /factuality\.certainty/);
      const polarity = seedWith('statements.yaml', (s) => s.replace('polarity: NEGATIVE', 'polarity: DENIED'));
      await expectRefusal(polarity, 'statements.yaml', 'statement:iran-denies-messages', /factuality\.polarity/);
    });

    it('refuses a hedged factuality that cites no cue', async () => {
      const d = seedWith('positions.yaml', (s) => s.replace('certainty: PROBABLE\n    cues: ["is likely to"]', 'certainty: PROBABLE'));
      await expectRefusal(d, 'positions.yaml', US_SANCTIONS, /factuality\.cues: a PROBABLE\/POSITIVE factuality must cite the words that set it/);
    });

    it('refuses a holder that is not an actor of the knowledge base', async () => {
      const d = seedWith('statements.yaml', (s) => s.replace('    certainty: POSSIBLE\n    cues: ["could provoke"]', '    certainty: POSSIBLE\n    holder: actor:nobody\n    cues: ["could provoke"]'));
      await expectRefusal(d, 'statements.yaml', 'statement:turkey-cautions-missile-expansion', /refers to actor:nobody/);
    });

    it('refuses a CONDITIONAL stance without conditions', async () => {
      const d = seedWith('positions.yaml', (s) => s.replace('  conditions: [issue:nuclear-program-limits, issue:regional-destabilizing-activities]\n', ''));
      await expectRefusal(d, 'positions.yaml', US_SANCTIONS, /conditions: a CONDITIONAL stance must name what is asked in return/);
    });

    it('refuses conditions on another stance', async () => {
      const d = seedWith('positions.yaml', (s) => s.replace('  stance: CONDITIONAL\n', '  stance: OPPOSES\n'));
      await expectRefusal(d, 'positions.yaml', US_SANCTIONS, /conditions: only a CONDITIONAL stance has conditions \(this one is OPPOSES\)/);
    });

    it('refuses a condition that is not an issue of the knowledge base', async () => {
      const unknown = seedWith('positions.yaml', (s) => s.replace('conditions: [issue:nuclear-program-limits,', 'conditions: [issue:world-peace,'));
      await expectRefusal(unknown, 'positions.yaml', US_SANCTIONS, /refers to issue:world-peace/);
      const notAnIssue = seedWith('positions.yaml', (s) => s.replace('conditions: [issue:nuclear-program-limits,', 'conditions: [actor:iran,'));
      await expectRefusal(notAnIssue, 'positions.yaml', US_SANCTIONS, /conditions\.0: must look like issue:/);
    });

    it('refuses a relation certainty outside the enum', async () => {
      const d = seedWith('events.yaml', (s) => s.replace('certainty: POSSIBLE\n      note: "Both in Oman', 'certainty: MAYBE\n      note: "Both in Oman'));
      await expectRefusal(d, 'events.yaml', 'event:muscat-meeting-araghchi-witkoff', /relations\.0\.certainty/);
    });
  });
});
