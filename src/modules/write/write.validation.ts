/**
 * The bounds of every mutation input, checked at the boundary with zod before anything is
 * read or written: lengths, list sizes, id shapes, codes, a source text of at most 1 MB. A
 * breach is an INVALID_VALUE userError naming the field. (Types and enums are GraphQL's.)
 */
import { z } from 'zod';
import { partialDate } from '../../shared/partial-date.js';
import { UserErrorCode, type UserErrorValue } from './write.types.js';

export const MAX_SOURCE_BYTES = 1_000_000;

const idOf = (prefix: string) => z.string().max(120).regex(new RegExp(`^${prefix}:[a-z0-9]+(-[a-z0-9]+)*$`), `must look like ${prefix}:<lower-case-slug>`);
const anyId = z.string().min(1).max(400);
const name = z.string().trim().min(1, 'must not be empty').max(200);
const prose = z.string().trim().min(1, 'must not be empty').max(5000);
const optionalProse = z.string().max(5000).optional();
const list = <T extends z.ZodType>(item: T, max = 100) => z.array(item).max(max, `at most ${max} items`);
const evidence = z.strictObject({
  source: idOf('source'),
  exact: z.string().min(1, 'must not be empty').max(5000),
  prefix: z.string().max(200).optional(),
  suffix: z.string().max(200).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(1).optional(),
});
const evidenceList = list(evidence, 50).min(1, 'every fact cites at least one quote of a source');
const factuality = z.strictObject({ certainty: z.string(), polarity: z.string(), holder: idOf('actor').optional(), cues: list(evidence, 20) });
const idempotencyKey = z.string().min(1).max(200).optional();
/** The edit summary is `summary`, or `editSummary` where the type has a summary of its own. */
const meta = { summary: z.string().max(1000).optional(), idempotencyKey };
const editMeta = { editSummary: z.string().max(1000).optional(), idempotencyKey };
const countryCode = z.string().regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3, e.g. IRN').optional();
const actorCameo = z.string().regex(/^[A-Z]{3,12}$/, 'CAMEO actor code, e.g. IRNGOV').optional();
const eventCameo = z.string().regex(/^\d{2,4}$/, 'CAMEO event code, e.g. 046').optional();
const affiliation = z.strictObject({ organization: idOf('actor'), role: z.string().max(200).optional(), evidence: evidenceList });
const attribution = z.strictObject({ kind: z.string(), detail: z.string().max(500).optional() });

/** Accepts the enum-typed fields as they come (GraphQL checked them); bounds the rest. */
export const SCHEMAS = {
  addSource: z.strictObject({
    id: idOf('source').optional(),
    title: z.string().trim().min(1).max(500),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    publishedOn: partialDate.optional(),
    text: z.string().min(1, 'must not be empty').refine((t) => Buffer.byteLength(t, 'utf8') <= MAX_SOURCE_BYTES, `must be at most ${MAX_SOURCE_BYTES} bytes of UTF-8`),
    ...meta,
  }),
  createActor: z.strictObject({
    id: idOf('actor').optional(), name, kind: z.string(), aliases: list(name, 50), countryCode,
    cameoCode: actorCameo, description: prose,
    affiliations: list(affiliation, 20), evidence: evidenceList, ...meta,
  }),
  updateActor: z.strictObject({
    id: idOf('actor'), expectedVersion: z.number().int().min(1), name: name.optional(), kind: z.string().optional(), aliases: list(name, 50).optional(),
    countryCode, cameoCode: actorCameo, description: prose.optional(),
    affiliations: list(affiliation, 20).optional(), ...meta,
  }),
  createEvent: z.strictObject({
    id: idOf('event').optional(), title: name, summary: prose, kind: z.string(), status: z.string(), start: partialDate.optional(), end: partialDate.optional(),
    durationDays: z.number().int().min(1).max(100_000).optional(), durationNote: optionalProse, location: idOf('place').optional(),
    cameoCode: eventCameo,
    participants: list(z.strictObject({ actor: idOf('actor'), role: z.string() })), issues: list(idOf('issue')), factuality: factuality.optional(),
    evidence: evidenceList, ...editMeta,
  }),
  updateEvent: z.strictObject({
    id: idOf('event'), expectedVersion: z.number().int().min(1), title: name.optional(), summary: prose.optional(), kind: z.string().optional(),
    status: z.string().optional(), start: partialDate.optional(), end: partialDate.optional(),
    durationDays: z.number().int().min(1).max(100_000).optional(), durationNote: optionalProse, location: idOf('place').optional(),
    cameoCode: eventCameo,
    participants: list(z.strictObject({ actor: idOf('actor'), role: z.string() })).optional(), issues: list(idOf('issue')).optional(),
    factuality: factuality.optional(), ...editMeta,
  }),
  createStatement: z.strictObject({
    id: idOf('statement').optional(), kind: z.string(), summary: prose, speaker: idOf('actor').optional(), attribution, target: idOf('actor').optional(),
    date: partialDate.optional(), event: idOf('event').optional(), issues: list(idOf('issue')), factuality: factuality.optional(), evidence: evidenceList, ...editMeta,
  }),
  updateStatement: z.strictObject({
    id: idOf('statement'), expectedVersion: z.number().int().min(1), kind: z.string().optional(), summary: prose.optional(), speaker: idOf('actor').optional(),
    attribution: attribution.optional(), target: idOf('actor').optional(), date: partialDate.optional(), event: idOf('event').optional(),
    issues: list(idOf('issue')).optional(), factuality: factuality.optional(), ...editMeta,
  }),
  createIssue: z.strictObject({ id: idOf('issue').optional(), name, description: prose, evidence: evidenceList, ...meta }),
  updateIssue: z.strictObject({ id: idOf('issue'), expectedVersion: z.number().int().min(1), name: name.optional(), description: prose.optional(), ...meta }),
  delete: z.strictObject({ id: anyId, expectedVersion: z.number().int().min(1), ...meta }),
  setPosition: z.strictObject({
    actor: idOf('actor'), issue: idOf('issue'), stance: z.string(), firmness: z.string(), isPrecondition: z.boolean(), conditions: list(idOf('issue'), 20),
    summary: prose, statements: list(idOf('statement')), factuality: factuality.optional(), evidence: evidenceList,
    expectedVersion: z.number().int().min(1).optional(), ...editMeta,
  }),
  addRelation: z.strictObject({
    subject: anyId, kind: z.string(), object: anyId, note: z.string().max(1000).optional(), certainty: z.string(), evidence: evidenceList, ...meta,
  }),
  removeRelation: z.strictObject({ id: anyId, ...meta }),
  addEvidence: z.strictObject({ node: anyId, evidence: evidenceList, expectedVersion: z.number().int().min(1).optional(), ...meta }),
  removeEvidence: z.strictObject({
    node: anyId, source: idOf('source'), start: z.number().int().min(0), end: z.number().int().min(1), expectedVersion: z.number().int().min(1).optional(), ...meta,
  }),
  restore: z.strictObject({ id: anyId, revision: z.number().int().min(1), expectedVersion: z.number().int().min(1), ...meta }),
} as const;

export type MutationName = keyof typeof SCHEMAS;

/** GraphQL gives absent optional fields as null or leaves them out; the schemas take them out. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)])) as T;
  }
  return value;
}

/** The input's breaches of its bounds, as INVALID_VALUE userErrors naming each field. */
export function boundsErrors(schema: z.ZodType, input: unknown): UserErrorValue[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    code: UserErrorCode.INVALID_VALUE,
    field: ['input', ...issue.path.map(String)],
    message: `${['input', ...issue.path.map(String)].join('.')}: ${issue.message}`,
  }));
}
