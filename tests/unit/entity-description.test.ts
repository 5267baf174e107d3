/**
 * One description per entity (`src/store/entities.ts`) drives the mutation inputs, the bundle
 * format, the bundle reader's rows and the export's entries. Through the real reader (a
 * bundle on disk), the real bridge to node documents and the real entry writers of the
 * export: a field read from a bundle is written back as it was; the mutation input and the
 * bundle entry check a field with one schema; every column of an entity's table is a field's
 * or named here as not being one.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableColumns, type Table } from 'drizzle-orm';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as t from '../../src/db/tables.js';
import { actorEntry, eventEntry, issueEntry, positionEntry, sourceFile, statementEntry } from '../../src/bulk/bundle-format.js';
import { readSeed } from '../../src/bulk/bundle-reader.js';
import { ENTRY_OF, quoting } from '../../src/bulk/bundle.js';
import { documentsOf } from '../../src/bulk/documents-from-plan.js';
import { SCHEMAS } from '../../src/modules/write/write.validation.js';
import { CodePointText } from '../../src/shared/text-span.js';
import { columnsOf, ENTITY_FIELDS, fieldShape, type EntityType } from '../../src/store/entities.js';
import type { Docs } from '../../src/store/documents.js';

const TEXT = 'Iran and the United States met in Muscat on an April afternoon. Iran said the talks may resume. Tehran rejects limits on missiles unless sanctions are lifted.';
const SOURCE = 'source:muscat-talks';
const q = (quote: string) => ({ quote, occurrence: 1, source: SOURCE });

/**
 * One entry of each entity, every field given (optional ones too), written as the export
 * writes entries: keys in the bundle's order, quotes with their occurrence and source.
 */
const ENTRIES = {
  Source: {
    id: SOURCE, title: 'Talks in Muscat', file: 'muscat-talks.txt', url: 'https://example.org/muscat', published: { precision: 'DAY', year: 2025, month: 4, day: 12, note: 'the dateline' },
    publisher: 'Muscat Daily', reprintOf: 'source:muscat-wire',
  },
  Actor: {
    id: 'actor:iran', name: 'Iran', kind: 'STATE', aliases: ['Islamic Republic', 'Tehran'], countryCode: 'IRN', cameoCode: 'IRNGOV', description: 'The Islamic Republic of Iran.',
    evidence: [q('Iran and the United States')],
  },
  Issue: { id: 'issue:missile-limits', name: 'Missile limits', description: 'Limits on Iran’s missile program.', evidence: [q('limits on missiles')] },
  Event: {
    id: 'event:muscat-meeting', title: 'Meeting in Muscat', summary: 'Iran and the United States met in Muscat.', kind: 'MEETING', status: 'OCCURRED',
    start: { precision: 'MONTH', year: 2025, month: 4 }, end: { precision: 'UNKNOWN', note: 'not given' }, durationDays: 1, durationNote: 'an afternoon',
    location: 'place:muscat', cameoCode: '046',
    participants: [{ actor: 'actor:iran', role: 'PARTICIPANT' }, { actor: 'actor:united-states', role: 'PARTICIPANT' }], issues: ['issue:talks'],
    factuality: { certainty: 'CERTAIN', polarity: 'POSITIVE', holder: 'actor:iran', cues: [] },
    evidence: [q('met in Muscat')],
  },
  Statement: {
    id: 'statement:iran-talks-may-resume', kind: 'CLAIM', summary: 'Iran says the talks may resume.', speaker: 'actor:iran',
    attribution: { kind: 'NAMED', detail: 'Iran said' }, target: 'actor:united-states', date: { precision: 'YEAR', year: 2025 }, event: 'event:muscat-meeting',
    issues: ['issue:talks'], factuality: { certainty: 'PROBABLE', polarity: 'POSITIVE', holder: 'actor:iran', cues: [q('may resume')] },
    evidence: [q('Iran said the talks may resume')],
  },
  Position: {
    id: 'position:iran-missile-limits', actor: 'actor:iran', issue: 'issue:missile-limits', stance: 'CONDITIONAL', firmness: 'FIRM', isPrecondition: true,
    conditions: ['issue:talks'], summary: 'Iran rejects missile limits unless sanctions are lifted.', statements: ['statement:iran-talks-may-resume'],
    evidence: [q('rejects limits on missiles unless sanctions are lifted')],
  },
} satisfies Record<EntityType, Record<string, unknown>>;

/** What the entries above refer to, beyond one another. */
const OTHER_ACTOR = { id: 'actor:united-states', name: 'United States', kind: 'STATE', description: 'The United States.', evidence: [q('the United States met')] };
const OTHER_ISSUE = { id: 'issue:talks', name: 'Talks', description: 'Whether the talks resume.', evidence: [q('the talks')] };
const PLACE = { id: 'place:muscat', name: 'Muscat', countryCode: 'OMN' };
/** The wire story the source reprints (a text invented for this test). */
const WIRE = { id: 'source:muscat-wire', title: 'Wire: talks in Muscat', file: 'muscat-wire.txt' };

const ENTRY_SCHEMAS = { Source: sourceFile, Actor: actorEntry, Issue: issueEntry, Event: eventEntry, Statement: statementEntry, Position: positionEntry } as const;
const CREATE_SCHEMAS = { Source: SCHEMAS.addSource, Actor: SCHEMAS.createActor, Issue: SCHEMAS.createIssue, Event: SCHEMAS.createEvent, Statement: SCHEMAS.createStatement, Position: SCHEMAS.setPosition } as const;
const TYPES = Object.keys(ENTITY_FIELDS) as EntityType[];

describe('Entity descriptions: a field read from a bundle is exported as it was', () => {
  let dir: string;
  let docs: Map<string, unknown>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-entity-description-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'muscat-talks.txt'), TEXT);
    const yaml = (file: string, list: unknown[]) => writeFileSync(join(dir, 'data', file), stringify(list));
    writeFileSync(join(dir, 'muscat-wire.txt'), `${TEXT} (wire copy)`);
    yaml('sources.yaml', [ENTRIES.Source, WIRE]);
    yaml('places.yaml', [PLACE]);
    yaml('actors.yaml', [ENTRIES.Actor, OTHER_ACTOR]);
    yaml('issues.yaml', [ENTRIES.Issue, OTHER_ISSUE]);
    yaml('events.yaml', [ENTRIES.Event]);
    yaml('statements.yaml', [ENTRIES.Statement]);
    yaml('positions.yaml', [ENTRIES.Position]);
    docs = new Map(documentsOf(readSeed(dir)).map(({ doc }) => [doc.row.id, doc]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every field of every entity in the entries it round-trips', () => {
    for (const type of TYPES) {
      const keys = Object.keys(fieldShape(type, 'create', { keys: 'bundle' }));
      expect(keys.filter((key) => !(key in ENTRIES[type])), `${type}'s fields missing from its entry`).toEqual([]);
    }
  });

  it.each(TYPES)('writes a %s entry back key for key, in the same order, after the reader made it a row', (type) => {
    const quotes = quoting(new Map([[SOURCE, new CodePointText(TEXT)]]));
    const entryOf = ENTRY_OF[type] as (doc: unknown, parts: { quotes: typeof quotes; relations: never[] }) => Record<string, unknown>;
    const doc = docs.get(ENTRIES[type].id);
    expect(doc, `${type} read from the bundle`).toBeDefined();
    const written = entryOf(doc, { quotes, relations: [] });
    expect(written).toEqual(ENTRIES[type]);
    expect(Object.keys(written)).toEqual(Object.keys(ENTRIES[type]));
    expect(JSON.stringify(written)).toBe(JSON.stringify(ENTRIES[type]));
  });

  it('stores an absent optional field as its fallback, and exports the fallback', () => {
    const event = docs.get('event:muscat-meeting') as Docs['Event'];
    expect(event.row).toMatchObject({ startPrecision: 'MONTH', startYear: 2025, startMonth: 4, startDay: null, endPrecision: 'UNKNOWN', endNote: 'not given', locationId: 'place:muscat' });
    const other = docs.get('actor:united-states') as Docs['Actor'];
    expect(other.row).toMatchObject({ countryCode: null, cameoCode: null });
    const written = ENTRY_OF.Actor(other, { quotes: quoting(new Map([[SOURCE, new CodePointText(TEXT)]])), relations: [] });
    expect(written).not.toHaveProperty('countryCode');
    expect(written).not.toHaveProperty('aliases');
  });
});

/** Values that sit on every bound the fields have: lengths, shapes, codes, numbers, dates. */
const PROBES: unknown[] = [
  undefined, null, '', '   ', 'x', '  padded  ', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(500), 'x'.repeat(501), 'x'.repeat(5000), 'x'.repeat(5001),
  'IRN', 'Irn', 'IRNG', 'IRNGOV', 'IRNGOVERNMENTX', '04', '046', '0461', '04612',
  'actor:iran', 'actor:Iran', 'actor:iran-', `actor:${'a'.repeat(114)}`, `actor:${'a'.repeat(115)}`, 'issue:talks', 'event:muscat-meeting', 'place:muscat', 'statement:x',
  'https://example.org/a', 'http://example.org', 'ftp://example.org/a', 'not a url', `https://example.org/${'a'.repeat(1990)}`,
  0, 1, 12, 1.5, -1, 100_000, 100_001, true, false, {}, [],
  { precision: 'UNKNOWN' }, { precision: 'UNKNOWN', note: 'blank' }, { precision: 'UNKNOWN', year: 2025 }, { precision: 'YEAR' }, { precision: 'YEAR', year: 2025 },
  { precision: 'MONTH', year: 2025, month: 13 }, { precision: 'DAY', year: 2025, month: 4, day: 12 }, { precision: 'SOON' },
  { kind: 'NAMED' }, { kind: 'NAMED', detail: 'x'.repeat(500) }, { kind: 'NAMED', detail: 'x'.repeat(501) }, { kind: 'NAMED', other: 1 }, { kind: 'NOBODY' },
  ...new Set(Object.values(ENTRIES).flatMap((e) => Object.values(e)).filter((v) => typeof v === 'string' && /^[A-Z_]+$/.test(v))),
  'NOT_AN_ENUM_VALUE',
];

/** The schema inside `.optional()` and `.default()`. */
function inner(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
  return (def.type === 'optional' || def.type === 'default') && def.innerType ? inner(def.innerType) : schema;
}

describe('Entity descriptions: the mutation input and the bundle entry check a field alike', () => {
  it.each(TYPES)('%s: each field has one schema, shared by the create input and the bundle entry', (type) => {
    const input = fieldShape(type, 'create') as Record<string, z.ZodType>;
    const bundle = fieldShape(type, 'create', { keys: 'bundle' }) as Record<string, z.ZodType>;
    const [inputKeys, bundleKeys] = [Object.keys(input), Object.keys(bundle)];
    for (const [i, name] of inputKeys.entries()) {
      const own = (ENTITY_FIELDS[type] as Record<string, { schema: z.ZodType }>)[name]!.schema;
      expect(inner(CREATE_SCHEMAS[type].shape[name as never]), `${type}.${name} in the create input`).toBe(own);
      expect(inner(ENTRY_SCHEMAS[type].shape[bundleKeys[i] as never]), `${type}.${name} in the bundle entry (${bundleKeys[i]})`).toBe(own);
    }
  });

  it.each(TYPES)('%s: each field accepts and refuses the same values in a create input as in a bundle entry', (type) => {
    const inputKeys = Object.keys(fieldShape(type, 'create'));
    const bundleKeys = Object.keys(fieldShape(type, 'create', { keys: 'bundle' }));
    for (const [i, name] of inputKeys.entries()) {
      const asInput = CREATE_SCHEMAS[type].shape[name as never] as z.ZodType;
      const asEntry = ENTRY_SCHEMAS[type].shape[bundleKeys[i] as never] as z.ZodType;
      let accepted = 0;
      for (const value of [...PROBES, (ENTRIES[type] as Record<string, unknown>)[bundleKeys[i]!]]) {
        const [a, b] = [asInput.safeParse(value), asEntry.safeParse(value)];
        expect(b.success, `${type}.${name} given ${JSON.stringify(value)?.slice(0, 60)}`).toBe(a.success);
        // An absent value is where they differ by design: the entry takes the fallback.
        if (a.success && value !== undefined) expect(b.data, `${type}.${name} reads ${JSON.stringify(value)?.slice(0, 60)} alike`).toEqual(a.data);
        if (a.success && value !== undefined) accepted++;
      }
      expect(accepted, `${type}.${name} accepts some probe`).toBeGreaterThan(0);
    }
  });
});

describe('Entity descriptions: every column of an entity\'s table is a field\'s, or named as not one', () => {
  /** Columns a writer or the reader fills beyond the fields: the id, the version, a fact's factuality, a source's text and its hash. */
  const NOT_FIELDS: Record<EntityType, string[]> = {
    Source: ['id', 'text', 'contentHash', 'version'],
    Actor: ['id', 'version'],
    Issue: ['id', 'version'],
    Event: ['id', 'certainty', 'polarity', 'holderId', 'version'],
    Statement: ['id', 'certainty', 'polarity', 'holderId', 'version'],
    Position: ['id', 'certainty', 'polarity', 'holderId', 'version'],
  };
  const TABLES: Record<EntityType, Table> = { Source: t.sources, Actor: t.actors, Issue: t.issues, Event: t.events, Statement: t.statements, Position: t.positions };

  it.each(TYPES)('%s', (type) => {
    const fromFields = Object.keys(columnsOf(type, {}, 'create'));
    expect([...fromFields, ...NOT_FIELDS[type]].sort()).toEqual(Object.keys(getTableColumns(TABLES[type])).sort());
  });
});
