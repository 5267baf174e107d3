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
 * - One BEGIN IMMEDIATE transaction; foreign keys are checked at its end, so nodes may refer
 *   to one another in any order within the bundle.
 * - The bundle is walked twice (validate, then write), an entry at a time: JSON-lines files
 *   are streamed, so memory does not grow with the number of entries.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as t from '../db/tables.js';
import { ChangeOp, Role } from '../shared/enums.js';
import { stableJson } from '../shared/stable-json.js';
import { readDoc, writeDoc, type AnyDoc } from '../store/documents.js';
import { clearHistory, streamedRevision } from '../store/history.js';
import { clearKnowledge, isEmpty, planInserter, SeedError, setAsideIndexes, walkBundle, type BundleCounts, type SeedPlan } from '../../seed/loader.js';
import { SEED_DIR } from '../shared/paths.js';
import { canonical, documentsOf } from './documents-from-plan.js';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  places: number;
  /** Rows written to the knowledge and history tables (search rows, kept by triggers, not counted). */
  rows: number;
  /** The revision written; null when the bundle changed nothing. */
  revision: number | null;
}

type Progress = (done: number, total: number) => void;

/**
 * Validates the whole bundle (a first walk that writes nothing), then merges it as one
 * revision by `author` in one BEGIN IMMEDIATE transaction (a second walk). Memory holds the
 * source texts, the ids and one entry, whatever the bundle's size.
 */
export function importBundle(db: Db, dir: string, author: string, onProgress?: Progress): ImportSummary {
  const { entries } = walkBundle(dir);
  return load(db, dir, { author, summary: `Import of ${dir}`, clear: false, total: entries, onProgress });
}

/**
 * `npm run seed` and first start: the seed bundle imported into an emptied database, so the
 * seed takes the import's one code path and becomes revision 1, by "seed". Validated first;
 * a refusal leaves the database as it was. API keys stay.
 */
export function seedDatabase(db: Db, dir: string = SEED_DIR): BundleCounts {
  const { entries, rows } = walkBundle(dir);
  load(db, dir, { author: 'seed', summary: 'Seed: the knowledge curated from the seed article', clear: true, total: entries });
  return rows;
}

interface LoadOptions {
  author: string;
  summary: string;
  /** Empty the knowledge base and its history first (the seed). */
  clear: boolean;
  total: number;
  onProgress?: Progress;
}

/** True when the knowledge base holds no source and no place: everything a bundle brings is new. */
function isFresh(db: Db): boolean {
  return isEmpty(db) && db.select({ id: t.places.id }).from(t.places).limit(1).all().length === 0;
}

/**
 * Writes a validated bundle, walking it again. Into an empty knowledge base every node is new:
 * rows go in through prepared statements with foreign keys checked once at the end
 * (`foreign_key_check`, which finds what no row-by-row check would) and the secondary indexes
 * rebuilt once. Otherwise node by node, each compared with the stored one (`canonical`): a new
 * node is a CREATE, a changed one an UPDATE, an equal one is left alone; so importing the
 * same bundle again writes nothing and adds no revision. Places, which have no history, are
 * upserted.
 */
function load(db: Db, dir: string, options: LoadOptions): ImportSummary {
  // Foreign key enforcement can only be switched outside a transaction, so emptiness is
  // judged before it and again inside it (another writer may have come between).
  const fresh = options.clear || isFresh(db);
  if (fresh) db.$client.pragma('foreign_keys = OFF');
  try {
    return db.transaction(
      () => {
        if (options.clear) {
          clearHistory(db);
          clearKnowledge(db);
        } else if (fresh && !isFresh(db)) {
          throw new SeedError('(bundle)', dir, 'the knowledge base was written to while this import started; run the import again');
        }
        if (!fresh) db.run(sql`PRAGMA defer_foreign_keys = ON`);
        const summary = fresh ? loadFresh(db, dir, options) : merge(db, dir, options);
        if (fresh) {
          const broken = db.$client.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number; parent: string }[];
          if (broken.length > 0) throw new Error(`import: ${broken.length} row(s) refer to missing rows, first ${broken[0]!.table} row ${broken[0]!.rowid} → ${broken[0]!.parent}`);
        }
        return summary;
      },
      { behavior: 'immediate' },
    );
  } finally {
    if (fresh) db.$client.pragma('foreign_keys = ON');
  }
}

const countRows = (rows: SeedPlan) => Object.values(rows).reduce((n, list) => n + list.length, 0);

function loadFresh(db: Db, dir: string, options: LoadOptions): ImportSummary {
  const revision = streamedRevision(db, { authorName: options.author, authorRole: Role.ADMIN, keyId: null, summary: options.summary });
  const restoreIndexes = setAsideIndexes(db);
  const insert = planInserter(db);
  let created = 0;
  let places = 0;
  let rows = 0;
  let done = 0;
  walkBundle(dir, ({ rows: entry }) => {
    insert(entry);
    rows += countRows(entry);
    places += entry.places.length;
    for (const { type, doc } of documentsOf(entry)) {
      revision.add({ type, id: doc.row.id, op: ChangeOp.CREATE, version: 1, before: null, after: doc });
      created++;
      rows++;
    }
    options.onProgress?.(++done, options.total);
  }, { validated: true });
  restoreIndexes();
  return { created, updated: 0, unchanged: 0, places, rows: rows + (revision.number === null ? 0 : 1), revision: revision.number };
}

function merge(db: Db, dir: string, options: LoadOptions): ImportSummary {
  const revision = streamedRevision(db, { authorName: options.author, authorRole: Role.ADMIN, keyId: null, summary: options.summary });
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let places = 0;
  let rows = 0;
  let done = 0;
  walkBundle(dir, ({ rows: entry }) => {
    let changed = false;
    for (const place of entry.places) {
      places++;
      // Only a new or changed place is written: an unchanged one must not even touch the search index.
      const stored = db.select().from(t.places).where(eq(t.places.id, place.id)).get();
      if (!stored) db.insert(t.places).values(place).run();
      else if (stableJson(stored) !== stableJson({ ...stored, ...place })) db.update(t.places).set(place).where(eq(t.places.id, place.id)).run();
      else continue;
      rows++;
    }
    for (const { type, doc } of documentsOf(entry)) {
      const current = readDoc(db, type, doc.row.id);
      // A source's text is never edited: the stored spans of other nodes count its code points.
      if (type === 'Source' && current && (current.row as t.SourceRow).text !== (doc.row as t.SourceRow).text) {
        throw new SeedError('sources.yaml', doc.row.id, 'this source is stored with another text; a source text is never changed (give the new text a new id)');
      }
      if (current && canonical(current) === canonical(doc)) {
        unchanged++;
        continue;
      }
      const version = current && 'version' in current.row ? current.row.version + 1 : 1;
      const next = ('version' in doc.row ? { ...doc, row: { ...doc.row, version } } : doc) as AnyDoc;
      writeDoc(db, type, next as never);
      revision.add({ type, id: doc.row.id, op: current ? ChangeOp.UPDATE : ChangeOp.CREATE, version, before: current, after: next });
      if (current) updated++;
      else created++;
      rows++;
      changed = true;
    }
    // A changed node's rows are written again whole (a place was counted above).
    if (changed) rows += countRows(entry) - entry.places.length;
    options.onProgress?.(++done, options.total);
  }, { validated: true });
  return { created, updated, unchanged, places, rows: rows + (revision.number === null ? 0 : 1), revision: revision.number };
}
