/**
 * `npm run kb -- import`: a bundle exported from one knowledge base, imported into an empty
 * one, answers every example operation the same; importing it again writes nothing; a changed
 * entry becomes an update; a bad bundle is refused, naming file and entry, writing nothing; on
 * each engine (an empty base loads through the engine's bulk loader: COPY on PostgreSQL).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExamples } from '../../src/http/examples.loader.js';
import { runKbCli } from '../../src/kb-cli.js';
import { projectRoot } from '../../src/shared/paths.js';
import { seedDatabase } from '../../src/bulk/import.js';
import { CSV_TABLES } from '../../src/bulk/export.js';
import { statement } from '../../src/db/engine.js';
import { testEngines } from '../helpers/engines.js';
import { startTestServer } from '../helpers/http.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { kbContent } from '../helpers/kb-content.js';

describe.each(testEngines())('on $engine', ({ engine }) => {
  let original: TestKb;
  let copy: TestKb;
  let work: string;
  let bundle: string;

  async function kbCli(db: TestKb, ...argv: string[]) {
    const printed: string[] = [];
    const errors: string[] = [];
    const code = await runKbCli(argv, { DATABASE_URL: db.location }, (l) => printed.push(l), (l) => errors.push(l));
    return { code, printed, errors };
  }

  beforeAll(async () => {
    original = await openTestKb(engine, { label: 'import_original' });
    await seedDatabase(original);
    copy = await openTestKb(engine, { label: 'import_copy' });
    work = mkdtempSync(join(tmpdir(), 'kb-import-'));
    bundle = join(work, 'bundle');
    expect((await kbCli(original, 'export', '--format', 'bundle', bundle)).code).toBe(0);
  });
  afterAll(async () => {
    await original?.dispose();
    await copy?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  /** Everything stored, through the engine. */
  const snapshot = (kb: TestKb) => kbContent(kb.engine);
  const count = async (kb: TestKb, table: string) => Number((await kb.engine.get<{ n: number }>(statement(`SELECT count(*) AS "n" FROM "${table}"`)))!.n);

  describe('Import: an exported bundle round-trips into an empty database', () => {
    it('imports every node as one revision by the importer, and answers every example operation identically', async () => {
      const run = await kbCli(copy, 'import', bundle, '--author', 'Ada, importer');
      expect(run.errors).toEqual([]);
      // The seed: 1 source, 16 actors, 6 issues, 14 events, 35 statements, 10 positions and 21 relations.
      expect(run.printed[0]).toMatch(/: 103 created, 0 updated, 0 unchanged, 3 places, revision 1 by Ada, importer, \d+ rows in \d+ ms \(\d+ rows\/s, peak RSS \d+ MB\)$/);
      // The rows it reports are the rows now in the knowledge and history tables (search rows, kept by triggers, apart).
      let stored = 0;
      for (const table of [...CSV_TABLES, 'changes']) stored += await count(copy, table);
      expect(run.printed[0]).toContain(`, ${stored} rows in `);
      const [a, b] = await Promise.all([startTestServer(original.engine), startTestServer(copy.engine)]);
      try {
        const examples = loadExamples(join(projectRoot(), 'schema', 'examples'));
        expect(examples.length).toBeGreaterThan(10);
        for (const example of examples) {
          const variables = example.variables ? JSON.parse(example.variables) : undefined;
          const [x, y] = await Promise.all([a.gql(example.query, variables), b.gql(example.query, variables)]);
          expect(x.errors, example.name).toBeUndefined();
          // Evidence ids differ between the two databases; everything a reader sees is the same.
          expect(y.data, example.name).toEqual(x.data);
        }
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('writes nothing, not even a revision, when the same bundle is imported again', async () => {
      const before = await snapshot(copy);
      const run = await kbCli(copy, 'import', bundle);
      expect(run.printed[0]).toMatch(/: 0 created, 0 updated, 103 unchanged, 3 places, nothing written/);
      expect(await snapshot(copy)).toBe(before);
    });

    it('records a changed entry as an update, one version up, in one new revision', async () => {
      const changed = join(work, 'changed');
      cpSync(bundle, changed, { recursive: true });
      const file = join(changed, 'data', 'actors.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('description: Israel, which initiated a twelve-day conflict against Iran.', 'description: Israel, which initiated the twelve-day conflict.'));
      const run = await kbCli(copy, 'import', changed, '--author', 'Ada, importer');
      expect(run.printed[0]).toMatch(/: 0 created, 1 updated, 102 unchanged, 3 places, revision 2 by Ada, importer/);
      const server = await startTestServer(copy.engine);
      try {
        const res = await server.gql(`{ actor(id: "actor:israel") { version description } revisions(first: 1) { edges { node { number author { name } changes { nodeId op version } } } } }`);
        expect(res.data.actor).toEqual({ version: 2, description: 'Israel, which initiated the twelve-day conflict.' });
        expect(res.data.revisions.edges[0].node).toEqual({ number: 2, author: { name: 'Ada, importer' }, changes: [{ nodeId: 'actor:israel', op: 'UPDATE', version: 2 }] });
      } finally {
        await server.close();
      }
    });
  });

  describe('Import: a bad bundle is refused with exit code 2, naming file and entry, writing nothing', () => {
    /** Where the list item holding `needle` starts: its `- id:` line, and that id. */
    const itemOf = (text: string, needle: string) => {
      const lines = text.split('\n');
      let at = lines.findLastIndex((l) => l.includes(needle));
      while (at >= 0 && !lines[at]!.startsWith('- id: ')) at--;
      return { line: at + 1, id: lines[at]!.slice('- id: '.length) };
    };
    const cases: [string, string, (text: string) => string, (edited: string) => string | RegExp][] = [
      ['a quote not in its source', 'statements.yaml', (s) => s.replace('quote: Iran has denied', 'quote: Iran has gladly confirmed'), (t) => `statements.yaml, entry statement:iran-denies-messages (line ${itemOf(t, 'gladly confirmed').line}): evidence: quote not found`],
      ['a dangling reference', 'positions.yaml', (s) => s.replace('actor: actor:turkey', 'actor: actor:atlantis'), (t) => `positions.yaml, entry position:turkey-missile-expansion (line ${itemOf(t, 'actor:atlantis').line}): refers to actor:atlantis`],
      ['a duplicate id', 'issues.yaml', (s) => s.replace('id: issue:sanctions-relief', 'id: issue:nuclear-program-limits'), (t) => `issues.yaml, entry issue:nuclear-program-limits (line ${itemOf(t, 'id: issue:nuclear-program-limits').line}): duplicate id`],
      ['malformed YAML', 'events.yaml', (s) => `${s}\n  - : [unclosed`, () => /events\.yaml, entry \(file\): not valid YAML/],
      ['an unknown enum value', 'events.yaml', (s) => s.replace('status: OCCURRED', 'status: HAPPENED'), (t) => `events.yaml, entry ${itemOf(t, 'status: HAPPENED').id} (line ${itemOf(t, 'status: HAPPENED').line}): status`],
    ];
    for (const [what, file, edit, expected] of cases) {
      it(`refuses ${what}`, async () => {
        const bad = mkdtempSync(join(work, 'bad-'));
        cpSync(bundle, bad, { recursive: true });
        const path = join(bad, 'data', file);
        const text = readFileSync(path, 'utf8');
        expect(edit(text)).not.toBe(text);
        writeFileSync(path, edit(text));
        const before = await snapshot(copy);
        const run = await kbCli(copy, 'import', bad);
        expect(run.code).toBe(2);
        expect(run.errors[0]).toMatch(/^kb: import refused, nothing written: /);
        const message = expected(edit(text));
        if (typeof message === 'string') expect(run.errors[0]).toContain(message);
        else expect(run.errors[0]).toMatch(message);
        expect(await snapshot(copy)).toBe(before);
      });
    }

    it('refuses a bundle that gives a stored source another text, or two positions to one actor on one issue', async () => {
      const before = await snapshot(copy);
      const edited = mkdtempSync(join(work, 'text-'));
      cpSync(bundle, edited, { recursive: true });
      const text = join(edited, 'us-iran-second-round-talks.txt');
      // Every quote still occurs once, so the bundle validates; only the stored text differs.
      writeFileSync(text, `${readFileSync(text, 'utf8')}An added closing sentence.\n`);
      const changedText = await kbCli(copy, 'import', edited);
      expect(changedText.code).toBe(2);
      expect(changedText.errors[0]).toMatch(/sources\.yaml, entry source:us-iran-second-round-talks: this source is stored with another text/);
      const twice = mkdtempSync(join(work, 'twice-'));
      cpSync(bundle, twice, { recursive: true });
      const positions = join(twice, 'data', 'positions.yaml');
      const again = ['- id: position:araghchi-again', '  actor: actor:abbas-araghchi', '  issue: issue:trade-and-economic-matters', '  stance: OPEN_TO', '  summary: Again.', '  evidence:', '    - quote: Iranian Foreign Minister Abbas Araghchi', '      occurrence: 1', '      source: source:us-iran-second-round-talks', ''].join('\n');
      writeFileSync(positions, `${readFileSync(positions, 'utf8')}${again}`);
      const duplicate = await kbCli(copy, 'import', twice);
      expect(duplicate.code).toBe(2);
      expect(duplicate.errors[0]).toMatch(/positions\.yaml, entry position:araghchi-again \(line \d+\): position:araghchi-trade-matters already holds actor:abbas-araghchi's position on issue:trade-and-economic-matters/);
      expect(await snapshot(copy)).toBe(before);
    });

    it('refuses a folder that is a file, and a synthetic count of nought, without a stack trace or a new folder', async () => {
      const file = join(work, 'a-file');
      writeFileSync(file, 'x');
      const notAFolder = await kbCli(copy, 'export', '--format', 'bundle', join(file, 'inside'));
      expect(notAFolder.code).toBe(2);
      expect(notAFolder.errors[0]).toMatch(/^kb: .*(ENOTDIR|not a directory)/);
      const nought = await kbCli(copy, 'synth', '--statements', '0', join(work, 'never'));
      expect(nought.code).toBe(2);
      expect(readdirSync(work)).not.toContain('never');
    });

    it('refuses a bundle with a missing file', async () => {
      const bad = mkdtempSync(join(work, 'missing-'));
      cpSync(bundle, bad, { recursive: true });
      rmSync(join(bad, 'us-iran-second-round-talks.txt'));
      const before = await snapshot(copy);
      const run = await kbCli(copy, 'import', bad);
      expect(run).toMatchObject({ code: 2, errors: [expect.stringMatching(/sources\.yaml, entry source:us-iran-second-round-talks \(line 1\): text file us-iran-second-round-talks\.txt not found/)] });
      expect(await snapshot(copy)).toBe(before);
    });
  });

  describe('Synth: a deterministic synthetic bundle that imports', () => {
    it('writes the same bundle for the same N, which imports whole and has parties in conflict', async () => {
      const [a, b] = [join(work, 'synth-a'), join(work, 'synth-b')];
      const made = await kbCli(copy, 'synth', '--statements', '300', a);
      expect(made.printed[0]).toMatch(/^synthesized .*: 15 sources, 32 actors, 6 issues, 60 events, 300 statements, 24 positions in \d+ ms$/);
      await kbCli(copy, 'synth', '--statements', '300', b);
      for (const file of ['sources.jsonl', 'actors.jsonl', 'events.jsonl', 'statements.jsonl', 'positions.jsonl']) {
        expect(readFileSync(join(b, 'data', file), 'utf8'), file).toBe(readFileSync(join(a, 'data', file), 'utf8'));
      }
      const empty = await openTestKb(engine, { label: 'import_synth' });
      try {
        const run = await kbCli(empty, 'import', a);
        expect(run.errors).toEqual([]);
        expect(run.printed[0]).toMatch(/: \d+ created, 0 updated, 0 unchanged, 0 places, revision 1/);
        const server = await startTestServer(empty.engine);
        try {
          const res = await server.gql('{ statements { totalCount } positions { totalCount } blockingIssues { issue { id } } contradictions { basis } }');
          expect(res.data.statements.totalCount).toBe(300);
          expect(res.data.positions.totalCount).toBe(24);
          expect(res.data.blockingIssues.length).toBeGreaterThan(0);
          expect(res.data.contradictions.length).toBeGreaterThan(0);
        } finally {
          await server.close();
        }
      } finally {
        await empty.dispose();
      }
    });

    it('loads an empty database on its fast path: forward references are fine, the schema is whole after, a refusal leaves it empty', async () => {
      const dir = join(work, 'synth-forward');
      cpSync(join(work, 'synth-a'), dir, { recursive: true });
      const file = join(dir, 'data', 'statements.jsonl');
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      // The first statement now denies the last one, defined 299 lines later.
      const first = JSON.parse(lines[0]!) as { relations: unknown[]; evidence: unknown[] };
      first.relations = [{ kind: 'DENIES', object: 'statement:st299', evidence: first.evidence }];
      writeFileSync(file, [JSON.stringify(first), ...lines.slice(1)].join('\n') + '\n');
      // What the bulk loader sets aside and puts back: SQLite's indexes and triggers, PostgreSQL's first_mention triggers.
      const schemaOf = async (db: TestKb) =>
        JSON.stringify(
          db.kind === 'sqlite'
            ? db.db!.$client.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all()
            : await db.engine.all(statement(`SELECT "tgname", "tgenabled" FROM "pg_trigger" WHERE NOT "tgisinternal" ORDER BY "tgname"`)),
        );

      const empty = await openTestKb(engine, { label: 'import_forward' });
      try {
        const migrated = await schemaOf(empty);
        const before = await snapshot(empty);
        const dangling = join(work, 'synth-dangling');
        cpSync(dir, dangling, { recursive: true });
        writeFileSync(join(dangling, 'data', 'statements.jsonl'), readFileSync(file, 'utf8').replace('"event":"event:e59"', '"event":"event:e9999"'));
        expect(await kbCli(empty, 'import', dangling)).toMatchObject({ code: 2, errors: [expect.stringMatching(/statements\.jsonl, entry statement:st59 \(line 60\): refers to event:e9999/)] });
        expect(await snapshot(empty)).toBe(before);

        const run = await kbCli(empty, 'import', dir);
        expect(run.errors).toEqual([]);
        expect(await schemaOf(empty), 'every index and trigger set aside for the load is back').toBe(migrated);
        if (empty.kind === 'sqlite') {
          expect(empty.db!.$client.pragma('foreign_keys', { simple: true })).toBe(1);
          expect(empty.db!.$client.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
        }
        expect(await empty.engine.all(statement(`SELECT "object_id" FROM "statement_relations" WHERE "subject_id" = 'statement:st0'`))).toEqual([{ object_id: 'statement:st299' }]);
        // first_mention, filled at the end of the load, is what the triggers would have kept.
        const mention = statement(`SELECT count(*) AS "n" FROM "statements" AS "s" WHERE "s"."first_mention" IS NOT DISTINCT FROM (SELECT min("e"."start") FROM "evidence" AS "e" WHERE "e"."statement_id" = "s"."id")`);
        expect(Number((await empty.engine.get<{ n: number }>(mention))!.n)).toBe(300);
        // The full-text index was rebuilt in one pass (SQLite), kept by its triggers (PostgreSQL): a statement's summary is found.
        const docs = statement(`SELECT count(*) AS "n" FROM "search_documents" WHERE "entity_id" = 'statement:st299'`);
        expect(Number((await empty.engine.get<{ n: number }>(docs))!.n)).toBeGreaterThan(0);
        const server = await startTestServer(empty.engine);
        try {
          const res = await server.gql('{ search(query: "statement 299") { node { id } } }');
          expect(res.errors).toBeUndefined();
          expect(JSON.stringify(res.data)).toContain('statement:st299');
        } finally {
          await server.close();
        }
      } finally {
        await empty.dispose();
      }
    });

    it('refuses a malformed JSON line or a bad entry in the JSON-lines form, naming file and line, writing nothing', async () => {
      const bad = join(work, 'synth-jsonl-bad');
      cpSync(join(work, 'synth-a'), bad, { recursive: true });
      const file = join(bad, 'data', 'statements.jsonl');
      const lines = readFileSync(file, 'utf8').split('\n');
      const before = await snapshot(copy);
      writeFileSync(file, [...lines.slice(0, 6), '{"id": "statement:broken", ', ...lines.slice(6)].join('\n'));
      expect(await kbCli(copy, 'import', bad)).toMatchObject({ code: 2, errors: [expect.stringMatching(/statements\.jsonl, entry line 7: not valid JSON/)] });
      writeFileSync(file, [...lines.slice(0, 6), lines[6]!.replace('"kind":"', '"kind":"X'), ...lines.slice(7)].join('\n'));
      expect(await kbCli(copy, 'import', bad)).toMatchObject({ code: 2, errors: [expect.stringMatching(/statements\.jsonl, entry statement:st6 \(line 7\): kind/)] });
      expect(await snapshot(copy)).toBe(before);
    });

    it('refuses a count that is not a whole number, and a folder that is not empty', async () => {
      expect(await kbCli(copy, 'synth', '--statements', 'many', join(work, 'synth-bad'))).toMatchObject({ code: 2, errors: [expect.stringMatching(/--statements must be a whole number/)] });
      expect((await kbCli(copy, 'synth', '--statements', '10', join(work, 'synth-a'))).code).toBe(2);
    });
  });
});
