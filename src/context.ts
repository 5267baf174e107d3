/**
 * The per-request context: the database handle and fresh DataLoaders. Loaders are created
 * here for every request (DataLoader's README, "Creating a new DataLoader per request"), so
 * nothing is cached across requests or survives a re-seed.
 */
import DataLoader from 'dataloader';
import type { KeyRefusal, Viewer } from './auth/keys.js';
import type { Db } from './db/client.js';
import { fetchPages, ROOT_PARENT, type ListSpec, type ParentPage } from './db/pages.js';
import { createActorLoaders } from './modules/actor/actor.loaders.js';
import { createEventLoaders } from './modules/event/event.loaders.js';
import { createEvidenceByIdLoader, createEvidenceLoaders } from './modules/evidence/evidence.loaders.js';
import { createCueLoaders } from './modules/factuality/factuality.loaders.js';
import { createIssueLoaders } from './modules/issue/issue.loaders.js';
import { createPositionLoaders } from './modules/position/position.loaders.js';
import { createRevisionLoaders } from './modules/revision/revision.loaders.js';
import { createSourceLoaders } from './modules/source/source.loaders.js';
import { createStatementLoaders } from './modules/statement/statement.loaders.js';
import { pageWindow, toPage, type Page, type PageArgs } from './shared/pagination.js';

export interface ConnectionRequest<Row> {
  /** Names the list; cursors carry it so a cursor from another list is refused. */
  scope: string;
  /** The filter and order arguments, as a cache key: parents asking the same batch together. */
  argsKey: unknown;
  spec: ListSpec;
  page: PageArgs;
  /** Loads the page's entities by id (a per-request byId loader). */
  byId: DataLoader<string, Row | null>;
}

/** Who the request acts for, from its Authorization header (see `src/auth/keys.ts`). */
export interface RequestAuth {
  viewer: Viewer | null;
  /** Set when a key was sent and refused: every operation then fails UNAUTHENTICATED. */
  keyRefusal: KeyRefusal | null;
  /** False with READS=key: then even the READER role needs a key. */
  readsOpen: boolean;
}

const ANONYMOUS: RequestAuth = { viewer: null, keyRefusal: null, readsOpen: true };

export function createContext(db: Db, auth: RequestAuth = ANONYMOUS) {
  const pageLoaders = new Map<string, DataLoader<string, ParentPage>>();
  const loaders = {
    actor: createActorLoaders(db),
    event: createEventLoaders(db),
    statement: createStatementLoaders(db),
    issue: createIssueLoaders(db),
    position: createPositionLoaders(db),
    source: createSourceLoaders(db),
    evidence: createEvidenceLoaders(db),
    evidenceById: createEvidenceByIdLoader(db),
    cues: createCueLoaders(db),
    revision: createRevisionLoaders(db),
  };

  /**
   * One page of a list for one parent (`ROOT_PARENT` for root lists). Pages of the same list,
   * asked with the same arguments for many parents, are fetched in one batch.
   */
  async function connection<Row>(request: ConnectionRequest<Row>, parentId: string = ROOT_PARENT): Promise<Page<Row>> {
    const window = pageWindow(request.scope, request.page);
    const key = JSON.stringify([request.scope, request.argsKey, window]);
    let loader = pageLoaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, ParentPage>(async (parents) => {
        const pages = fetchPages(db, request.spec, parents, window);
        return parents.map((p) => pages.get(p)!);
      });
      pageLoaders.set(key, loader);
    }
    const page = await loader.load(parentId);
    const rows = await request.byId.loadMany(page.ids);
    const items = rows.filter((r): r is Row => r !== null && !(r instanceof Error));
    return toPage(request.scope, window, page, items);
  }

  const answers = new Map<string, unknown>();
  /**
   * A question's answer, computed once per request for the same arguments: aliases asking the
   * same question (`a: blockingIssues(…) b: blockingIssues(…)`) share one computation.
   */
  function once<T>(question: string, args: unknown, compute: () => T): T {
    const key = JSON.stringify([question, args]);
    if (!answers.has(key)) answers.set(key, compute());
    return answers.get(key) as T;
  }

  return { db, loaders, connection, once, viewer: auth.viewer, keyRefusal: auth.keyRefusal, readsOpen: auth.readsOpen };
}

export type Context = ReturnType<typeof createContext>;
export type Loaders = Context['loaders'];
