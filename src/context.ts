/**
 * The per-request context: who asks, the engine, and DataLoaders made when first used. Loaders
 * belong to one request (DataLoader's README, "Creating a new DataLoader per request"), so
 * nothing is cached across requests; a request that reads one node builds one loader, not all.
 */
import type { KeyRefusal, Viewer } from './auth/keys.js';
import type { Engine, Executor } from './db/engine.js';
import { createActorLoaders } from './modules/actor/actor.loaders.js';
import { createConnections } from './modules/common/connection.service.js';
import { createEventLoaders } from './modules/event/event.loaders.js';
import { createEvidenceLoaders } from './modules/evidence/evidence.loaders.js';
import { createCueLoaders } from './modules/factuality/factuality.loaders.js';
import { createIssueLoaders } from './modules/issue/issue.loaders.js';
import { createPositionLoaders } from './modules/position/position.loaders.js';
import { createRevisionLoaders } from './modules/revision/revision.loaders.js';
import { createSourceLoaders } from './modules/source/source.loaders.js';
import { createStatementLoaders } from './modules/statement/statement.loaders.js';

/** Who the request acts for, from its Authorization header (see `src/auth/keys.ts`). */
export interface RequestAuth {
  viewer: Viewer | null;
  /** Set when a key was sent and refused: every operation then fails UNAUTHENTICATED. */
  keyRefusal: KeyRefusal | null;
  /** False with READS=key: then even the READER role needs a key. */
  readsOpen: boolean;
}

const ANONYMOUS: RequestAuth = { viewer: null, keyRefusal: null, readsOpen: true };

const LOADERS = {
  actor: createActorLoaders,
  event: createEventLoaders,
  statement: createStatementLoaders,
  issue: createIssueLoaders,
  position: createPositionLoaders,
  source: createSourceLoaders,
  evidence: createEvidenceLoaders,
  cues: createCueLoaders,
  revision: createRevisionLoaders,
};

type Loaders = { [K in keyof typeof LOADERS]: ReturnType<(typeof LOADERS)[K]> };

/** The module's loaders, each group created on its first use in the request. */
function lazyLoaders(q: Executor): Loaders {
  const made: Partial<Loaders> = {};
  const loaders = {} as Loaders;
  for (const name of Object.keys(LOADERS) as (keyof Loaders)[]) {
    Object.defineProperty(loaders, name, {
      enumerable: true,
      get: () => (made[name] ??= LOADERS[name](q) as never),
    });
  }
  return loaders;
}

export function createContext(engine: Engine, auth: RequestAuth = ANONYMOUS) {
  let connection: ReturnType<typeof createConnections> | null = null;

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

  return {
    engine,
    loaders: lazyLoaders(engine),
    /** Paging (see `modules/common/connection.service.ts`), created on the first page asked. */
    get connection() {
      return (connection ??= createConnections(engine));
    },
    once,
    viewer: auth.viewer,
    keyRefusal: auth.keyRefusal,
    readsOpen: auth.readsOpen,
  };
}

export type Context = ReturnType<typeof createContext>;
export type { Loaders };
