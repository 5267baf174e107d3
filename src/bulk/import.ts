/**
 * `npm run kb -- import <bundle>`: a bundle (a folder in the `seed/` layout, with one source in
 * `data/source.yaml` or several in `data/sources.yaml`) merged into the knowledge base as one
 * revision authored by the importer.
 *
 * - Everything is validated before the first row is written, by the seed loader's checks
 *   (quotes located in their sources, references, ids, enums); a refusal names file and entry
 *   and writes nothing.
 * - Each node of the bundle is compared with the stored one (`canonical`): a new node is a
 *   CREATE, a changed one an UPDATE (its version one up), an equal one is left alone; so
 *   importing the same bundle again writes nothing and adds no revision. Nodes the bundle does
 *   not mention are left as they are. Places, which have no history, are upserted.
 * - One BEGIN IMMEDIATE transaction; foreign keys are checked at commit (deferred), so nodes
 *   may refer to one another in any order within the bundle.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as t from '../db/tables.js';
import { ChangeOp, Role } from '../shared/enums.js';
import { stableJson } from '../shared/stable-json.js';
import { readDoc, writeDoc, type AnyDoc } from '../store/documents.js';
import { clearHistory, recordRevision, type ChangeRecord } from '../store/history.js';
import { clearKnowledge, insertPlan, isEmpty, readSeed, SeedError, type SeedPlan } from '../../seed/loader.js';
import { SEED_DIR } from '../shared/paths.js';
import { canonical, documentsOf } from './documents-from-plan.js';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  places: number;
  /** The revision written; null when the bundle changed nothing. */
  revision: number | null;
}

export function importBundle(db: Db, dir: string, author: string, onProgress?: (done: number, total: number) => void): ImportSummary {
  const plan = readSeed(dir);
  return db.transaction(() => importPlan(db, plan, author, `Import of ${dir}`, onProgress), { behavior: 'immediate' });
}

/**
 * `npm run seed` and first start: the seed bundle imported into an emptied database, so the
 * seed takes the import's one code path and becomes revision 1, by "seed". Validated first;
 * a refusal leaves the database as it was. API keys stay.
 */
export function seedDatabase(db: Db, dir: string = SEED_DIR): SeedPlan {
  const plan = readSeed(dir);
  db.transaction(
    () => {
      clearHistory(db);
      clearKnowledge(db);
      importPlan(db, plan, 'seed', 'Seed: the knowledge curated from the seed article');
    },
    { behavior: 'immediate' },
  );
  return plan;
}

/**
 * Merges a validated plan as one revision; the caller holds the transaction. Into an empty
 * knowledge base (no source, no place) every node is new, so the plan's rows go in by the
 * table in chunks and nothing needs comparing; otherwise node by node.
 */
function importPlan(db: Db, plan: SeedPlan, author: string, summary: string, onProgress?: (done: number, total: number) => void): ImportSummary {
  const docs = documentsOf(plan);
  db.run(sql`PRAGMA defer_foreign_keys = ON`);
  if (isEmpty(db) && db.select({ id: t.places.id }).from(t.places).limit(1).all().length === 0) {
    insertPlan(db, plan);
    onProgress?.(docs.length, docs.length);
    const records = docs.map(({ type, doc }) => ({ type, id: doc.row.id, op: ChangeOp.CREATE, version: 1, before: null, after: doc }));
    const revision = records.length > 0 ? recordRevision(db, { authorName: author, authorRole: Role.ADMIN, keyId: null, summary }, records).number : null;
    return { created: records.length, updated: 0, unchanged: 0, places: plan.places.length, revision };
  }
  for (const place of plan.places) {
    // Only a new or changed place is written: an unchanged one must not even touch the search index.
    const stored = db.select().from(t.places).where(eq(t.places.id, place.id)).get();
    if (!stored) db.insert(t.places).values(place).run();
    else if (stableJson(stored) !== stableJson({ ...stored, ...place })) db.update(t.places).set(place).where(eq(t.places.id, place.id)).run();
  }
  const records: ChangeRecord[] = [];
  let unchanged = 0;
  docs.forEach(({ type, doc }, i) => {
    const current = readDoc(db, type, doc.row.id);
    // A source's text is never edited: the stored spans of other nodes count its code points.
    if (type === 'Source' && current && (current.row as t.SourceRow).text !== (doc.row as t.SourceRow).text) {
      throw new SeedError('sources.yaml', doc.row.id, 'this source is stored with another text; a source text is never changed (give the new text a new id)');
    }
    if (current && canonical(current) === canonical(doc)) {
      unchanged++;
    } else {
      const version = current && 'version' in current.row ? current.row.version + 1 : 1;
      const next = ('version' in doc.row ? { ...doc, row: { ...doc.row, version } } : doc) as AnyDoc;
      writeDoc(db, type, next as never);
      records.push({ type, id: doc.row.id, op: current ? ChangeOp.UPDATE : ChangeOp.CREATE, version, before: current, after: next });
    }
    onProgress?.(i + 1, docs.length);
  });
  const created = records.filter((r) => r.op === ChangeOp.CREATE).length;
  if (records.length === 0) return { created: 0, updated: 0, unchanged, places: plan.places.length, revision: null };
  const revision = recordRevision(db, { authorName: author, authorRole: Role.ADMIN, keyId: null, summary }, records);
  return { created, updated: records.length - created, unchanged, places: plan.places.length, revision: revision.number };
}
