/**
 * The whole base's timeline, kept across requests per database state: ordering every event
 * costs a pass over all of them (about 0.3 s at 100k statements), and a scoped timeline on a
 * base where events chain into each other needs most of them.
 *
 * What is kept is the order: the event ids in their places, and an index sorted by id to find
 * a place (about 10 MB at 200,000 events, where the entries with their bases took several
 * times that). An answer reads the facts of the few events it lists, and of the events their
 * relations name, through indexed queries, and makes their entries as the whole timeline
 * would (`entriesInOrder`); the entries made are kept with the order, up to `KEPT_ENTRIES`.
 *
 * The state is the latest revision, as any server reads it in its snapshot: every write adds
 * a revision in its own transaction (an import, a restore and the seed too), so the latest
 * revision names what the snapshot sees. Its time is part of the key, so a revision number
 * taken again (by a write after one that rolled back, or a new seed) is another state. One
 * state is kept per engine: a write makes the next timeline order again.
 */
import { compareIds } from '../../analysis/facts.js';
import { entriesInOrder, orderOf, type TimelineCycleError, type TimelineEntry, type TimelineEventFact } from '../../analysis/timeline.js';
import type { Engine, Executor } from '../../db/engine.js';
import type { Certainty } from '../../shared/enums.js';
import { eventFact } from './facts.service.js';
import { questionStore as store } from './question.store.js';

/** An entry without its position, which depends on the answer it is listed in. */
type Placed = Omit<TimelineEntry, 'position'>;

/** How many entries an order keeps once made (a few MB): the events asked about lately. */
const KEPT_ENTRIES = 8192;

/** A whole timeline's order: the event ids in their places, and where each id stands. */
export class TimelineOrder {
  /** Places sorted by the id at each: a binary search finds an id's place. */
  private byId: Int32Array | null = null;
  /** Entries made for answers already given, by event id; emptied when full. */
  readonly entries = new Map<string, Placed>();

  constructor(readonly ids: readonly string[]) {}

  /** The place of `id` (0-based), or undefined when the order left it out. */
  placeOf(id: string): number | undefined {
    const ids = this.ids;
    const byId = (this.byId ??= Int32Array.from(ids.keys()).sort((a, b) => compareIds(ids[a]!, ids[b]!)));
    let low = 0;
    let high = byId.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ids[byId[middle]!]! < id) low = middle + 1;
      else high = middle;
    }
    return low < byId.length && ids[byId[low]!] === id ? byId[low] : undefined;
  }
}

/** A whole timeline's order, or the cycle that stops it. */
export type WholeOrder = TimelineOrder | TimelineCycleError;

const kept = new WeakMap<Engine, { state: string; byCertainty: Map<Certainty, WholeOrder> }>();

/** The database state `q` sees: one indexed statement. */
export async function databaseState(q: Executor): Promise<string> {
  const latest = await store.latestRevision(q);
  return latest ? `${latest.number} ${latest.at}` : 'no revision';
}

/** The whole timeline's order kept for this state and certainty, if any. */
export function keptOrder(engine: Engine, state: string, minCertainty: Certainty): WholeOrder | undefined {
  const entry = kept.get(engine);
  return entry?.state === state ? entry.byCertainty.get(minCertainty) : undefined;
}

export function keepOrder(engine: Engine, state: string, minCertainty: Certainty, order: WholeOrder): void {
  let entry = kept.get(engine);
  if (entry?.state !== state) kept.set(engine, (entry = { state, byCertainty: new Map() }));
  entry.byCertainty.set(minCertainty, order);
}

/**
 * The entries of the events of `answer` (every event when null) in the whole order, numbered
 * from 1, read through `q` in the state the order was made in. A few events are read by id
 * with their relations and the events those name; a large part of the base is read whole.
 */
export async function entriesOf(q: Executor, order: TimelineOrder, answer: ReadonlySet<string> | null, minCertainty: Certainty): Promise<TimelineEntry[]> {
  const chosen = answer
    ? [...answer]
        .map((id) => order.placeOf(id))
        .filter((place): place is number => place !== undefined)
        .sort((a, b) => a - b)
        .map((place) => order.ids[place]!)
    : order.ids;
  // Past a quarter of the base, one scan of each table costs less than the lists of ids.
  if (chosen.length * 4 >= order.ids.length) {
    const events = new Map((await store.events(q)).map((e) => [e.id, eventFact(e)]));
    return entriesInOrder(chosen, (id) => order.placeOf(id), events, await store.eventRelations(q), minCertainty);
  }
  // An entry depends on the state and certainty alone, which the order is kept for.
  const found = new Map<string, Placed>();
  const missing: string[] = [];
  for (const id of chosen) {
    const entry = order.entries.get(id);
    if (entry) found.set(id, entry);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const relations = (await store.eventRelationsOf(q, missing)).sort((a, b) => compareIds(a.id, b.id));
    const named = new Set(missing);
    for (const relation of relations) {
      const ends = orderOf(relation);
      if (ends) named.add(ends.earlier).add(ends.later);
    }
    const events = new Map<string, TimelineEventFact>((await store.eventsIn(q, [...named])).map((e) => [e.id, eventFact(e)]));
    const made = entriesInOrder(missing, (id) => order.placeOf(id), events, relations, minCertainty);
    if (order.entries.size + made.length > KEPT_ENTRIES) order.entries.clear();
    for (const { position: _, ...entry } of made) {
      found.set(entry.eventId, entry);
      if (made.length <= KEPT_ENTRIES) order.entries.set(entry.eventId, entry);
    }
  }
  return renumbered(chosen, found);
}

/** The entries of `chosen`, in that order, numbered from 1. */
function renumbered(chosen: readonly string[], entries: ReadonlyMap<string, Placed>): TimelineEntry[] {
  return chosen.map((id, i) => {
    const { eventId, basis, dated, placement } = entries.get(id)!;
    return { eventId, position: i + 1, basis, dated, placement };
  });
}
