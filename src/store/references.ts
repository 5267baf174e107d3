/**
 * Every column that refers to an actor, an event or an issue, in one place: what `mergeNodes`
 * re-points from the merged node to the kept one. Each entry names the column, the node whose
 * document holds it (its owner), one statement that finds the owners referring to an id, and
 * how the owner's document is re-pointed. The columns that are the merged node's own parts
 * (its evidence, aliases, affiliations, participants, issue links, obstacles, cues) are listed
 * apart, in `OWN_PARTS`: they move with the node (`absorb` in the merge writer), they are not
 * re-pointed. A test walks the foreign keys of `db/tables.ts` and fails on a column to
 * `actors`, `events` or `issues` that is in neither list: a new table that refers to them
 * (a source's reports, say) adds its entry here.
 */
import { statement, type Statement } from '../db/engine.js';
import type { AnyDoc, DocType, Docs } from './documents.js';
import { reportsOfDoc } from './reports.js';

export type MergeableType = 'Actor' | 'Event' | 'Issue';
export const MERGEABLE_TYPES: readonly MergeableType[] = ['Actor', 'Event', 'Issue'];

export interface Reference {
  /** The table and column, as SQL names them. */
  table: string;
  column: string;
  /** The node whose document holds the reference (for a table several kinds of node hold, the first; its rows then name theirs). */
  owner: DocType;
  /** The owners referring to an id: one parameter, the id; answers rows `{ id }`, or `{ id, type }` where owners are of several types. */
  owners: Statement;
  /** The owner's document with the reference moved from `from` to `to` (a new object; duplicates the move makes are dropped). */
  repoint(doc: AnyDoc, from: string, to: string): AnyDoc;
}

const swap = (value: string | null, from: string, to: string) => (value === from ? to : value);
const swapAll = (ids: readonly string[], from: string, to: string) => [...new Set(ids.map((id) => (id === from ? to : id)))];
const owners = (sql: string) => statement(sql);

/** A column of the owner's own row. */
function rowColumn<T extends DocType>(table: string, column: string, owner: T, property: string): Reference {
  return {
    table,
    column,
    owner,
    owners: owners(`SELECT "r"."id" AS "id" FROM "${table}" AS "r" WHERE "r"."${column}" = ?`),
    repoint: (doc, from, to) => {
      const row = doc.row as unknown as Record<string, string | null>;
      return { ...doc, row: { ...doc.row, [property]: swap(row[property] ?? null, from, to) } } as AnyDoc;
    },
  };
}

export const REFERENCES: Record<MergeableType, readonly Reference[]> = {
  Actor: [
    rowColumn('statements', 'speaker_id', 'Statement', 'speakerId'),
    rowColumn('statements', 'target_id', 'Statement', 'targetId'),
    rowColumn('statements', 'holder_id', 'Statement', 'holderId'),
    rowColumn('events', 'holder_id', 'Event', 'holderId'),
    rowColumn('positions', 'actor_id', 'Position', 'actorId'),
    rowColumn('positions', 'holder_id', 'Position', 'holderId'),
    rowColumn('actor_relations', 'subject_id', 'ActorRelation', 'subjectId'),
    rowColumn('actor_relations', 'object_id', 'ActorRelation', 'objectId'),
    {
      table: 'event_participants',
      column: 'actor_id',
      owner: 'Event',
      owners: owners(`SELECT DISTINCT "p"."event_id" AS "id" FROM "event_participants" AS "p" WHERE "p"."actor_id" = ?`),
      repoint: (doc, from, to) => {
        const d = doc as Docs['Event'];
        const seen = new Set<string>();
        const participants = d.participants
          .map((p) => ({ ...p, actorId: p.actorId === from ? to : p.actorId }))
          .filter((p) => !seen.has(`${p.actorId} ${p.role}`) && seen.add(`${p.actorId} ${p.role}`));
        return { ...d, participants };
      },
    },
    {
      table: 'affiliations',
      column: 'organization_id',
      owner: 'Actor',
      owners: owners(`SELECT DISTINCT "a"."actor_id" AS "id" FROM "affiliations" AS "a" WHERE "a"."organization_id" = ?`),
      repoint: (doc, from, to) => {
        const d = doc as Docs['Actor'];
        return { ...d, affiliations: mergedAffiliations(d.row.id, d.affiliations.map((a) => ({ ...a, organizationId: a.organizationId === from ? to : a.organizationId }))) };
      },
    },
    {
      // A source's report of an event, statement or position names its holder (store/reports.ts).
      table: 'reports',
      column: 'holder_id',
      owner: 'Event',
      owners: owners(`SELECT DISTINCT coalesce("r"."event_id", "r"."statement_id", "r"."position_id") AS "id",
          CASE WHEN "r"."event_id" IS NOT NULL THEN 'Event' WHEN "r"."statement_id" IS NOT NULL THEN 'Statement' ELSE 'Position' END AS "type"
        FROM "reports" AS "r" WHERE "r"."holder_id" = ?`),
      repoint: (doc, from, to) => {
        const d = doc as Docs['Statement'];
        return { ...d, reports: reportsOfDoc(d).map((r) => ({ ...r, holderId: swap(r.holderId, from, to) })) } as AnyDoc;
      },
    },
    {
      table: 'issue_obstacle_parties',
      column: 'actor_id',
      owner: 'Issue',
      owners: owners(`SELECT DISTINCT "o"."issue_id" AS "id" FROM "issue_obstacle_parties" AS "p" JOIN "issue_obstacles" AS "o" ON "o"."id" = "p"."obstacle_id" WHERE "p"."actor_id" = ?`),
      repoint: (doc, from, to) => {
        const d = doc as Docs['Issue'];
        return { ...d, obstacles: d.obstacles.map((o) => ({ ...o, partyIds: swapAll(o.partyIds, from, to) })) };
      },
    },
  ],
  Event: [
    rowColumn('statements', 'event_id', 'Statement', 'eventId'),
    rowColumn('event_relations', 'subject_id', 'EventRelation', 'subjectId'),
    rowColumn('event_relations', 'object_id', 'EventRelation', 'objectId'),
  ],
  Issue: [
    rowColumn('positions', 'issue_id', 'Position', 'issueId'),
    {
      table: 'position_conditions',
      column: 'issue_id',
      owner: 'Position',
      owners: owners(`SELECT DISTINCT "c"."position_id" AS "id" FROM "position_conditions" AS "c" WHERE "c"."issue_id" = ?`),
      repoint: (doc, from, to) => {
        const d = doc as Docs['Position'];
        return { ...d, conditionIds: swapAll(d.conditionIds, from, to) };
      },
    },
    {
      table: 'statement_issues',
      column: 'issue_id',
      owner: 'Statement',
      owners: owners(`SELECT DISTINCT "l"."statement_id" AS "id" FROM "statement_issues" AS "l" WHERE "l"."issue_id" = ?`),
      repoint: (doc, from, to) => {
        const d = doc as Docs['Statement'];
        return { ...d, issueIds: swapAll(d.issueIds, from, to) };
      },
    },
    {
      table: 'event_issues',
      column: 'issue_id',
      owner: 'Event',
      owners: owners(`SELECT DISTINCT "l"."event_id" AS "id" FROM "event_issues" AS "l" WHERE "l"."issue_id" = ?`),
      repoint: (doc, from, to) => {
        const d = doc as Docs['Event'];
        return { ...d, issueIds: swapAll(d.issueIds, from, to) };
      },
    },
  ],
};

/**
 * The columns that are a node's own parts, `table.column`: they move with the merged node into
 * the kept one (or, for cues, stay with the merged node's history), and are not re-pointed.
 */
export const OWN_PARTS: Record<MergeableType, readonly string[]> = {
  Actor: ['evidence.actor_id', 'actor_aliases.actor_id', 'affiliations.actor_id'],
  Event: ['evidence.event_id', 'event_participants.event_id', 'event_issues.event_id', 'factuality_cues.event_id', 'reports.event_id'],
  Issue: ['evidence.issue_id', 'issue_obstacles.issue_id'],
};

/**
 * An actor's affiliations after a merge: none to itself, one per organization (the first
 * role given, the evidence of all, each span once).
 */
export function mergedAffiliations(actorId: string, affiliations: Docs['Actor']['affiliations']): Docs['Actor']['affiliations'] {
  const byOrg = new Map<string, Docs['Actor']['affiliations'][number]>();
  for (const a of affiliations) {
    if (a.organizationId === actorId) continue;
    const kept = byOrg.get(a.organizationId);
    if (!kept) byOrg.set(a.organizationId, { ...a, evidence: [...a.evidence] });
    else byOrg.set(a.organizationId, { ...kept, role: kept.role ?? a.role, evidence: unionSpans(kept.evidence, a.evidence) });
  }
  return [...byOrg.values()];
}

/** Spans of both lists, each (source, start, end) once, in source and start order. */
export function unionSpans<S extends { sourceId: string; start: number; end: number }>(a: readonly S[], b: readonly S[]): S[] {
  const out = new Map<string, S>();
  for (const s of [...a, ...b]) {
    const key = `${s.sourceId} ${s.start} ${s.end}`;
    if (!out.has(key)) out.set(key, s);
  }
  return [...out.values()].sort((x, y) => (x.sourceId < y.sourceId ? -1 : x.sourceId > y.sourceId ? 1 : x.start - y.start || x.end - y.end));
}
