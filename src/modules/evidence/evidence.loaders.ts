import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { groupLoader } from '../../db/loader-kit.js';
import { evidence, type EvidenceRow } from '../../db/tables.js';

/** The evidence columns, one per kind of fact a span can cite. */
export const EVIDENCE_SUBJECTS = {
  actor: evidence.actorId,
  event: evidence.eventId,
  statement: evidence.statementId,
  issue: evidence.issueId,
  position: evidence.positionId,
  affiliation: evidence.affiliationId,
  actorRelation: evidence.actorRelationId,
  eventRelation: evidence.eventRelationId,
  statementRelation: evidence.statementRelationId,
  obstacle: evidence.obstacleId,
} as const;

export type EvidenceSubject = keyof typeof EVIDENCE_SUBJECTS;

/** One loader per kind of fact: the spans citing it, in the order they occur in the source. */
export function createEvidenceLoaders(db: Db) {
  const loaderFor = (subject: EvidenceSubject) => {
    const column = EVIDENCE_SUBJECTS[subject];
    return groupLoader(
      (ids: string[]) => db.select().from(evidence).where(inArray(column, ids)).orderBy(asc(evidence.sourceId), asc(evidence.start), asc(evidence.id)).all(),
      (r: EvidenceRow) => r[`${subject}Id`]!,
    );
  };
  return Object.fromEntries(Object.keys(EVIDENCE_SUBJECTS).map((s) => [s, loaderFor(s as EvidenceSubject)])) as Record<
    EvidenceSubject,
    ReturnType<typeof loaderFor>
  >;
}

/** Evidence rows by id; ids travel as strings through the generic page machinery. */
export function createEvidenceByIdLoader(db: Db) {
  return new DataLoader<string, EvidenceRow | null>(async (ids) => {
    const rows = db.select().from(evidence).where(inArray(evidence.id, ids.map(Number))).all();
    const found = new Map(rows.map((r) => [String(r.id), r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
