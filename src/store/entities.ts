/**
 * One description per entity: the fields a client or a bundle gives for a node (their names,
 * their zod bounds, their defaults) and the row columns each becomes. It drives
 *
 * - the input schemas: a mutation's create input, its update input (a partial create) and the
 *   bundle's entry (`bundle-format.ts`) are built from the same fields (`fieldShape`);
 * - the rows: the writers (`modules/write/*.writer.ts`) and the bundle reader turn fields into
 *   columns through `columnsOf`, and the bundle export turns a row back into fields through
 *   `fieldsOf`;
 * - the node documents, the history and `asOf`, which store the row as the table declares it
 *   (`store/documents.ts` reads and writes every column of the table).
 *
 * So a new scalar field is the table's column, the GraphQL types, and one line here. What a
 * node owns beyond its row (aliases, evidence, participants, links) is each writer's own.
 */
import { z } from 'zod';
import { ActorKind, AttributionKind, DatePrecision, EventKind, EventStatus, Firmness, Stance, StatementKind } from '../shared/enums.js';
import { dateColumns, partialDate, type PartialDateInput } from '../shared/partial-date.js';
import type { DocType } from './documents.js';

/** An id of one type: `actor:<lower-case-slug>`. */
export const idOf = (prefix: string) => z.string().max(120).regex(new RegExp(`^${prefix}:[a-z0-9]+(-[a-z0-9]+)*$`), `must look like ${prefix}:<lower-case-slug>`);

const NAME = z.string().trim().min(1, 'must not be empty').max(200);
const PROSE = z.string().trim().min(1, 'must not be empty').max(5000);
const UNKNOWN_DATE: PartialDateInput = { precision: DatePrecision.UNKNOWN };

/** How one input field is stored. */
interface Field {
  /** The field's bounds (without optionality: `optional` says that). */
  schema: z.ZodType;
  /** Absent from a create input or a bundle entry is allowed (it then takes `fallback`). */
  optional: boolean;
  /** The value an absent field takes on create (null when none). */
  fallback?: unknown;
  /** The row's columns for a given value (never called with undefined). */
  columns(value: unknown): Record<string, unknown>;
  /** The field's value from a row; undefined when the row holds nothing to say (an absent optional). */
  read(row: Record<string, unknown>): unknown;
}

/** A value kept in one column as given (text trimmed when its schema trims). */
function column(name: string, schema: z.ZodType, options: { optional?: boolean; fallback?: unknown; trim?: boolean } = {}): Field {
  return {
    schema,
    optional: options.optional ?? false,
    fallback: options.fallback,
    columns: (value) => ({ [name]: options.trim && typeof value === 'string' ? value.trim() : value }),
    read: (row) => row[name] ?? undefined,
  };
}
const text = (name: string, schema: z.ZodType) => column(name, schema, { trim: true });
const optional = (name: string, schema: z.ZodType) => column(name, schema, { optional: true });

/** A partial date kept in the columns `<prefix>Precision`, `<prefix>Year` …; absent is UNKNOWN. */
function date(prefix: string): Field {
  return {
    schema: partialDate,
    optional: true,
    fallback: UNKNOWN_DATE,
    columns: (value) => dateColumns(prefix, value as PartialDateInput),
    read: (row) => {
      const d = { precision: row[`${prefix}Precision`], year: row[`${prefix}Year`], month: row[`${prefix}Month`], day: row[`${prefix}Day`], note: row[`${prefix}Note`] };
      return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null && v !== undefined));
    },
  };
}

/** Who a statement's words are attributed to, and how: two columns. */
const attribution: Field = {
  schema: z.strictObject({ kind: z.enum(AttributionKind), detail: z.string().max(500).optional() }),
  optional: false,
  columns: (value) => {
    const a = (value ?? {}) as { kind?: string; detail?: string | null };
    return { attributionKind: a.kind, attributionDetail: a.detail ?? null };
  },
  read: (row) => (row.attributionDetail == null ? { kind: row.attributionKind } : { kind: row.attributionKind, detail: row.attributionDetail }),
};

/** The entities' fields; the order is the bundle's order of keys. */
export const ENTITY_FIELDS = {
  Source: {
    title: text('title', z.string().trim().min(1).max(500)),
    url: optional('url', z.url({ protocol: /^https?$/ }).max(2000)),
    publishedOn: date('published'),
  },
  Actor: {
    name: text('name', NAME),
    kind: column('kind', z.enum(ActorKind)),
    countryCode: optional('countryCode', z.string().regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3, e.g. IRN')),
    cameoCode: optional('cameoCode', z.string().regex(/^[A-Z]{3,12}$/, 'CAMEO actor code, e.g. IRNGOV')),
    description: text('description', PROSE),
  },
  Issue: {
    name: text('name', NAME),
    description: text('description', PROSE),
  },
  Event: {
    title: text('title', NAME),
    summary: text('summary', PROSE),
    kind: column('kind', z.enum(EventKind)),
    status: column('status', z.enum(EventStatus)),
    start: date('start'),
    end: date('end'),
    durationDays: optional('durationDays', z.number().int().min(1).max(100_000)),
    durationNote: optional('durationNote', z.string().max(5000)),
    location: optional('locationId', idOf('place')),
    cameoCode: optional('cameoCode', z.string().regex(/^\d{2,4}$/, 'CAMEO event code, e.g. 046')),
  },
  Statement: {
    kind: column('kind', z.enum(StatementKind)),
    summary: text('summary', PROSE),
    speaker: optional('speakerId', idOf('actor')),
    attribution,
    target: optional('targetId', idOf('actor')),
    date: date('date'),
    event: optional('eventId', idOf('event')),
  },
  Position: {
    actor: column('actorId', idOf('actor')),
    issue: column('issueId', idOf('issue')),
    stance: column('stance', z.enum(Stance)),
    firmness: column('firmness', z.enum(Firmness), { optional: true, fallback: Firmness.UNKNOWN }),
    isPrecondition: column('isPrecondition', z.boolean(), { optional: true, fallback: false }),
    summary: text('summary', PROSE),
  },
} satisfies Partial<Record<DocType, Record<string, Field>>>;

export type EntityType = keyof typeof ENTITY_FIELDS;

/**
 * The zod shape of an entity's fields. `create`: as a create input or a bundle entry gives
 * them (required unless optional; with `defaults`, an absent optional takes its fallback, as
 * a bundle entry's does); `update`: every field optional (an update is a partial create).
 */
export function fieldShape<T extends EntityType>(type: T, mode: 'create' | 'update', options: { defaults?: boolean } = {}): Record<keyof (typeof ENTITY_FIELDS)[T], z.ZodType> {
  const fields = ENTITY_FIELDS[type] as Record<string, Field>;
  return Object.fromEntries(
    Object.entries(fields).map(([name, f]) => {
      if (mode === 'update' || (f.optional && !(options.defaults && f.fallback !== undefined))) return [name, f.schema.optional()];
      return [name, f.optional ? f.schema.default(f.fallback as never) : f.schema];
    }),
  ) as never;
}

/**
 * The row columns of the fields an input gives. `create`: every field, an absent one taking
 * its fallback (or null); `update`: only the fields given (absent and null leave the stored
 * value as it is).
 */
export function columnsOf(type: EntityType, input: Record<string, unknown>, mode: 'create' | 'update'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(ENTITY_FIELDS[type] as Record<string, Field>)) {
    const value = input[name];
    if (value !== undefined && value !== null) Object.assign(out, f.columns(value));
    else if (mode === 'create') Object.assign(out, f.fallback !== undefined ? f.columns(f.fallback) : f.columns(null));
  }
  return out;
}

/** A row's fields as an input or a bundle entry gives them; absent optional fields left out. */
export function fieldsOf(type: EntityType, row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(ENTITY_FIELDS[type] as Record<string, Field>)) {
    const value = f.read(row as Record<string, unknown>);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
