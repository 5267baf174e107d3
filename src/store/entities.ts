/**
 * One description per entity (Source, Actor, Issue, Event, Statement, Position): the fields a
 * client or a bundle gives for a node (their names, their zod bounds, their defaults, the
 * nodes they refer to) and the row columns each becomes. It drives
 *
 * - the input schemas: a mutation's create input and its update input (a partial create) in
 *   `write.validation.ts`, and a bundle entry's fields in `bundle-format.ts`, hold the same
 *   schema object for each field (`fieldShape`), so both accept and refuse the same values;
 * - the rows: the writers (`modules/write/*.writer.ts`) make a created row with
 *   `columnsOf(…, 'create')` and lay `columnsOf(…, 'update')` over the stored row; the bundle
 *   reader makes an entry's row with `columnsOf` and checks the ids `referencesOf` gives;
 * - the bundle export: an entry's fields are `fieldsOf` its row.
 *
 * A bundle names a field as the input does except where `bundleKey` says (Source's
 * `publishedOn` is `published` in bundles, as it always was). Node documents, the history and
 * `asOf` need nothing from here: they keep the row as the table declares it (`documents.ts`).
 *
 * So a new scalar field is the table's column (both dialects, with their migrations), the
 * GraphQL object type and input classes, and one line here. What a node owns beyond its row
 * (aliases, affiliations, evidence, participants, issue links, factuality and its cues) is each
 * writer's and each bundle entry's own; so are places and relations, which have no description.
 */
import { z } from 'zod';
import { ActorKind, AttributionKind, DatePrecision, EventKind, EventStatus, Firmness, Stance, StatementKind } from '../shared/enums.js';
import { dateColumns, partialDate, type PartialDateInput } from '../shared/partial-date.js';
import type { Docs, DocType } from './documents.js';

/** An id of one type: `actor:<lower-case-slug>`. */
export const idOf = (prefix: string) => z.string().max(120).regex(new RegExp(`^${prefix}:[a-z0-9]+(-[a-z0-9]+)*$`), `must look like ${prefix}:<lower-case-slug>`);

const NAME = z.string().trim().min(1, 'must not be empty').max(200);
const PROSE = z.string().trim().min(1, 'must not be empty').max(5000);
const UNKNOWN_DATE: PartialDateInput = { precision: DatePrecision.UNKNOWN };

/** What a reference field names: the bundle reader checks that the bundle defines it. */
type Referent = 'Place' | 'Actor' | 'Issue' | 'Event' | 'Source';

/** How one input field is stored. `S` is its zod schema, `O` whether it may be absent. */
interface Field<S extends z.ZodType = z.ZodType, O extends boolean = boolean> {
  /** The field's bounds (without optionality: `optional` says that). */
  schema: S;
  /** Absent from a create input or a bundle entry is allowed (it then takes `fallback`). */
  optional: O;
  /** The value an absent field takes on create (null when none). */
  fallback?: unknown;
  /** Its key in a bundle entry where that differs from the input's name (bundles predate the API's name). */
  bundleKey?: string;
  /** The kind of node whose id it holds, when it is a reference. */
  refers?: Referent;
  /** The row's columns for a given value (never called with undefined). */
  columns(value: unknown): Record<string, unknown>;
  /** The field's value from a row; undefined when the row holds nothing to say (an absent optional). */
  read(row: Record<string, unknown>): unknown;
}

/** A value kept in one column as given (text trimmed when its schema trims). */
function stored<S extends z.ZodType, O extends boolean>(name: string, schema: S, optional: O, options: { fallback?: unknown; trim?: boolean; refers?: Referent }): Field<S, O> {
  return {
    schema,
    optional,
    fallback: options.fallback,
    refers: options.refers,
    columns: (value) => ({ [name]: options.trim && typeof value === 'string' ? value.trim() : value }),
    read: (row) => row[name] ?? undefined,
  };
}
/** A required field in one column. */
const column = <S extends z.ZodType>(name: string, schema: S, options: { refers?: Referent } = {}) => stored(name, schema, false, options);
/** A required text, trimmed. */
const text = <S extends z.ZodType>(name: string, schema: S) => stored(name, schema, false, { trim: true });
/** An optional field in one column: absent is `fallback`, or null without one. */
const optional = <S extends z.ZodType>(name: string, schema: S, options: { fallback?: unknown } = {}) => stored(name, schema, true, options);
/** An optional id of a node of the kind `refers`. */
const reference = (name: string, refers: Referent, prefix: string) => stored(name, idOf(prefix), true, { refers });

/** A partial date kept in the columns `<prefix>Precision`, `<prefix>Year` …; absent is UNKNOWN. */
function date(prefix: string): Field<typeof partialDate, true> {
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

const attributionSchema = z.strictObject({ kind: z.enum(AttributionKind), detail: z.string().max(500).optional() });

/** Who a statement's words are attributed to, and how: two columns. */
const attribution: Field<typeof attributionSchema, false> = {
  schema: attributionSchema,
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
    publishedOn: { ...date('published'), bundleKey: 'published' as const },
    publisher: optional('publisher', z.string().trim().min(1).max(200)),
    reprintOf: reference('reprintOfId', 'Source', 'source'),
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
    location: reference('locationId', 'Place', 'place'),
    cameoCode: optional('cameoCode', z.string().regex(/^\d{2,4}$/, 'CAMEO event code, e.g. 046')),
  },
  Statement: {
    kind: column('kind', z.enum(StatementKind)),
    summary: text('summary', PROSE),
    speaker: reference('speakerId', 'Actor', 'actor'),
    attribution,
    target: reference('targetId', 'Actor', 'actor'),
    date: date('date'),
    event: reference('eventId', 'Event', 'event'),
  },
  Position: {
    actor: column('actorId', idOf('actor'), { refers: 'Actor' }),
    issue: column('issueId', idOf('issue'), { refers: 'Issue' }),
    stance: column('stance', z.enum(Stance)),
    firmness: optional('firmness', z.enum(Firmness), { fallback: Firmness.UNKNOWN }),
    isPrecondition: optional('isPrecondition', z.boolean(), { fallback: false }),
    summary: text('summary', PROSE),
  },
} satisfies Partial<Record<DocType, Record<string, Field>>>;

export type EntityType = keyof typeof ENTITY_FIELDS;

/** How a field is named: as the API's inputs name it, or as a bundle entry does (`bundleKey`). */
export type Keys = 'input' | 'bundle';

type FieldsOf<T extends EntityType> = (typeof ENTITY_FIELDS)[T];
type KeyOf<F, N, K extends Keys> = K extends 'bundle' ? (F extends { bundleKey: infer B extends string } ? B : N) : N;
/** The zod shape `fieldShape` returns, typed per field (an optional field's value may be absent). */
export type FieldShape<T extends EntityType, M extends 'create' | 'update', K extends Keys = 'input'> = {
  [N in keyof FieldsOf<T> as KeyOf<FieldsOf<T>[N], N, K>]: FieldsOf<T>[N] extends Field<infer S, infer O> ? (M extends 'update' ? z.ZodOptional<S> : O extends true ? z.ZodOptional<S> : S) : never;
};
/** A node's row as the table declares it. */
export type RowOf<T extends EntityType> = Docs[T]['row'];

const entries = (type: EntityType) => Object.entries(ENTITY_FIELDS[type] as Record<string, Field>);
const keyOf = (name: string, f: Field, keys: Keys) => (keys === 'bundle' ? (f.bundleKey ?? name) : name);

/**
 * The zod shape of an entity's fields. `create`: as a create input or a bundle entry gives
 * them (required unless optional; with `defaults`, an absent optional takes its fallback, as
 * a bundle entry's does); `update`: every field optional (an update is a partial create).
 * The field's own schema is the same object in every shape, so an input and a bundle entry
 * accept and refuse the same values.
 */
export function fieldShape<T extends EntityType, M extends 'create' | 'update', K extends Keys = 'input'>(type: T, mode: M, options: { defaults?: boolean; keys?: K } = {}): FieldShape<T, M, K> {
  return Object.fromEntries(
    entries(type).map(([name, f]) => {
      const key = keyOf(name, f, options.keys ?? 'input');
      if (mode === 'update' || (f.optional && !(options.defaults && f.fallback !== undefined))) return [key, f.schema.optional()];
      return [key, f.optional ? f.schema.default(f.fallback as never) : f.schema];
    }),
  ) as never;
}

/**
 * The row columns of the fields `values` gives (an input, or a bundle entry with `keys:
 * 'bundle'`). `create`: every field, an absent one taking its fallback (or null); `update`:
 * only the fields given (absent and null leave the stored value as it is).
 */
export function columnsOf<T extends EntityType>(type: T, values: object, mode: 'create' | 'update', keys: Keys = 'input'): Partial<RowOf<T>> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of entries(type)) {
    const value = (values as Record<string, unknown>)[keyOf(name, f, keys)];
    if (value !== undefined && value !== null) Object.assign(out, f.columns(value));
    else if (mode === 'create') Object.assign(out, f.fallback !== undefined ? f.columns(f.fallback) : f.columns(null));
  }
  return out as Partial<RowOf<T>>;
}

/** A row's fields as an input (or, with `keys: 'bundle'`, a bundle entry) gives them; absent optional fields left out. */
export function fieldsOf<T extends EntityType>(type: T, row: RowOf<T>, keys: Keys = 'input'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of entries(type)) {
    const value = f.read(row as Record<string, unknown>);
    if (value !== undefined) out[keyOf(name, f, keys)] = value;
  }
  return out;
}

/** The ids that `values`' reference fields give, in field order (absent ones left out). */
export function referencesOf(type: EntityType, values: object, keys: Keys = 'input'): string[] {
  return entries(type).flatMap(([name, f]) => {
    const value = (values as Record<string, unknown>)[keyOf(name, f, keys)];
    return f.refers && typeof value === 'string' ? [value] : [];
  });
}
