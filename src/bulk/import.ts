/**
 * `npm run kb -- import <bundle>`: a bundle (a folder in the `seed/` layout, with one source in
 * `data/source.yaml` or several in `data/sources.yaml`) merged into the knowledge base as one
 * revision authored by the importer.
 *
 * - Everything is validated by the bundle reader's checks (`bundle-reader.ts`: quotes located
 *   in their sources, references, ids, enums) as the one walk of the bundle writes it, inside
 *   the one transaction: a refusal names file and entry and rolls the transaction back, so
 *   it writes nothing (a reference to an id no entry defines is known at the walk's end, still
 *   inside the transaction).
 * - Each node of the bundle is compared with the stored one (`canonical`): a new node is a
 *   CREATE, a changed one an UPDATE (its version one up), an equal one is left alone; so
 *   importing the same bundle again writes nothing and adds no revision. Nodes the bundle does
 *   not mention are left as they are. Places, which have no history, are upserted.
 * - One engine transaction, through the same stores as the mutations (`readDoc`/`writeDoc`,
 *   the history's revision counter); foreign keys are checked at its end, so nodes may refer
 *   to one another in any order within the bundle.
 * - The bundle is walked once, an entry at a time: JSON-lines files are streamed, so memory
 *   holds the texts, the ids and one entry, and does not grow with the number of entries.
 */
import type { Engine, Executor } from '../db/engine.js';
import type { Kb } from '../db/open.js';
import { setAsideEvidenceTriggers } from '../db/pg/bulk.js';
import { foreignKeyProblem, setAsideIndexes, withoutForeignKeys } from '../db/sqlite/bulk.js';
import type * as t from '../db/tables.js';
import { ChangeOp, Role } from '../shared/enums.js';
import { stableJson } from '../shared/stable-json.js';
import { readDoc, writeDoc, type AnyDoc } from '../store/documents.js';
import { clearHistory, recordSeedRevision, streamedRevision } from '../store/history.js';
import { SEED_DIR } from '../shared/paths.js';
import { CodePointText, SpanError } from '../shared/text-span.js';
import { bundleEntries, countEntries, SeedError, type BundleCounts, type SeedPlan } from './bundle-reader.js';
import { canonical, documentsOf } from './documents-from-plan.js';
import { addDerivedReports, originIn } from './plan-reports.js';
import { clearKnowledge, copyWriter, deferForeignKeys, insertPlan, insertWriter, isFresh, placeById, writePlace, type BulkWriter } from './import.store.js';

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

/** An opened knowledge base (`openKb`): its engine, and on SQLite the handle its bulk loader needs. */
export type KbHandle = Pick<Kb, 'engine' | 'db'>;

/**
 * Merges the bundle as one revision by `author` in one transaction, validating it as it is
 * written (one walk; a refusal rolls everything back). Memory holds the source texts, the ids
 * and one entry, whatever the bundle's size. With `onProgress`, the entries are counted first
 * (their lines, not parsed) for the total.
 */
export async function importBundle(kb: KbHandle, dir: string, author: string, onProgress?: Progress): Promise<ImportSummary> {
  const total = onProgress ? countEntries(dir) : 0;
  return (await load(kb, dir, { author, summary: `Import of ${dir}`, clear: false, total, onProgress })).summary;
}

/**
 * `npm run seed` and first start: the seed bundle imported into an emptied database, so the
 * seed takes the import's one code path and becomes revision 1, by "seed". Validated first;
 * a refusal leaves the database as it was. API keys stay.
 */
export async function seedDatabase(kb: KbHandle, dir: string = SEED_DIR): Promise<BundleCounts> {
  return (await load(kb, dir, { author: 'seed', summary: 'Seed: the knowledge curated from the seed article', clear: true, total: 0 })).counts;
}

/**
 * Replaces the whole content of the knowledge base with a plan of rows, in one engine
 * transaction (foreign keys checked at its end), and makes it revision 1 by "seed" (earlier
 * history goes; API keys stay). For tests and benchmarks that build large synthetic plans in
 * memory; `npm run seed` and first start import the seed bundle (`seedDatabase`). Every span
 * is checked against its source text first: a span that does not match is refused here too.
 */
export async function writeSeed(kb: { engine: Engine }, plan: SeedPlan): Promise<void> {
  const texts = new Map(plan.sources.map((s) => [s.id, new CodePointText(s.text)]));
  // A plan built in memory may leave the reports out: every fact gets its derived ones.
  plan.reports ??= [];
  plan.reportSpans ??= [];
  addDerivedReports(plan, originIn(new Map(plan.sources.map((s) => [s.id, s.reprintOfId ?? null]))));
  for (const e of [...plan.evidence, ...plan.factualityCues]) {
    const text = texts.get(e.sourceId);
    if (!text) throw new SpanError(`evidence cites unknown source ${e.sourceId}`);
    text.verify(e);
  }
  await kb.engine.transaction(async (tx) => {
    await deferForeignKeys(tx);
    await clearKnowledge(tx);
    await insertPlan(tx, plan);
    await recordSeedRevision(tx);
  });
}

interface LoadOptions {
  author: string;
  summary: string;
  /** Empty the knowledge base and its history first (the seed). */
  clear: boolean;
  total: number;
  onProgress?: Progress;
}

/** What a load wrote, and the bundle's counts of rows (the seed reports them). */
interface Loaded {
  summary: ImportSummary;
  counts: BundleCounts;
}

/**
 * Calls `write` with each entry of the bundle, checked as it comes by the bundle reader, and
 * answers the bundle's counts once the walk has passed its last check (references to ids no
 * entry defines): a refusal is thrown from here, inside the caller's transaction.
 */
async function eachEntry(dir: string, write: (entry: SeedPlan) => Promise<void>): Promise<BundleCounts> {
  const walk = bundleEntries(dir);
  for (let next = walk.next(); ; next = walk.next()) {
    if (next.done) return next.value.rows;
    await write(next.value.rows);
  }
}

/**
 * Writes a bundle, checking it as it goes (a refusal throws, and the transaction rolls back).
 * Into an empty knowledge base every node is new:
 * the engine's bulk loader takes the rows (on SQLite: foreign keys checked once at the end,
 * the secondary indexes rebuilt once; see `db/sqlite/bulk.ts`). Otherwise node by node, each
 * compared with the stored one (`canonical`): a new node is a CREATE, a changed one an UPDATE,
 * an equal one is left alone; so importing the same bundle again writes nothing and adds no
 * revision. Places, which have no history, are upserted.
 */
async function load(kb: KbHandle, dir: string, options: LoadOptions): Promise<Loaded> {
  const { engine, db } = kb;
  // Foreign key enforcement can only be switched outside a transaction, so emptiness is
  // judged before it and again inside it (another writer may have come between).
  const fresh = options.clear || (await isFresh(engine));
  if (!fresh) {
    return engine.transaction(async (tx) => {
      await deferForeignKeys(tx);
      return merge(tx, dir, options);
    });
  }
  const loadInto = async (tx: Executor, setAside: () => Promise<() => Promise<void>>) => {
    if (options.clear) {
      await clearHistory(tx);
      await clearKnowledge(tx);
    } else if (!(await isFresh(tx))) {
      throw new SeedError('(bundle)', dir, 'the knowledge base was written to while this import started; run the import again');
    }
    return loadFresh(tx, dir, options, setAside);
  };
  // PostgreSQL checks the deferred foreign keys at the commit.
  if (db === null) return engine.transaction(async (tx) => (await deferForeignKeys(tx), loadInto(tx, () => setAsideEvidenceTriggers(tx))));
  return withoutForeignKeys(db.$client, () =>
    engine.transaction(async (tx) => {
      const loaded = await loadInto(tx, async () => {
        const restore = setAsideIndexes(db);
        return async () => restore();
      });
      const problem = foreignKeyProblem(db.$client);
      if (problem) throw new Error(`import: ${problem}`);
      return loaded;
    }),
  );
}

const countRows = (rows: SeedPlan) => Object.values(rows).reduce((n, list) => n + list.length, 0);

/**
 * Every node is new: rows and history go to the engine's bulk writer (SQLite: the INSERTs;
 * PostgreSQL: COPY, a batch at a time, on the transaction's connection), with `setAside`
 * taking what the engine keeps row by row out of the way and returning what puts it back
 * (SQLite: the secondary indexes and triggers; PostgreSQL: the triggers on evidence).
 */
async function loadFresh(tx: Executor, dir: string, options: LoadOptions, setAside: () => Promise<() => Promise<void>>): Promise<Loaded> {
  const writer: BulkWriter = tx.kind === 'postgres' ? copyWriter(tx) : insertWriter(tx);
  const revision = streamedRevision(tx, { authorName: options.author, authorRole: Role.ADMIN, keyId: null, summary: options.summary }, new Date(), writer.change);
  const restore = await setAside();
  let created = 0;
  let places = 0;
  let rows = 0;
  let done = 0;
  const counts = await eachEntry(dir, async (entry) => {
    rows += await writer.rows(entry);
    places += entry.places.length;
    for (const { type, doc } of documentsOf(entry)) {
      await revision.add({ type, id: doc.row.id, op: ChangeOp.CREATE, version: 1, before: null, after: doc });
      created++;
      rows++;
    }
    await writer.entryDone();
    options.onProgress?.(++done, options.total);
  });
  await writer.finish();
  await restore();
  return { summary: { created, updated: 0, unchanged: 0, places, rows: rows + (revision.number === null ? 0 : 1), revision: revision.number }, counts };
}

async function merge(tx: Executor, dir: string, options: LoadOptions): Promise<Loaded> {
  const revision = streamedRevision(tx, { authorName: options.author, authorRole: Role.ADMIN, keyId: null, summary: options.summary });
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let places = 0;
  let rows = 0;
  let done = 0;
  const counts = await eachEntry(dir, async (entry) => {
    let changed = false;
    for (const place of entry.places as t.PlaceRow[]) {
      places++;
      // Only a new or changed place is written: an unchanged one must not even touch the search index.
      const stored = await placeById(tx, place.id);
      if (stored && stableJson(stored) === stableJson({ ...stored, ...place })) continue;
      await writePlace(tx, place);
      rows++;
    }
    for (const { type, doc } of documentsOf(entry)) {
      const current = await readDoc(tx, type, doc.row.id);
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
      await writeDoc(tx, type, next as never, current as never);
      await revision.add({ type, id: doc.row.id, op: current ? ChangeOp.UPDATE : ChangeOp.CREATE, version, before: current, after: next });
      if (current) updated++;
      else created++;
      rows++;
      changed = true;
    }
    // A changed entry's rows are counted whole, though only a node's changed parts are written again (a place was counted above).
    if (changed) rows += countRows(entry) - entry.places.length;
    options.onProgress?.(++done, options.total);
  });
  return { summary: { created, updated, unchanged, places, rows: rows + (revision.number === null ? 0 : 1), revision: revision.number }, counts };
}
