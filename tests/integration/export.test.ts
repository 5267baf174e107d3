/**
 * `npm run kb -- export`: the seeded knowledge base as W3C Web Annotation JSON-LD, RFC 4180
 * CSV and PLOVER JSON lines, each checked against the database and the source texts, on each engine.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_TABLES, PLOVER_TYPES } from '../../src/bulk/export.js';
import { seedDatabase } from '../../src/bulk/import.js';
import { statement } from '../../src/db/engine.js';
import type * as t from '../../src/db/tables.js';
import { runKbCli } from '../../src/kb-cli.js';
import { testEngines } from '../helpers/engines.js';
import { openTestKb, type TestKb } from '../helpers/kb.js';
import { kbContent } from '../helpers/kb-content.js';

describe.each(testEngines())('on $engine', ({ engine }) => {
  let kb: TestKb;
  let out: string;

  beforeAll(async () => {
    kb = await openTestKb(engine, { label: 'export' });
    await seedDatabase(kb);
    out = mkdtempSync(join(tmpdir(), 'kb-export-'));
  });
  afterAll(async () => {
    await kb?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  async function kbCli(...argv: string[]) {
    const printed: string[] = [];
    const errors: string[] = [];
    const code = await runKbCli(argv, { DATABASE_URL: kb.location }, (l) => printed.push(l), (l) => errors.push(l));
    return { code, printed, errors };
  }

  const count = async (table: string) => Number((await kb.engine.get<{ n: number }>(statement(`SELECT count(*) AS "n" FROM "${table}"`)))!.n);
  const all = <R>(text: string) => kb.engine.all<R>(statement(text));

  describe('Export: JSON-LD, one W3C Web Annotation per span', () => {
    it('writes every evidence span and factuality cue, each verifying against its source in code points', async () => {
      const dir = join(out, 'jsonld');
      const run = await kbCli('export', '--format', 'jsonld', dir);
      expect(run).toMatchObject({ code: 0, errors: [] });
      expect(run.printed[0]).toMatch(/^exported \d+ records in 1 file\(s\) as jsonld/);
      const page = JSON.parse(readFileSync(join(dir, 'annotations.jsonld'), 'utf8'));
      expect(page['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
      expect(page.type).toBe('AnnotationPage');
      expect(page.items).toHaveLength((await count('evidence')) + (await count('factuality_cues')));
      const texts = new Map((await all<t.SourceRow>(`SELECT "id", "text" FROM "sources"`)).map((s) => [`urn:x-geo-news-kb:${s.id}`, [...s.text]]));
      for (const a of page.items) {
        expect(a.type).toBe('Annotation');
        const [quote, position] = a.target.selector;
        expect(quote.type).toBe('TextQuoteSelector');
        expect(position.type).toBe('TextPositionSelector');
        const points = texts.get(a.target.source)!;
        expect(points.slice(position.start, position.end).join(''), a.id).toBe(quote.exact);
        expect(points.slice(Math.max(0, position.start - 32), position.start).join('')).toBe(quote.prefix);
        expect(points.slice(position.end, position.end + 32).join('')).toBe(quote.suffix);
      }
      const cue = page.items.find((a: any) => a.motivation === 'assessing' && a.body.id === 'urn:x-geo-news-kb:position:us-sanctions-relief');
      expect(cue.target.selector[0].exact).toBe('is likely to');
      expect(cue.body['urn:x-geo-news-kb:certainty']).toBe('PROBABLE');
    });
  });

  describe('Export: CSV, one RFC 4180 file per table', () => {
    it('writes a header of the stored columns and every row, values intact, ids that join', async () => {
      const dir = join(out, 'csv');
      expect((await kbCli('export', '--format', 'csv', dir)).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(CSV_TABLES.map((name) => `${name}.csv`).sort());
      const read = (table: string) => parse(readFileSync(join(dir, `${table}.csv`), 'utf8'), { columns: true }) as Record<string, string>[];
      for (const table of CSV_TABLES) expect(read(table), table).toHaveLength(await count(table));
      // Values with commas, quotes and line-free prose survive the quoting.
      const statements = new Map(read('statements').map((r) => [r.id, r]));
      for (const s of await all<t.StatementRow>(`SELECT "id", "summary" FROM "statements"`)) expect(statements.get(s.id)!.summary).toBe(s.summary);
      // Ids join across files.
      const actors = new Set(read('actors').map((r) => r.id));
      const issues = new Set(read('issues').map((r) => r.id));
      for (const p of read('positions')) {
        expect(actors.has(p.actor_id), p.id).toBe(true);
        expect(issues.has(p.issue_id), p.id).toBe(true);
      }
      for (const e of read('evidence')) if (e.actor_id) expect(actors.has(e.actor_id)).toBe(true);
      expect(readFileSync(join(dir, 'positions.csv'), 'utf8').split('\n')[0]).toBe('id,actor_id,issue_id,stance,firmness,is_precondition,summary,certainty,polarity,holder_id,version');
    });
  });

  describe('Export: PLOVER, events as JSON lines', () => {
    it('writes one record per event with PLOVER fields, the mapped type, the date precision and the source sentence', async () => {
      const dir = join(out, 'plover');
      expect((await kbCli('export', '--format', 'plover', dir)).code).toBe(0);
      const records = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(records).toHaveLength(await count('events'));
      const threat = records.find((r) => r.id === 'event:iran-threat-to-strike-us-bases');
      expect(threat).toMatchObject({ event_type: 'THREATEN', actor: 'Iran', actor_country: 'IRN', recipient: 'United States', date: null, date_precision: 'unknown', kb_status: 'OCCURRED', kb_sources: 1, kb_independent_sources: 1 });
      expect(threat.source_sentence).toBe('Simultaneously, Iran has threatened to strike U.S. Bases in the region should a military conflict arise, a warning issued on .');
      const evidence = await all<{ eventId: string | null; start: number; exact: string }>(`SELECT "event_id" AS "eventId", "start", "exact" FROM "evidence"`);
      for (const r of records) {
        expect(Object.keys(r)).toEqual(expect.arrayContaining(['event_type', 'mode', 'context', 'actor', 'recipient', 'date', 'date_precision', 'source_sentence']));
        expect(r.event_type).toBe(PLOVER_TYPES[r.kb_kind as keyof typeof PLOVER_TYPES]);
        const first = evidence.filter((e) => e.eventId === r.id).sort((a, b) => a.start - b.start)[0]!;
        expect(r.source_sentence, r.id).toContain(first.exact.trim().split(' ').slice(0, 3).join(' '));
      }
    });
  });

  describe('Export: bad input is refused with exit code 2, touching nothing', () => {
    it('refuses an unknown format, a missing folder argument, an unknown command and a folder that is not empty', async () => {
      const before = await kbContent(kb.engine);
      const unknown = await kbCli('export', '--format', 'xml', join(out, 'xml'));
      expect(unknown).toMatchObject({ code: 2, errors: ['kb: unknown format "xml"; use one of bundle, csv, jsonld, plover'] });
      expect((await kbCli('export', '--format', 'csv')).code).toBe(2);
      expect((await kbCli('frobnicate')).errors[0]).toMatch(/unknown command "frobnicate"/);
      const full = join(out, 'full');
      mkdirSync(full);
      writeFileSync(join(full, 'keep.txt'), 'mine');
      const refused = await kbCli('export', '--format', 'csv', full);
      expect(refused).toMatchObject({ code: 2, errors: [`kb: ${full} exists and is not empty; export into a new or empty folder`] });
      expect(readdirSync(full)).toEqual(['keep.txt']);
      expect(await kbContent(kb.engine)).toBe(before);
    });
  });
});
