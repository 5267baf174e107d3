/**
 * The store's tables on PostgreSQL: the same tables as `../tables.ts` (SQLite), table for
 * table and column for column, so that a row reads the same from either engine (checked at
 * compile time in `tables.check.ts`, and against both migrated catalogs in
 * `tests/integration/schema-parity.test.ts`). Migrations in `src/db/pg/migrations/` are
 * generated from this file (`npx drizzle-kit generate --config drizzle.pg.config.ts`), plus
 * hand-written ones for what drizzle cannot declare: search, `first_mention`, the name orders.
 *
 * Types: SQLite `real` is `double precision`, a boolean integer is `boolean`, JSON text is
 * `jsonb`; enums stay `text` with the TypeScript enum (not PostgreSQL enums), so both
 * declarations read alike and a new enum value needs no migration on either engine. The ids
 * SQLite numbers by AUTOINCREMENT are `integer GENERATED ALWAYS AS IDENTITY`: the SQL-standard
 * form, whose sequence belongs to the column (no `serial` default to drift), and which refuses
 * an id given by hand, as no code gives one. `integer`, not `bigint`: node-postgres returns an
 * int8 as a string, an int4 as the number the row types promise, and 2^31 spans or changes is
 * far beyond this knowledge base.
 *
 * As on SQLite: ids are the readable `<type>:<slug>` strings of the seed files; every foreign
 * key is enforced (always, on PostgreSQL) and indexed; a date is a partial date (precision +
 * optional year/month/day + note), UNKNOWN where the source leaves it out. What follows keeps
 * the SQLite file's comments; where the engines differ, the comment says so.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex , type AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  ActorKind,
  AttributionKind,
  Certainty,
  ChangeOp,
  DatePrecision,
  EventKind,
  EventStatus,
  Firmness,
  ParticipantRole,
  Polarity,
  Role,
  Stance,
  StatementKind,
  STORED_ACTOR_RELATION_KINDS,
  STORED_EVENT_RELATION_KINDS,
  STORED_STATEMENT_RELATION_KINDS,
} from '../../shared/enums.js';

const enumValues = <T extends Record<string, string>>(e: T) => Object.values(e) as [T[keyof T], ...T[keyof T][]];

/** The columns of a partial date, prefixed (`published`, `start`, `end`, `date`). */
function partialDate<P extends string>(prefix: P) {
  return {
    precision: text(`${prefix}_precision`, { enum: enumValues(DatePrecision) }).notNull().default(DatePrecision.UNKNOWN),
    year: integer(`${prefix}_year`),
    month: integer(`${prefix}_month`),
    day: integer(`${prefix}_day`),
    note: text(`${prefix}_note`),
  };
}

/**
 * How sure the source is of a fact and in whose view (FactBank): `holder_id` null means the
 * source's own voice. The cues that set it are rows of `factuality_cues`. Called once per
 * table, because a drizzle column builder belongs to one table.
 */
function factualityColumns() {
  return {
    certainty: text('certainty', { enum: enumValues(Certainty) }).notNull().default(Certainty.CERTAIN),
    polarity: text('polarity', { enum: enumValues(Polarity) }).notNull().default(Polarity.POSITIVE),
    holderId: text('holder_id').references(() => actors.id, { onDelete: 'set null' }),
  };
}

/** The certainty of a relation: how sure the source (or the curators' reading of it) is that it holds. */
const relationCertainty = () => text('certainty', { enum: enumValues(Certainty) }).notNull().default(Certainty.CERTAIN);

// One set of date columns per partial date of the schema; each builder is used once.
const publishedDate = partialDate('published');
const startDate = partialDate('start');
const endDate = partialDate('end');
const statementDate = partialDate('date');

export const sources = pgTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  url: text('url'),
  contentHash: text('content_hash'),
  version: integer('version').notNull().default(1),
  publishedPrecision: publishedDate.precision,
  publishedYear: publishedDate.year,
  publishedMonth: publishedDate.month,
  publishedDay: publishedDate.day,
  publishedNote: publishedDate.note,
  /** The outlet that published it (a wire service, a paper), when known. */
  publisher: text('publisher'),
  /** The source whose story this one reprints (syndication): never an independent report. */
  reprintOfId: text('reprint_of_id').references((): AnyPgColumn => sources.id, { onDelete: 'set null' }),
}, (t) => [index('sources_reprint_of_idx').on(t.reprintOfId)]);

export const places = pgTable('places', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  countryCode: text('country_code'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
});

export const actors = pgTable('actors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: enumValues(ActorKind) }).notNull(),
  countryCode: text('country_code'),
  cameoCode: text('cameo_code'),
  description: text('description').notNull(),
  version: integer('version').notNull().default(1),
});

export const actorAliases = pgTable(
  'actor_aliases',
  {
    actorId: text('actor_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.alias] }), index('actor_aliases_actor_idx').on(t.actorId)],
);

export const affiliations = pgTable(
  'affiliations',
  {
    id: text('id').primaryKey(),
    actorId: text('actor_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
    role: text('role'),
  },
  (t) => [index('affiliations_actor_idx').on(t.actorId), index('affiliations_organization_idx').on(t.organizationId)],
);

export const actorRelations = pgTable(
  'actor_relations',
  {
    id: text('id').primaryKey(),
    subjectId: text('subject_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
    objectId: text('object_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: STORED_ACTOR_RELATION_KINDS }).notNull(),
    note: text('note'),
    certainty: relationCertainty(),
  },
  (t) => [index('actor_relations_subject_idx').on(t.subjectId), index('actor_relations_object_idx').on(t.objectId)],
);

export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    kind: text('kind', { enum: enumValues(EventKind) }).notNull(),
    status: text('status', { enum: enumValues(EventStatus) }).notNull(),
    startPrecision: startDate.precision,
    startYear: startDate.year,
    startMonth: startDate.month,
    startDay: startDate.day,
    startNote: startDate.note,
    endPrecision: endDate.precision,
    endYear: endDate.year,
    endMonth: endDate.month,
    endDay: endDate.day,
    endNote: endDate.note,
    durationDays: integer('duration_days'),
    durationNote: text('duration_note'),
    locationId: text('location_id').references(() => places.id, { onDelete: 'set null' }),
    cameoCode: text('cameo_code'),
    ...factualityColumns(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('events_location_idx').on(t.locationId), index('events_holder_idx').on(t.holderId)],
);

export const eventParticipants = pgTable(
  'event_participants',
  {
    eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
    role: text('role', { enum: enumValues(ParticipantRole) }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.actorId, t.role] }),
    index('event_participants_event_idx').on(t.eventId),
    index('event_participants_actor_idx').on(t.actorId),
  ],
);

export const eventRelations = pgTable(
  'event_relations',
  {
    id: text('id').primaryKey(),
    subjectId: text('subject_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    objectId: text('object_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: STORED_EVENT_RELATION_KINDS }).notNull(),
    note: text('note'),
    certainty: relationCertainty(),
  },
  (t) => [index('event_relations_subject_idx').on(t.subjectId), index('event_relations_object_idx').on(t.objectId)],
);

export const issues = pgTable('issues', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  version: integer('version').notNull().default(1),
});

/** A place where the source says in so many words that an issue stands between parties. */
export const issueObstacles = pgTable(
  'issue_obstacles',
  {
    id: text('id').primaryKey(),
    issueId: text('issue_id').notNull().references(() => issues.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    certainty: relationCertainty(),
  },
  (t) => [index('issue_obstacles_issue_idx').on(t.issueId)],
);

/** The parties an obstacle stands between; none listed means the source names no parties. */
export const issueObstacleParties = pgTable(
  'issue_obstacle_parties',
  {
    obstacleId: text('obstacle_id').notNull().references(() => issueObstacles.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.obstacleId, t.actorId] }),
    index('issue_obstacle_parties_obstacle_idx').on(t.obstacleId),
    index('issue_obstacle_parties_actor_idx').on(t.actorId),
  ],
);

export const eventIssues = pgTable(
  'event_issues',
  {
    eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    issueId: text('issue_id').notNull().references(() => issues.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.issueId] }), index('event_issues_event_idx').on(t.eventId), index('event_issues_issue_idx').on(t.issueId)],
);

export const statements = pgTable(
  'statements',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: enumValues(StatementKind) }).notNull(),
    summary: text('summary').notNull(),
    speakerId: text('speaker_id').references(() => actors.id, { onDelete: 'set null' }),
    attributionKind: text('attribution_kind', { enum: enumValues(AttributionKind) }).notNull(),
    attributionDetail: text('attribution_detail'),
    targetId: text('target_id').references(() => actors.id, { onDelete: 'set null' }),
    datePrecision: statementDate.precision,
    dateYear: statementDate.year,
    dateMonth: statementDate.month,
    dateDay: statementDate.day,
    dateNote: statementDate.note,
    eventId: text('event_id').references(() => events.id, { onDelete: 'set null' }),
    ...factualityColumns(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('statements_speaker_idx').on(t.speakerId),
    index('statements_holder_idx').on(t.holderId),
    index('statements_target_idx').on(t.targetId),
    index('statements_event_idx').on(t.eventId),
  ],
);

export const statementRelations = pgTable(
  'statement_relations',
  {
    id: text('id').primaryKey(),
    subjectId: text('subject_id').notNull().references(() => statements.id, { onDelete: 'cascade' }),
    objectId: text('object_id').notNull().references(() => statements.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: STORED_STATEMENT_RELATION_KINDS }).notNull(),
    certainty: relationCertainty(),
  },
  (t) => [index('statement_relations_subject_idx').on(t.subjectId), index('statement_relations_object_idx').on(t.objectId)],
);

export const statementIssues = pgTable(
  'statement_issues',
  {
    statementId: text('statement_id').notNull().references(() => statements.id, { onDelete: 'cascade' }),
    issueId: text('issue_id').notNull().references(() => issues.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.issueId] }),
    index('statement_issues_statement_idx').on(t.statementId),
    index('statement_issues_issue_idx').on(t.issueId),
  ],
);

export const positions = pgTable(
  'positions',
  {
    id: text('id').primaryKey(),
    actorId: text('actor_id').notNull().references(() => actors.id, { onDelete: 'cascade' }),
    issueId: text('issue_id').notNull().references(() => issues.id, { onDelete: 'cascade' }),
    stance: text('stance', { enum: enumValues(Stance) }).notNull(),
    firmness: text('firmness', { enum: enumValues(Firmness) }).notNull().default(Firmness.UNKNOWN),
    isPrecondition: boolean('is_precondition').notNull().default(false),
    summary: text('summary').notNull(),
    ...factualityColumns(),
    version: integer('version').notNull().default(1),
  },
  // One position per actor and issue: setPosition replaces, and restore may not make a second.
  (t) => [uniqueIndex('positions_actor_issue_idx').on(t.actorId, t.issueId), index('positions_issue_idx').on(t.issueId), index('positions_holder_idx').on(t.holderId)],
);

/** What a CONDITIONAL position asks in return: the issues it makes its acceptance depend on. */
export const positionConditions = pgTable(
  'position_conditions',
  {
    positionId: text('position_id').notNull().references(() => positions.id, { onDelete: 'cascade' }),
    issueId: text('issue_id').notNull().references(() => issues.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.positionId, t.issueId] }),
    index('position_conditions_position_idx').on(t.positionId),
    index('position_conditions_issue_idx').on(t.issueId),
  ],
);

export const positionStatements = pgTable(
  'position_statements',
  {
    positionId: text('position_id').notNull().references(() => positions.id, { onDelete: 'cascade' }),
    statementId: text('statement_id').notNull().references(() => statements.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.positionId, t.statementId] }),
    index('position_statements_position_idx').on(t.positionId),
    index('position_statements_statement_idx').on(t.statementId),
  ],
);

/**
 * The columns of a span of a source: a W3C text-position selector (`start`/`end` in code
 * points) and text-quote selector (`exact`, `prefix`, `suffix`). Called once per table.
 */
function spanColumns() {
  return {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text('source_id').notNull().references(() => sources.id, { onDelete: 'cascade' }),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    exact: text('exact').notNull(),
    prefix: text('prefix').notNull(),
    suffix: text('suffix').notNull(),
  };
}

/**
 * Evidence spans: a W3C text-quote + text-position selector on a source. Each row cites
 * exactly one fact, through exactly one of the nullable foreign keys (checked), so that the
 * database itself enforces that the cited fact exists. Each subject's index is partial (its
 * column IS NOT NULL): a span sets one of ten columns, so full indexes would hold mostly NULLs
 * and cost every insert ten index writes instead of one.
 */
export const evidence = pgTable(
  'evidence',
  {
    ...spanColumns(),
    actorId: text('actor_id').references(() => actors.id, { onDelete: 'cascade' }),
    eventId: text('event_id').references(() => events.id, { onDelete: 'cascade' }),
    statementId: text('statement_id').references(() => statements.id, { onDelete: 'cascade' }),
    issueId: text('issue_id').references(() => issues.id, { onDelete: 'cascade' }),
    positionId: text('position_id').references(() => positions.id, { onDelete: 'cascade' }),
    affiliationId: text('affiliation_id').references(() => affiliations.id, { onDelete: 'cascade' }),
    actorRelationId: text('actor_relation_id').references(() => actorRelations.id, { onDelete: 'cascade' }),
    eventRelationId: text('event_relation_id').references(() => eventRelations.id, { onDelete: 'cascade' }),
    statementRelationId: text('statement_relation_id').references(() => statementRelations.id, { onDelete: 'cascade' }),
    obstacleId: text('obstacle_id').references(() => issueObstacles.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('evidence_source_idx').on(t.sourceId, t.start),
    index('evidence_actor_idx').on(t.actorId).where(sql`${t.actorId} IS NOT NULL`),
    index('evidence_event_idx').on(t.eventId).where(sql`${t.eventId} IS NOT NULL`),
    index('evidence_statement_idx').on(t.statementId).where(sql`${t.statementId} IS NOT NULL`),
    index('evidence_issue_idx').on(t.issueId).where(sql`${t.issueId} IS NOT NULL`),
    index('evidence_position_idx').on(t.positionId).where(sql`${t.positionId} IS NOT NULL`),
    index('evidence_affiliation_idx').on(t.affiliationId).where(sql`${t.affiliationId} IS NOT NULL`),
    index('evidence_actor_relation_idx').on(t.actorRelationId).where(sql`${t.actorRelationId} IS NOT NULL`),
    index('evidence_event_relation_idx').on(t.eventRelationId).where(sql`${t.eventRelationId} IS NOT NULL`),
    index('evidence_statement_relation_idx').on(t.statementRelationId).where(sql`${t.statementRelationId} IS NOT NULL`),
    index('evidence_obstacle_idx').on(t.obstacleId).where(sql`${t.obstacleId} IS NOT NULL`),
    check('evidence_span_ok', sql`${t.start} >= 0 AND ${t.end} > ${t.start}`),
    // SQLite adds booleans as integers; PostgreSQL counts the set columns with num_nonnulls.
    check(
      'evidence_one_subject',
      sql`num_nonnulls(${t.actorId}, ${t.eventId}, ${t.statementId}, ${t.issueId}, ${t.positionId}, ${t.affiliationId}, ${t.actorRelationId}, ${t.eventRelationId}, ${t.statementRelationId}, ${t.obstacleId}) = 1`,
    ),
  ],
);

/**
 * Factuality cues: the spans that set how sure the source is of an event, statement or
 * position ("is likely to", "could", "has denied"). A W3C text selector like `evidence`, kept
 * apart from it because a cue does not attest that the fact holds, only how surely; each row
 * belongs to exactly one fact (checked).
 */
export const factualityCues = pgTable(
  'factuality_cues',
  {
    ...spanColumns(),
    eventId: text('event_id').references(() => events.id, { onDelete: 'cascade' }),
    statementId: text('statement_id').references(() => statements.id, { onDelete: 'cascade' }),
    positionId: text('position_id').references(() => positions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('factuality_cues_source_idx').on(t.sourceId, t.start),
    index('factuality_cues_event_idx').on(t.eventId).where(sql`${t.eventId} IS NOT NULL`),
    index('factuality_cues_statement_idx').on(t.statementId).where(sql`${t.statementId} IS NOT NULL`),
    index('factuality_cues_position_idx').on(t.positionId).where(sql`${t.positionId} IS NOT NULL`),
    check('factuality_cues_span_ok', sql`${t.start} >= 0 AND ${t.end} > ${t.start}`),
    check('factuality_cues_one_subject', sql`num_nonnulls(${t.eventId}, ${t.statementId}, ${t.positionId}) = 1`),
  ],
);

/**
 * Reports: how one source reports one fact (an event, a statement or a position), one row per
 * fact and source, with that source's certainty, polarity and holder; its evidence and cue
 * spans are rows of `report_spans`. A fact's own factuality columns stay the reading of the
 * source it was first recorded from. `origin_id` is the source at the end of the source's
 * `reprint_of` chain (itself when it reprints nothing): reports with one origin are one
 * independent source. The id is `<fact id>@<source id>`; rows are part of the fact's document.
 */
export const reports = pgTable(
  'reports',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').references(() => events.id, { onDelete: 'cascade' }),
    statementId: text('statement_id').references(() => statements.id, { onDelete: 'cascade' }),
    positionId: text('position_id').references(() => positions.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull().references(() => sources.id, { onDelete: 'cascade' }),
    originId: text('origin_id').notNull().references(() => sources.id, { onDelete: 'cascade' }),
    ...factualityColumns(),
  },
  (t) => [
    index('reports_event_idx').on(t.eventId).where(sql`${t.eventId} IS NOT NULL`),
    index('reports_statement_idx').on(t.statementId).where(sql`${t.statementId} IS NOT NULL`),
    index('reports_position_idx').on(t.positionId).where(sql`${t.positionId} IS NOT NULL`),
    index('reports_source_idx').on(t.sourceId),
    index('reports_origin_idx').on(t.originId),
    index('reports_holder_idx').on(t.holderId),
    check('reports_one_fact', sql`num_nonnulls(${t.eventId}, ${t.statementId}, ${t.positionId}) = 1`),
  ],
);

/** A report's spans of its source: its evidence, and (`cue`) the words that set its factuality. */
export const reportSpans = pgTable(
  'report_spans',
  {
    ...spanColumns(),
    reportId: text('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
    cue: boolean('cue').notNull().default(false),
  },
  (t) => [index('report_spans_report_idx').on(t.reportId), index('report_spans_source_idx').on(t.sourceId, t.start), check('report_spans_span_ok', sql`${t.start} >= 0 AND ${t.end} > ${t.start}`)],
);

/**
 * API keys. Only the SHA-256 of a key is stored: a key is 32 random bytes, so a fast hash
 * cannot be brute-forced, and each request can check it in microseconds. The public
 * `prefix` finds the row; `revoked_at` set means refused from the next request on.
 */
export const apiKeys = pgTable('api_keys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  prefix: text('prefix').notNull().unique(),
  hash: text('hash').notNull(),
  role: text('role', { enum: enumValues(Role) }).notNull(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

/**
 * History: one revision per successful write (the seed load is revision 1, by "seed"). The
 * author comes from the API key, never from the input. An idempotency key, per API key,
 * remembers the input's hash and the result, so a replay returns the first result.
 */
export const revisions = pgTable(
  'revisions',
  {
    number: integer('number').primaryKey(),
    at: text('at').notNull(),
    authorName: text('author_name').notNull(),
    authorRole: text('author_role', { enum: enumValues(Role) }).notNull(),
    keyId: integer('key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    summary: text('summary'),
    idempotencyKey: text('idempotency_key'),
    inputHash: text('input_hash'),
    result: jsonb('result'),
  },
  (t) => [uniqueIndex('revisions_idempotency_idx').on(t.keyId, t.idempotencyKey), index('revisions_author_idx').on(t.authorName)],
);

/**
 * What a revision changed: one row per node, with the node's document (its row and the parts
 * it owns: aliases, affiliations, evidence, cues, links) before and after. `asOf` and
 * `restore` read the documents back; a DELETE's `after` is null and its version is the
 * tombstone's (the deleted version + 1).
 */
export const changes = pgTable(
  'changes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    revision: integer('revision').notNull().references(() => revisions.number, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    op: text('op', { enum: enumValues(ChangeOp) }).notNull(),
    version: integer('version').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('changes_node_idx').on(t.nodeId, t.revision), index('changes_revision_idx').on(t.revision), index('changes_type_idx').on(t.nodeType, t.revision)],
);

/**
 * The last revision number given out: one row (id 1, checked). A write increments it in its own
 * transaction, so numbers follow commit order with no gap even when writers run concurrently
 * (the row lock orders them on PostgreSQL); `max(number) + 1` would hand two writers the same
 * number there. Seeded from `revisions` by the migration that creates it.
 */
export const revisionCounter = pgTable(
  'revision_counter',
  {
    id: integer('id').primaryKey(),
    last: integer('last').notNull(),
  },
  (t) => [check('revision_counter_single_row', sql`${t.id} = 1`)],
);

/**
 * Nodes merged into another by `mergeNodes` (issue 19): the merged id keeps resolving to the
 * node it was merged into, from the revision that merged it on; an `asOf` before that revision
 * still reads the merged node from history. A chain A → B → C is followed hop by hop, each hop
 * from its own revision; an id merged twice (created again in between) keeps its latest merge.
 * `revision` has no foreign key because the row is written inside the merge's transaction
 * before its revision row; `clearHistory` empties the table with the revisions.
 */
export const mergedNodes = pgTable(
  'merged_nodes',
  {
    id: text('id').primaryKey(),
    intoId: text('into_id').notNull(),
    nodeType: text('node_type').notNull(),
    revision: integer('revision').notNull(),
  },
  (t) => [index('merged_nodes_into_idx').on(t.intoId), index('merged_nodes_revision_idx').on(t.revision)],
);

export type SourceRow = typeof sources.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;
export type ActorRow = typeof actors.$inferSelect;
export type ActorAliasRow = typeof actorAliases.$inferSelect;
export type AffiliationRow = typeof affiliations.$inferSelect;
export type ActorRelationRow = typeof actorRelations.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type EventParticipantRow = typeof eventParticipants.$inferSelect;
export type EventRelationRow = typeof eventRelations.$inferSelect;
export type IssueRow = typeof issues.$inferSelect;
export type IssueObstacleRow = typeof issueObstacles.$inferSelect;
export type StatementRow = typeof statements.$inferSelect;
export type StatementRelationRow = typeof statementRelations.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;
export type FactualityCueRow = typeof factualityCues.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
export type ReportSpanRow = typeof reportSpans.$inferSelect;
export type PositionConditionRow = typeof positionConditions.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type RevisionRow = typeof revisions.$inferSelect;
export type ChangeRow = typeof changes.$inferSelect;
export type RevisionCounterRow = typeof revisionCounter.$inferSelect;
export type MergedNodeRow = typeof mergedNodes.$inferSelect;
