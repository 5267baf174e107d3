/**
 * The shape of a bundle's entries (the curated seed files in `seed/data/*.yaml`, an export,
 * JSON lines), validated with zod before anything is written. An entity's fields are its
 * description's (`store/entities.ts`), the same schemas the mutation inputs check; what an
 * entry has beyond them (id, evidence, factuality, links, relations) is declared here. The
 * order of each schema's keys is the bundle's layout: the export writes an entry's keys in
 * that order (`entryOf`). Evidence is written as quotes of the article; the reader turns each
 * quote into code-point offsets and refuses one that is missing or ambiguous.
 */
import { z } from 'zod';
import {
  Certainty,
  ParticipantRole,
  Polarity,
  STORED_ACTOR_RELATION_KINDS,
  STORED_EVENT_RELATION_KINDS,
  STORED_STATEMENT_RELATION_KINDS,
} from '../shared/enums.js';
import { conditionsProblem, factualityProblem } from '../shared/fact-rules.js';
import { fieldShape, idOf, type EntityType } from '../store/entities.js';

export const sourceId = idOf('source');
export const actorId = idOf('actor');
export const eventId = idOf('event');
export const statementId = idOf('statement');
export const issueId = idOf('issue');
export const positionId = idOf('position');
export const placeId = idOf('place');
export const obstacleId = idOf('obstacle');

/** A quote of the source; `occurrence` (1-based) picks one when the quote appears more than once. */
export const quote = z.union([
  z.string().min(1),
  z.strictObject({ quote: z.string().min(1), occurrence: z.number().int().min(1).optional(), source: sourceId.optional() }),
]);
export type Quote = z.infer<typeof quote>;

const evidenceList = z.array(quote).min(1, 'every fact cites at least one span of the article');

/** How sure a relation or an obstacle is; CERTAIN unless the entry says otherwise. */
const certainty = z.enum(Certainty).default(Certainty.CERTAIN);

/**
 * How sure the source is of an event, statement or position, and in whose view (FactBank).
 * Absent: CERTAIN and POSITIVE with no cue, the source stating the fact plainly. `holder` is
 * whose view it is: absent means the source's own voice, except on a statement, whose view
 * is its speaker's. A hedged value (PROBABLE, POSSIBLE) or a NEGATIVE polarity must cite the
 * words that set it in `cues`; like evidence, each cue must be a span of the source.
 */
export const factuality = z
  .strictObject({
    certainty,
    polarity: z.enum(Polarity).default(Polarity.POSITIVE),
    // null: explicitly the source's own voice (for a statement, whose holder is otherwise its speaker).
    holder: actorId.nullable().optional(),
    cues: z.array(quote).default([]),
  })
  .superRefine((f, ctx) => {
    const problem = factualityProblem(f.certainty, f.polarity, f.cues.length);
    if (problem) ctx.addIssue({ code: 'custom', path: ['cues'], message: problem });
  });
export type FactualityInput = z.infer<typeof factuality>;

/**
 * How each source reports the fact (issue 19), when that differs from the fact's own reading:
 * absent, the fact has one report per source its evidence cites, with its own factuality. Each
 * report's evidence and cues are quotes of its `source` (a quote may leave the source out).
 */
export const reportEntry = z
  .strictObject({
    source: sourceId,
    certainty,
    polarity: z.enum(Polarity).default(Polarity.POSITIVE),
    holder: actorId.nullable().optional(),
    cues: z.array(quote).default([]),
    evidence: evidenceList,
  })
  .superRefine((r, ctx) => {
    const problem = factualityProblem(r.certainty, r.polarity, r.cues.length);
    if (problem) ctx.addIssue({ code: 'custom', path: ['cues'], message: problem });
  });
export type ReportInput = z.infer<typeof reportEntry>;
const reports = z.array(reportEntry).min(1, 'a fact keeps at least one report').optional();

export { partialDate, type PartialDateInput } from '../shared/partial-date.js';

/** An entity's fields as a bundle entry gives them: bundle keys, an absent optional taking its fallback. */
const fields = <T extends EntityType>(type: T) => fieldShape(type, 'create', { defaults: true, keys: 'bundle' });

/** `shape` with `inserted` right after its key `after`, where the bundle's layout has always had them. */
function insertAfter<S extends z.ZodRawShape, I extends z.ZodRawShape>(shape: S, after: keyof S & string, inserted: I): S & I {
  if (!(after in shape)) throw new Error(`bundle-format: no field ${after} to insert after`);
  return Object.fromEntries(Object.entries(shape).flatMap(([key, schema]) => (key === after ? [[key, schema], ...Object.entries(inserted)] : [[key, schema]]))) as S & I;
}

export const sourceFile = z.strictObject({
  id: sourceId,
  ...insertAfter(fields('Source'), 'title', { file: z.string().regex(/^[\w.-]+\.txt$/, 'a .txt file beside the seed data') }),
});

export const placeEntry = z.strictObject({
  id: placeId,
  name: z.string().min(1),
  countryCode: z.string().regex(/^[A-Z]{3}$/).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});

export const actorEntry = z.strictObject({
  id: actorId,
  ...insertAfter(fields('Actor'), 'kind', { aliases: z.array(z.string().min(1)).default([]) }),
  evidence: evidenceList,
  affiliations: z
    .array(z.strictObject({ organization: actorId, role: z.string().min(1).optional(), evidence: evidenceList }))
    .default([]),
  relations: z
    .array(z.strictObject({ kind: z.enum(STORED_ACTOR_RELATION_KINDS), object: actorId, note: z.string().min(1).optional(), certainty, evidence: evidenceList }))
    .default([]),
});

export const issueEntry = z.strictObject({
  id: issueId,
  ...fields('Issue'),
  evidence: evidenceList,
  obstacles: z
    .array(
      z.strictObject({
        id: obstacleId,
        description: z.string().min(1),
        parties: z.array(actorId).default([]),
        certainty,
        evidence: evidenceList,
      }),
    )
    .default([]),
});

export const eventEntry = z.strictObject({
  id: eventId,
  ...fields('Event'),
  participants: z.array(z.strictObject({ actor: actorId, role: z.enum(ParticipantRole) })).default([]),
  issues: z.array(issueId).default([]),
  relations: z
    .array(
      z.strictObject({
        kind: z.enum(STORED_EVENT_RELATION_KINDS),
        object: eventId,
        note: z.string().optional(),
        certainty,
        evidence: evidenceList,
      }),
    )
    .default([]),
  factuality: factuality.optional(),
  evidence: evidenceList,
  reports,
});

export const statementEntry = z.strictObject({
  id: statementId,
  ...fields('Statement'),
  issues: z.array(issueId).default([]),
  relations: z
    .array(z.strictObject({ kind: z.enum(STORED_STATEMENT_RELATION_KINDS), object: statementId, certainty, evidence: evidenceList }))
    .default([]),
  factuality: factuality.optional(),
  evidence: evidenceList,
  reports,
});

/**
 * A position. CONDITIONAL (acceptance only in exchange for something) must name what is asked
 * in return in `conditions`, other issues of the knowledge base; no other stance has conditions.
 */
export const positionEntry = z
  .strictObject({
    id: positionId,
    ...insertAfter(fields('Position'), 'isPrecondition', { conditions: z.array(issueId).default([]) }),
    statements: z.array(statementId).default([]),
    factuality: factuality.optional(),
    evidence: evidenceList,
    reports,
  })
  .superRefine((p, ctx) => {
    const problem = conditionsProblem(p.stance, p.conditions, p.issue);
    if (problem) ctx.addIssue({ code: 'custom', path: ['conditions'], message: problem });
  });

/** Leaves out null and undefined members and empty lists, as the seed files do. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

/**
 * An entry as the export writes it: its keys in the order `schema` lists them (the bundle's
 * layout, so an export keeps its bytes), compacted. A key the schema lacks is refused: the
 * entry would not read back.
 */
export function entryOf(schema: z.ZodObject, values: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(schema.shape);
  for (const key of Object.keys(values)) if (!keys.includes(key)) throw new Error(`bundle-format: ${key} is not a key of the entry ${JSON.stringify(keys)}`);
  return compact(Object.fromEntries(keys.filter((key) => key in values).map((key) => [key, values[key]])));
}

/** One seed data file per entity type, each a YAML list. */
export const seedFiles = {
  'places.yaml': z.array(placeEntry),
  'actors.yaml': z.array(actorEntry),
  'issues.yaml': z.array(issueEntry),
  'events.yaml': z.array(eventEntry),
  'statements.yaml': z.array(statementEntry),
  'positions.yaml': z.array(positionEntry),
} as const;

export type PlaceEntry = z.infer<typeof placeEntry>;
export type ActorEntry = z.infer<typeof actorEntry>;
export type IssueEntry = z.infer<typeof issueEntry>;
export type EventEntry = z.infer<typeof eventEntry>;
export type StatementEntry = z.infer<typeof statementEntry>;
export type PositionEntry = z.infer<typeof positionEntry>;
export type SourceFile = z.infer<typeof sourceFile>;
