/**
 * The bounds of every mutation input, checked at the boundary with zod before anything is
 * read or written: lengths, list sizes, id shapes, codes, a source text of at most 1 MB. A
 * breach is an INVALID_VALUE userError naming the field. (Types and enums are GraphQL's.)
 */
import { z } from 'zod';
import { fieldShape, idOf, type EntityType } from '../../store/entities.js';
import { UserErrorCode, type UserErrorValue } from './write.types.js';

export const MAX_SOURCE_BYTES = 1_000_000;

const anyId = z.string().min(1).max(400);
const list = <T extends z.ZodType>(item: T, max = 100) => z.array(item).max(max, `at most ${max} items`);
const name = z.string().trim().min(1, 'must not be empty').max(200);
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
const expectedVersion = z.number().int().min(1);
const affiliation = z.strictObject({ organization: idOf('actor'), role: z.string().max(200).optional(), evidence: evidenceList });
const participants = list(z.strictObject({ actor: idOf('actor'), role: z.string() }));

/**
 * The fields of each entity are its description's (`store/entities.ts`), the same the bundle
 * entries are checked by: a create takes them as a create, an update as a partial create
 * (`id` and `expectedVersion` added); what a node owns beyond its row is bounded here.
 */
const create = <T extends EntityType>(type: T) => fieldShape(type, 'create');
const update = <T extends EntityType>(type: T) => fieldShape(type, 'update');

export const SCHEMAS = {
  addSource: z.strictObject({
    id: idOf('source').optional(),
    ...create('Source'),
    text: z.string().min(1, 'must not be empty').refine((t) => Buffer.byteLength(t, 'utf8') <= MAX_SOURCE_BYTES, `must be at most ${MAX_SOURCE_BYTES} bytes of UTF-8`),
    ...meta,
  }),
  createActor: z.strictObject({ id: idOf('actor').optional(), ...create('Actor'), aliases: list(name, 50), affiliations: list(affiliation, 20), evidence: evidenceList, ...meta }),
  updateActor: z.strictObject({ id: idOf('actor'), expectedVersion, ...update('Actor'), aliases: list(name, 50).optional(), affiliations: list(affiliation, 20).optional(), ...meta }),
  createEvent: z.strictObject({
    id: idOf('event').optional(), ...create('Event'), participants, issues: list(idOf('issue')), factuality: factuality.optional(), evidence: evidenceList, ...editMeta,
  }),
  updateEvent: z.strictObject({
    id: idOf('event'), expectedVersion, ...update('Event'), participants: participants.optional(), issues: list(idOf('issue')).optional(), factuality: factuality.optional(), ...editMeta,
  }),
  createStatement: z.strictObject({
    id: idOf('statement').optional(), ...create('Statement'), issues: list(idOf('issue')), factuality: factuality.optional(), evidence: evidenceList, ...editMeta,
  }),
  updateStatement: z.strictObject({
    id: idOf('statement'), expectedVersion, ...update('Statement'), issues: list(idOf('issue')).optional(), factuality: factuality.optional(), ...editMeta,
  }),
  createIssue: z.strictObject({ id: idOf('issue').optional(), ...create('Issue'), evidence: evidenceList, ...meta }),
  updateIssue: z.strictObject({ id: idOf('issue'), expectedVersion, ...update('Issue'), ...meta }),
  delete: z.strictObject({ id: anyId, expectedVersion, ...meta }),
  setPosition: z.strictObject({
    ...create('Position'), conditions: list(idOf('issue'), 20), statements: list(idOf('statement')), factuality: factuality.optional(), evidence: evidenceList,
    expectedVersion: expectedVersion.optional(), ...editMeta,
  }),
  addRelation: z.strictObject({
    subject: anyId, kind: z.string(), object: anyId, note: z.string().max(1000).optional(), certainty: z.string(), evidence: evidenceList, ...meta,
  }),
  removeRelation: z.strictObject({ id: anyId, ...meta }),
  addEvidence: z.strictObject({ node: anyId, evidence: evidenceList, expectedVersion: expectedVersion.optional(), ...meta }),
  removeEvidence: z.strictObject({
    node: anyId, source: idOf('source'), start: z.number().int().min(0), end: z.number().int().min(1), expectedVersion: expectedVersion.optional(), ...meta,
  }),
  restore: z.strictObject({ id: anyId, revision: z.number().int().min(1), expectedVersion, ...meta }),
  mergeNodes: z.strictObject({ keep: anyId, merge: anyId, keepVersion: expectedVersion, mergeVersion: expectedVersion, ...meta }),
  setReport: z.strictObject({
    fact: anyId, source: idOf('source'), evidence: evidenceList, certainty: z.string().optional(), polarity: z.string().optional(), holder: idOf('actor').optional(),
    cues: list(evidence, 20).optional(), expectedVersion: expectedVersion.optional(), ...meta,
  }),
  removeReport: z.strictObject({ fact: anyId, source: idOf('source'), expectedVersion: expectedVersion.optional(), ...meta }),
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
