/**
 * The per-request context: who asks, the engine, and DataLoaders made when first used. Loaders
 * belong to one request (DataLoader's README, "Creating a new DataLoader per request"), so
 * nothing is cached across requests; a request that reads one node builds one loader, not all.
 */
import type { KeyRefusal, Viewer } from './auth/keys.js';
import type { Engine, Executor } from './db/engine.js';
import { createActorLoaders } from './modules/actor/actor.loaders.js';
import { createConnections, type Connections } from './modules/common/connection.service.js';
import { createEventLoaders } from './modules/event/event.loaders.js';
import { createEvidenceLoaders } from './modules/evidence/evidence.loaders.js';
import { createCueLoaders } from './modules/factuality/factuality.loaders.js';
import { createIssueLoaders } from './modules/issue/issue.loaders.js';
import { createPositionLoaders } from './modules/position/position.loaders.js';
import { createReportLoaders } from './modules/report/report.loaders.js';
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
  reports: createReportLoaders,
};

type Loaders = { [K in keyof typeof LOADERS]: ReturnType<(typeof LOADERS)[K]> };

/**
 * The module's loaders, each group created on its first use in the request. The getters sit on
 * the prototype, defined once: defining them on every request's object cost more than the
 * loaders a cheap request uses.
 */
class LazyLoaders {
  readonly made: Partial<Loaders> = {};
  constructor(readonly q: Executor) {}
}
for (const name of Object.keys(LOADERS) as (keyof Loaders)[]) {
  Object.defineProperty(LazyLoaders.prototype, name, {
    enumerable: true,
    get(this: LazyLoaders) {
      return (this.made[name] ??= LOADERS[name](this.q) as never);
    },
  });
}

/**
 * A request's context. A class, so that what is made on first use is a getter of the prototype:
 * Apollo copies the context's own properties for each operation (`Object.assign`), which would
 * run a getter of the object itself, on every request, whether the query pages or not.
 */
class RequestContext {
  readonly loaders: Loaders;
  readonly viewer: Viewer | null;
  readonly keyRefusal: KeyRefusal | null;
  readonly readsOpen: boolean;
  /** Made by the `connection` getter; an ordinary property, so that Apollo's copy has it too. */
  madeConnection: Connections | null = null;
  readonly answers = new Map<string, unknown>();

  constructor(
    readonly engine: Engine,
    auth: RequestAuth,
  ) {
    this.loaders = new LazyLoaders(engine) as unknown as Loaders;
    this.viewer = auth.viewer;
    this.keyRefusal = auth.keyRefusal;
    this.readsOpen = auth.readsOpen;
  }

  /** Paging (see `modules/common/connection.service.ts`), created on the first page asked. */
  get connection(): Connections {
    return (this.madeConnection ??= createConnections(this.engine));
  }

  /**
   * A question's answer, computed once per request for the same arguments: aliases asking the
   * same question (`a: blockingIssues(…) b: blockingIssues(…)`) share one computation.
   */
  once<T>(question: string, args: unknown, compute: () => T): T {
    const key = JSON.stringify([question, args]);
    if (!this.answers.has(key)) this.answers.set(key, compute());
    return this.answers.get(key) as T;
  }
}

export function createContext(engine: Engine, auth: RequestAuth = ANONYMOUS) {
  return new RequestContext(engine, auth);
}

export type Context = ReturnType<typeof createContext>;
export type { Loaders };
