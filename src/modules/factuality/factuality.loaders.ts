import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { groupLoader } from '../../db/loader-kit.js';
import { factualityCues, type FactualityCueRow } from '../../db/tables.js';
import type { FactualSubject } from './factuality.type.js';

const CUE_SUBJECTS = { event: factualityCues.eventId, statement: factualityCues.statementId, position: factualityCues.positionId } as const;

/** One loader per kind of fact: the cues setting its factuality, in the order they occur in the source. */
export function createCueLoaders(db: Db) {
  const loaderFor = (subject: FactualSubject) =>
    groupLoader(
      (ids: string[]) =>
        db.select().from(factualityCues).where(inArray(CUE_SUBJECTS[subject], ids)).orderBy(asc(factualityCues.sourceId), asc(factualityCues.start), asc(factualityCues.id)).all(),
      (r: FactualityCueRow) => r[`${subject}Id`]!,
    );
  return { event: loaderFor('event'), statement: loaderFor('statement'), position: loaderFor('position') };
}
