/**
 * The whole base's timeline, kept across requests per database state: ordering every event
 * costs a pass over all of them (about 0.3 s at 100k statements), and a scoped timeline on a
 * base where events chain into each other needs most of them.
 *
 * The state is the latest revision, as any server reads it in its snapshot: every write adds
 * a revision in its own transaction (an import, a restore and the seed too), so the latest
 * revision names what the snapshot sees. Its time is part of the key, so a revision number
 * taken again (by a write after one that rolled back, or a new seed) is another state. One
 * state is kept per engine: a write makes the next timeline order again.
 */
import type { TimelineCycleError, TimelineEntry } from '../../analysis/timeline.js';
import type { Engine, Executor } from '../../db/engine.js';
import type { Certainty } from '../../shared/enums.js';
import { questionStore } from './question.store.js';

/** A whole timeline in order, or the cycle that stops it. */
export type WholeTimeline = TimelineEntry[] | TimelineCycleError;

const kept = new WeakMap<Engine, { state: string; byCertainty: Map<Certainty, WholeTimeline> }>();

/** The database state `q` sees: one indexed statement. */
export async function databaseState(q: Executor): Promise<string> {
  const latest = await questionStore.latestRevision(q);
  return latest ? `${latest.number} ${latest.at}` : 'no revision';
}

/** The whole timeline kept for this state and certainty, if any. */
export function keptTimeline(engine: Engine, state: string, minCertainty: Certainty): WholeTimeline | undefined {
  const entry = kept.get(engine);
  return entry?.state === state ? entry.byCertainty.get(minCertainty) : undefined;
}

export function keepTimeline(engine: Engine, state: string, minCertainty: Certainty, timeline: WholeTimeline): void {
  let entry = kept.get(engine);
  if (entry?.state !== state) kept.set(engine, (entry = { state, byCertainty: new Map() }));
  entry.byCertainty.set(minCertainty, timeline);
}

/** Where each event stands in a whole timeline, built once per kept timeline. */
const places = new WeakMap<TimelineEntry[], Map<string, number>>();

/**
 * The entries of `answer`, in the order given, numbered from 1. From a whole timeline, a small
 * answer is looked up by place (its events sorted by their index) instead of a pass over every
 * entry (200,000 at 1M statements).
 */
export function onlyThese(entries: TimelineEntry[], answer: ReadonlySet<string>): TimelineEntry[] {
  let chosen: TimelineEntry[];
  if (answer.size * 16 < entries.length) {
    let place = places.get(entries);
    if (!place) places.set(entries, (place = new Map(entries.map((e, i) => [e.eventId, i]))));
    const at = [...answer].map((id) => place!.get(id)).filter((i): i is number => i !== undefined);
    chosen = at.sort((a, b) => a - b).map((i) => entries[i]!);
  } else {
    chosen = entries.filter((e) => answer.has(e.eventId));
  }
  return chosen.map((e, i) => ({ ...e, position: i + 1 }));
}
