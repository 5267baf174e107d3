/**
 * The shape of the curated seed files in `seed/data/*.yaml`, validated with zod before
 * anything is written. Evidence is written as quotes of the article; the loader turns each
 * quote into code-point offsets and refuses one that is missing or ambiguous.
 */
import { z } from 'zod';
import {
  ActorKind,
  AttributionKind,
  Certainty,
  DatePrecision,
  EventKind,
  EventStatus,
  Firmness,
  ParticipantRole,
  Polarity,
  Stance,
  StatementKind,
  STORED_ACTOR_RELATION_KINDS,
  STORED_EVENT_RELATION_KINDS,
  STORED_STATEMENT_RELATION_KINDS,
} from '../shared/enums.js';
import { partialDate } from '../shared/partial-date.js';
import { conditionsProblem, factualityProblem } from '../shared/fact-rules.js';

const idOf = (type: string) =>
  z.string().regex(new RegExp(`^${type}:[a-z0-9]+(-[a-z0-9]+)*$`), `must look like ${type}:<lower-case-slug>`);

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

export { partialDate, type PartialDateInput } from '../shared/partial-date.js';

const unknownDate = { precision: DatePrecision.UNKNOWN } as const;

export const sourceFile = z.strictObject({
  id: sourceId,
  title: z.string().min(1),
  file: z.string().regex(/^[\w.-]+\.txt$/, 'a .txt file beside the seed data'),
  url: z.string().optional(),
  published: partialDate.default(unknownDate),
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
  name: z.string().min(1),
  kind: z.enum(ActorKind),
  aliases: z.array(z.string().min(1)).default([]),
  countryCode: z.string().regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3').optional(),
  cameoCode: z.string().regex(/^[A-Z]{3,12}$/, 'CAMEO actor code').optional(),
  description: z.string().min(1),
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
  name: z.string().min(1),
  description: z.string().min(1),
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
  title: z.string().min(1),
  summary: z.string().min(1),
  kind: z.enum(EventKind),
  status: z.enum(EventStatus),
  start: partialDate.default(unknownDate),
  end: partialDate.default(unknownDate),
  durationDays: z.number().int().positive().optional(),
  durationNote: z.string().optional(),
  location: placeId.optional(),
  cameoCode: z.string().regex(/^\d{2,4}$/, 'CAMEO event code').optional(),
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
});

export const statementEntry = z.strictObject({
  id: statementId,
  kind: z.enum(StatementKind),
  summary: z.string().min(1),
  speaker: actorId.optional(),
  attribution: z.strictObject({ kind: z.enum(AttributionKind), detail: z.string().optional() }),
  target: actorId.optional(),
  date: partialDate.default(unknownDate),
  event: eventId.optional(),
  issues: z.array(issueId).default([]),
  relations: z
    .array(z.strictObject({ kind: z.enum(STORED_STATEMENT_RELATION_KINDS), object: statementId, certainty, evidence: evidenceList }))
    .default([]),
  factuality: factuality.optional(),
  evidence: evidenceList,
});

/**
 * A position. CONDITIONAL (acceptance only in exchange for something) must name what is asked
 * in return in `conditions`, other issues of the knowledge base; no other stance has conditions.
 */
export const positionEntry = z
  .strictObject({
    id: positionId,
    actor: actorId,
    issue: issueId,
    stance: z.enum(Stance),
    firmness: z.enum(Firmness).default(Firmness.UNKNOWN),
    isPrecondition: z.boolean().default(false),
    conditions: z.array(issueId).default([]),
    summary: z.string().min(1),
    statements: z.array(statementId).default([]),
    factuality: factuality.optional(),
    evidence: evidenceList,
  })
  .superRefine((p, ctx) => {
    const problem = conditionsProblem(p.stance, p.conditions, p.issue);
    if (problem) ctx.addIssue({ code: 'custom', path: ['conditions'], message: problem });
  });

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
