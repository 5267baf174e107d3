/**
 * Revisions as they are written, for the `revisionAdded` subscription, read from the
 * revisions table: the one place every server can see every revision.
 *
 * Each server keeps one feed per database. The feed remembers the last revision it delivered
 * and, when poked, reads the revisions after it, in number order, and hands each to every
 * subscriber. Numbers are given out in commit order (the counter row, locked until commit), so
 * reading "after the last one" never skips a revision that commits later with a smaller
 * number. Pokes come from this server's own writes (at once) and, on PostgreSQL, from
 * `NOTIFY kb_revisions` sent by a trigger in the writing transaction of any server, the seed
 * and imports included; a feed whose LISTEN connection was lost catches up from the table when
 * it is back. So each subscriber hears each revision once, in order, whichever server wrote it.
 *
 * A subscriber that asks `afterRevision` first reads the revisions after that number from the
 * table, then continues with the feed's, skipping what it has already sent: it subscribes to
 * the feed before reading, so nothing committed in between falls through.
 */
import { GraphQLError } from 'graphql';
import type { Engine, Listener } from '../db/engine.js';
import type { RevisionRow } from '../db/tables.js';
import { latestRevision } from '../store/history.js';
import { liveStore } from './live.store.js';

export interface RevisionEvent {
  revision: RevisionRow;
  /** The nodes it changed, ids and types, for the subscription's filters; null when there are too many to hold (an import), then asked of the store. */
  nodes: { id: string; type: string }[] | null;
}

/** Revisions read per query. */
const BATCH = 100;
/** A revision changing more nodes than this is filtered through the store instead of in memory. */
const MAX_NODES = 1_000;
/** Events a subscriber may leave unread before it is dropped (it can come back with afterRevision). */
const MAX_BEHIND = 10_000;
/** The channel the PostgreSQL trigger notifies (pg/migrations/0004_revision_notify.sql). */
export const REVISION_CHANNEL = 'kb_revisions';

/** Revisions numbered after `after` with the nodes each changed, oldest first, a batch at a time. */
async function readAfter(engine: Engine, after: number): Promise<RevisionEvent[]> {
  const rows = await liveStore.after(engine, after, BATCH);
  if (rows.length === 0) return [];
  const counts = await liveStore.changeCounts(engine, after, rows.at(-1)!.number);
  const small = rows.filter((r) => (counts.get(r.number) ?? 0) <= MAX_NODES).map((r) => r.number);
  const nodes = new Map<number, { id: string; type: string }[]>(small.map((n) => [n, []]));
  if (small.length > 0) for (const n of await liveStore.nodes(engine, small)) nodes.get(Number(n.revision))!.push({ id: n.id, type: n.type });
  return rows.map((revision) => ({ revision, nodes: nodes.get(revision.number) ?? null }));
}

/** Whether an event passes a subscriber's filters (no filter: every revision that changed something). */
export async function eventMatches(engine: Engine, event: RevisionEvent, node: string | null | undefined, type: string | null | undefined): Promise<boolean> {
  if (event.nodes) return event.nodes.some((n) => (node == null || n.id === node) && (type == null || n.type === type));
  return liveStore.changes(engine, event.revision.number, node ?? null, type ?? null);
}

/** One subscriber's queue: events the feed pushed and the subscriber has not read yet. */
class Queue implements AsyncIterableIterator<RevisionEvent> {
  private readonly events: RevisionEvent[] = [];
  private waiting: ((result: IteratorResult<RevisionEvent>) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(private readonly leave: (queue: Queue) => void) {}

  push(event: RevisionEvent): void {
    if (this.done || this.failure) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
    } else if (this.events.length >= MAX_BEHIND) {
      // Unbounded, a client that reads nothing would hold the server's memory.
      this.failure = new GraphQLError(`This subscriber fell more than ${MAX_BEHIND} revisions behind; subscribe again with afterRevision set to the last number it received.`, {
        extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
      });
      this.events.length = 0;
      this.leave(this);
    } else {
      this.events.push(event);
    }
  }

  next(): Promise<IteratorResult<RevisionEvent>> {
    if (this.events.length > 0) return Promise.resolve({ value: this.events.shift()!, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<RevisionEvent>> {
    this.done = true;
    this.events.length = 0;
    this.leave(this);
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export class RevisionFeed {
  /** The last revision handed to subscribers; null while there are none (nothing is read then). */
  private last: number | null = null;
  private readonly queues = new Set<Queue>();
  private running: Promise<void> | null = null;
  private again = false;
  private listener: Listener | null = null;
  private readonly ready: Promise<void>;

  constructor(
    private readonly engine: Engine,
    private readonly onError: (error: unknown) => void,
  ) {
    this.ready = this.begin();
  }

  private async begin(): Promise<void> {
    this.listener = this.engine.listen?.(REVISION_CHANNEL, { notified: () => this.poke(), connected: () => this.poke() }) ?? null;
  }

  /** Reads and delivers what was written since the last delivery; calls made meanwhile fold into one more read. */
  poke(): void {
    // Nobody to tell: forget where the table stood rather than read it on every write; the
    // next subscriber starts from the table as it finds it.
    if (this.queues.size === 0) {
      if (!this.running) this.last = null;
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      await this.ready;
      do {
        this.again = false;
        try {
          await this.catchUp();
        } catch (error) {
          // The database is away: the next poke (a write, a notification, the LISTEN reconnecting) reads again.
          this.onError(error);
        }
      } while (this.again);
    })().finally(() => (this.running = null));
  }

  private async catchUp(): Promise<void> {
    if (this.last === null) return;
    for (;;) {
      const events = await readAfter(this.engine, this.last);
      if (events.length === 0) {
        // The history was cleared and numbered again (a base seeded anew): follow it.
        const latest = await latestRevision(this.engine);
        if (latest < this.last) this.last = latest;
        return;
      }
      for (const event of events) {
        this.last = event.revision.number;
        for (const queue of this.queues) queue.push(event);
      }
      if (events.length < BATCH) return;
    }
  }

  /**
   * The revisions a subscriber hears: with `after`, first every revision numbered after it
   * from the table, then the feed's from where that left off; without, the feed's from now.
   */
  async *subscribe(after: number | null): AsyncGenerator<RevisionEvent> {
    const queue = new Queue((q) => this.queues.delete(q));
    this.queues.add(queue);
    try {
      await this.ready;
      // The first subscriber since the feed went quiet: what is in the table now is history.
      if (this.last === null) {
        const latest = await latestRevision(this.engine);
        this.last ??= latest;
      }
      let sent = after ?? -1;
      if (after !== null) {
        for (let events = await readAfter(this.engine, after); events.length > 0; events = await readAfter(this.engine, sent)) {
          for (const event of events) {
            sent = event.revision.number;
            yield event;
          }
        }
      }
      for await (const event of queue) if (event.revision.number > sent) yield event;
    } finally {
      await queue.return();
    }
  }

  /** Whether any subscriber is listening (tests wait on it). */
  get subscribers(): number {
    return this.queues.size;
  }

  async close(): Promise<void> {
    await this.ready;
    for (const queue of [...this.queues]) await queue.return();
    await this.listener?.close();
    await this.running;
  }
}

const feeds = new WeakMap<Engine, { feed: RevisionFeed; servers: number }>();

/**
 * Starts the feed of a database for a server (or joins the one another server in this process
 * started on the same engine); the returned function leaves it, and the last to leave stops it.
 * Started with the server, so a subscriber hears every revision committed after it subscribed.
 */
export function attachRevisionFeed(engine: Engine, onError: (error: unknown) => void): () => Promise<void> {
  let entry = feeds.get(engine);
  if (!entry) feeds.set(engine, (entry = { feed: new RevisionFeed(engine, onError), servers: 0 }));
  entry.servers++;
  let left = false;
  return async () => {
    if (left) return;
    left = true;
    if (--entry.servers > 0) return;
    feeds.delete(engine);
    await entry.feed.close();
  };
}

/** The feed a server started for this database; undefined outside a server (a write from the command line). */
export function revisionFeed(engine: Engine): RevisionFeed | undefined {
  return feeds.get(engine)?.feed;
}
