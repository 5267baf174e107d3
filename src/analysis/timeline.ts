/**
 * Timeline: the events in the order they happened, each with the reason for its place.
 *
 * The source gives a partial order; the timeline makes it total.
 *
 * Order constraints
 * - Relations: subject BEFORE object puts the subject first; subject AFTER object and
 *   subject FOLLOWS object put the object first; subject CAUSES object puts the cause first.
 *   The inverse kinds read from the other end (FOLLOWED_BY, CAUSED_BY) are honoured the
 *   same way. PART_OF and CONTEXT_OF (and their inverses) impose no order.
 * - Dates: a known date (precision not UNKNOWN and a year given) orders its event against
 *   every other dated event, comparing year, then month, then day. A coarser date equals
 *   every finer date inside it (2025 = 2025-06 = 2025-06-12) and so imposes no order
 *   between them. Dates are nested intervals, so this strict order is transitive and
 *   dates alone never form a cycle.
 *   SAME_AS (two tellings that may be one event) imposes no order either.
 * - Relations naming an event not in the input (the caller filtered it out) are ignored.
 *   Repeated event ids keep their first occurrence.
 * - Certainty: events and relations less sure than `minCertainty` (default POSSIBLE), and
 *   events the source says did not happen (NEGATIVE or UNDERSPECIFIED polarity), are left
 *   out before ordering, so nothing the caller does not trust places anything.
 *
 * Making it total (Kahn's algorithm with a priority)
 * - Among the events whose predecessors are all placed, dated events go before undated
 *   ones, then the earlier in the input wins. The caller passes events in order of first
 *   mention in the source, so unconstrained events keep the order the source tells them.
 *   No separate date comparison is needed here: if one ready event's date were strictly
 *   earlier than another's, the date constraint would keep the later one from being ready.
 * - The ready events wait in a heap, and the dates are never paired: an event's date
 *   predecessors are exactly the dated events whose date ends before its date starts, a
 *   prefix of the dated events sorted by end, so it is ready by date once that prefix is
 *   placed. Both keep the sort near n log n where pairing dates cost the square.
 *
 * Cycles
 * - Contradictory constraints (relations in a loop, a relation against the dates, an event
 *   ordered against itself) throw `TimelineCycleError` naming one cycle; the sort always
 *   terminates. The cycle prefers relation links over date links where it has a choice,
 *   starts at its earliest event in the input, and does not repeat that event at the end.
 *
 * Scope (`timelineScope`): the events of one actor or issue without ordering the whole base
 * - The sort only ever looks at ready events, and an event is ready once its predecessors
 *   are placed. Take a set S closed under predecessors (every event ordered before a member,
 *   by a relation or by its date, is a member). Whether a member is ready depends on members
 *   only, and whenever the whole sort places a member it is the first ready member by the
 *   priority (it is first among all ready events). So the whole sort, read for the members
 *   only, is the sort of S alone: same order, same cycles.
 * - An answer needs the order of its events and of their relation neighbours (the basis
 *   lists those by place, and their presence sets the placement), so S is those events and
 *   every event before them, through relations and dates, transitively.
 * - Nothing smaller is exact in general. The events connected to the answer by relations
 *   alone are not enough: let the answer be X and Y, undated, unrelated, mentioned in that
 *   order, with P (2025) before X and U (undated, mentioned after Y) before Q (2024) by
 *   relations. X waits for P, P for Q by date, Q for U, and Y is mentioned before U: the
 *   whole order is Y, U, Q, P, X. Without Q and U, which no relation connects to X or Y, P
 *   is ready at once and goes first as a dated event, and X comes before Y. And any event
 *   before X can decide, by its mention alone, whether an unrelated Y comes before X.
 *   How much S holds depends on the data: every event dated before the latest date among
 *   the answer and its neighbours is in it, and on a base where every event follows the one
 *   before (the synthetic bases) so is every event up to the answer's last one.
 * - A cycle among events before none of the answer's leaves the answer as the whole sort
 *   places it before running into the cycle; a cycle within S fails as the whole timeline
 *   would, naming a cycle found from the first event of S, in order of mention, left unplaced
 *   (the same one the whole timeline names when that event is also its first unplaced one).
 *
 * Basis
 * - "dated 2025-06" for a dated event; then every ordering relation it takes part in,
 *   `after <title>` for events placed before it and `before <title>` for events placed
 *   after it, each with the relation note in quotes when there is one
 *   (`after Twelve-day conflict: "following the conflict with Israel"`; several relations
 *   between the same two events give one part per distinct note), ordered by the other
 *   event's place; parts joined by "; ". A relation less than certain says how sure it is
 *   (`after Twelve-day conflict (possible): "…"`).
 * - "no date or ordering relation in the source; placed by order of mention" otherwise.
 * - `placement` says which of the three placed the event: DATE, RELATION or MENTION.
 */
import { Certainty, DatePrecision, EventRelationKind, mostCertain } from '../shared/enums.js';
import { admissible, certaintyOf, compareIds, DEFAULT_MIN_CERTAINTY, listing, sureEnough, type FactualityFact } from './facts.js';

export interface PartialDateFact {
  precision: DatePrecision;
  year?: number | null;
  month?: number | null;
  day?: number | null;
}

export interface TimelineEventFact extends FactualityFact {
  id: string;
  title: string;
  date: PartialDateFact;
}

export interface EventRelationFact {
  subjectId: string;
  objectId: string;
  kind: EventRelationKind;
  note: string | null;
  /** Absent: CERTAIN. */
  certainty?: Certainty;
}

export interface TimelineInput {
  events: readonly TimelineEventFact[];
  relations: readonly EventRelationFact[];
  /** The least certainty an event or relation needs to be used; default POSSIBLE. */
  minCertainty?: Certainty;
}

export interface TimelineEntry {
  eventId: string;
  /** 1-based. */
  position: number;
  basis: string;
  /** True when the source gives the event a date (see `knownDate`). */
  dated: boolean;
  /** DATE when dated, else RELATION when an ordering relation binds it, else MENTION. */
  placement: TimelinePlacement;
}

/** What put an event in its place: its date, stored relations, or only the order of mention. */
export enum TimelinePlacement {
  DATE = 'DATE',
  RELATION = 'RELATION',
  MENTION = 'MENTION',
}

export const UNPLACED_BASIS = 'no date or ordering relation in the source; placed by order of mention';

export class TimelineCycleError extends Error {
  /** The event ids around the cycle, each once, in order: the last one comes before the first. */
  readonly cycle: string[];

  constructor(cycle: string[], message: string) {
    super(message);
    this.name = 'TimelineCycleError';
    this.cycle = cycle;
  }
}

interface KnownDate {
  year: number;
  month: number | null;
  day: number | null;
}

/** The date as far as it is known, or null when the event is undated. */
export function knownDate(date: PartialDateFact): KnownDate | null {
  if (date.precision === DatePrecision.UNKNOWN || date.year === null || date.year === undefined) return null;
  const month = date.precision !== DatePrecision.YEAR && date.month != null ? date.month : null;
  const day = date.precision === DatePrecision.DAY && month !== null && date.day != null ? date.day : null;
  return { year: date.year, month, day };
}

/** Negative, zero or positive; zero when one date lies inside the other. */
export function compareKnownDates(a: KnownDate, b: KnownDate): number {
  if (a.year !== b.year) return a.year - b.year;
  if (a.month === null || b.month === null) return 0;
  if (a.month !== b.month) return a.month - b.month;
  if (a.day === null || b.day === null) return 0;
  return a.day - b.day;
}

export function formatKnownDate(date: KnownDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return [String(date.year).padStart(4, '0'), ...(date.month === null ? [] : [pad(date.month)]), ...(date.day === null ? [] : [pad(date.day)])].join('-');
}

/** Which end of a relation comes first, or null when the kind imposes no order. */
export function orderOf(relation: Pick<EventRelationFact, 'subjectId' | 'objectId' | 'kind'>): { earlier: string; later: string } | null {
  switch (relation.kind) {
    case EventRelationKind.BEFORE:
    case EventRelationKind.FOLLOWED_BY:
    case EventRelationKind.CAUSES:
      return { earlier: relation.subjectId, later: relation.objectId };
    case EventRelationKind.AFTER:
    case EventRelationKind.FOLLOWS:
    case EventRelationKind.CAUSED_BY:
      return { earlier: relation.objectId, later: relation.subjectId };
    case EventRelationKind.PART_OF:
    case EventRelationKind.HAS_PART:
    case EventRelationKind.CONTEXT_OF:
    case EventRelationKind.HAS_CONTEXT:
    case EventRelationKind.SAME_AS:
      return null;
  }
}

const kindsWhere = (end: 'subject' | 'object') =>
  Object.values(EventRelationKind).filter((kind) => orderOf({ subjectId: 'subject', objectId: 'object', kind })?.earlier === end);

/** The ordering kinds by the end that comes first (for the store's walk over relations; `orderOf` decides). */
export const ORDERING_KINDS = { subjectFirst: kindsWhere('subject'), objectFirst: kindsWhere('object') } as const;

/** One end of a known date: year, month, day, an unknown part as far out as it goes. */
type DateBound = readonly [number, number, number];

function compareBounds(a: DateBound, b: DateBound): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * A known date as the interval it covers: 2025-06 runs from (2025, 6, -∞) to (2025, 6, +∞).
 * One date is strictly before another (`compareKnownDates` < 0) exactly when its end comes
 * before the other's start, which is what lets the sort and the scope read dates as ranges.
 */
function dateBounds(date: KnownDate): { start: DateBound; end: DateBound } {
  return {
    start: [date.year, date.month ?? -Infinity, date.day ?? -Infinity],
    end: [date.year, date.month ?? Infinity, date.day ?? Infinity],
  };
}

/** What a relation tells the basis: its note (null: none) and how sure it is. */
interface Link {
  note: string | null;
  certainty: Certainty;
}

const NO_LINKS: ReadonlyMap<EventNode, Link[]> = new Map();

interface EventNode {
  event: TimelineEventFact;
  index: number;
  date: KnownDate | null;
  bounds: { start: DateBound; end: DateBound } | null;
  /** Predecessor → the relations putting it first (`NO_LINKS` until one does: most events have none). */
  relationPredecessors: ReadonlyMap<EventNode, Link[]>;
  relationSuccessors: ReadonlyMap<EventNode, Link[]>;
  /** How many dated events end before this one's date starts: its date predecessors, a prefix of `DateOrder.byEnd`. */
  datePrefix: number;
  /** Relation predecessors not yet placed. */
  waiting: number;
  /** True once every date predecessor is placed (at once for an undated event). */
  dateClear: boolean;
  placed: boolean;
  /** 0-based place once placed. */
  place: number;
}

/**
 * The date constraints, never paired: dated events sorted by the end of their date, and a
 * pointer to the longest prefix of them already placed. An event's date predecessors are the
 * first `datePrefix` of that list, so it is clear by date once the pointer reaches that far.
 */
class DateOrder {
  readonly byEnd: EventNode[];
  private readonly byPrefix: EventNode[];
  private placedPrefix = 0;
  private released = 0;

  constructor(nodes: readonly EventNode[]) {
    const dated = nodes.filter((n) => n.bounds !== null);
    this.byEnd = [...dated].sort((a, b) => compareBounds(a.bounds!.end, b.bounds!.end));
    for (const node of dated) {
      // The number of dated events whose date ends before this one's starts (binary search).
      let low = 0;
      let high = this.byEnd.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (compareBounds(this.byEnd[middle].bounds!.end, node.bounds!.start) < 0) low = middle + 1;
        else high = middle;
      }
      node.datePrefix = low;
    }
    this.byPrefix = [...dated].sort((a, b) => a.datePrefix - b.datePrefix);
  }

  /** The dated events newly clear by date, after some were placed (and at the start). */
  release(): EventNode[] {
    while (this.placedPrefix < this.byEnd.length && this.byEnd[this.placedPrefix].placed) this.placedPrefix++;
    const clear: EventNode[] = [];
    while (this.released < this.byPrefix.length && this.byPrefix[this.released].datePrefix <= this.placedPrefix) clear.push(this.byPrefix[this.released++]);
    return clear;
  }
}

/** A binary min-heap of events by priority: dated before undated, then by index. */
class ReadyHeap {
  private readonly items: EventNode[] = [];

  constructor(private readonly size: number) {}

  private key(node: EventNode): number {
    return (node.date === null ? this.size : 0) + node.index;
  }

  get length(): number {
    return this.items.length;
  }

  push(node: EventNode): void {
    const items = this.items;
    let i = items.push(node) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.key(items[parent]) <= this.key(node)) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = node;
  }

  pop(): EventNode {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && this.key(items[right]) < this.key(items[left]) ? right : left;
        if (this.key(items[child]) >= this.key(last)) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

export function timeline(input: TimelineInput): TimelineEntry[] {
  const titleOf = (node: EventNode) => node.event.title;
  const placeOf = (node: EventNode) => node.place;
  return sortEvents(input).map((node, i) => entryOf(node.event.id, i + 1, node.date, node.relationPredecessors, node.relationSuccessors, titleOf, placeOf));
}

/**
 * The event ids of `timeline(input)` in its order, without the entries: what is kept of a
 * whole base's timeline (`entriesInOrder` makes the entries of the few events an answer
 * lists). Throws `TimelineCycleError` as `timeline` does.
 */
export function timelineOrder(input: TimelineInput): string[] {
  return sortEvents(input).map((node) => node.event.id);
}

/** The admissible events of `input` in their places (Kahn's algorithm with a priority, see the header). */
function sortEvents(input: TimelineInput): EventNode[] {
  const minCertainty = input.minCertainty ?? DEFAULT_MIN_CERTAINTY;
  const nodes = new Map<string, EventNode>();
  for (const event of input.events) {
    if (nodes.has(event.id) || !admissible(event, minCertainty)) continue;
    const date = knownDate(event.date);
    nodes.set(event.id, {
      event,
      index: nodes.size,
      date,
      bounds: date && dateBounds(date),
      relationPredecessors: NO_LINKS,
      relationSuccessors: NO_LINKS,
      datePrefix: 0,
      waiting: 0,
      dateClear: date === null,
      placed: false,
      place: -1,
    });
  }
  const ordered = [...nodes.values()];

  for (const relation of input.relations) {
    const order = orderOf(relation);
    if (!order || !sureEnough(relation, minCertainty)) continue;
    const earlier = nodes.get(order.earlier);
    const later = nodes.get(order.later);
    if (!earlier || !later) continue;
    const link = { note: relation.note, certainty: certaintyOf(relation) };
    if (later.relationPredecessors === NO_LINKS) later.relationPredecessors = new Map();
    if (earlier.relationSuccessors === NO_LINKS) earlier.relationSuccessors = new Map();
    addLink(later.relationPredecessors as Map<EventNode, Link[]>, earlier, link);
    addLink(earlier.relationSuccessors as Map<EventNode, Link[]>, later, link);
  }

  const dates = new DateOrder(ordered);
  const ready = new ReadyHeap(ordered.length);
  for (const node of ordered) node.waiting = node.relationPredecessors.size;
  const clearByDate = () => {
    for (const node of dates.release()) {
      node.dateClear = true;
      if (node.waiting === 0) ready.push(node);
    }
  };
  for (const node of ordered) if (node.date === null && node.waiting === 0) ready.push(node);
  clearByDate();
  const placed: EventNode[] = [];
  while (ready.length > 0) {
    const node = ready.pop();
    node.placed = true;
    node.place = placed.length;
    placed.push(node);
    for (const next of node.relationSuccessors.keys()) {
      if (--next.waiting === 0 && next.dateClear) ready.push(next);
    }
    if (node.date) clearByDate();
  }
  if (placed.length < ordered.length) throw cycleError(ordered, nodes, dates);
  return placed;
}

function addLink<K>(links: Map<K, Link[]>, other: K, link: Link): void {
  const list = links.get(other);
  if (list) list.push(link);
  else links.set(other, [link]);
}

/**
 * One entry: the event at `position`, with its date and the relations placing it (by the
 * other event, each with its relations in input order), as the header's "Basis" says.
 */
function entryOf<K>(
  eventId: string,
  position: number,
  date: KnownDate | null,
  predecessors: ReadonlyMap<K, Link[]>,
  successors: ReadonlyMap<K, Link[]>,
  titleOf: (other: K) => string,
  placeOf: (other: K) => number,
): TimelineEntry {
  const parts: string[] = [];
  if (date) parts.push(`dated ${formatKnownDate(date)}`);
  const byPlace = (a: K, b: K) => placeOf(a) - placeOf(b);
  const describe = (word: string, links: ReadonlyMap<K, Link[]>) => {
    for (const other of links.size > 1 ? [...links.keys()].sort(byPlace) : links.keys()) {
      const title = titleOf(other);
      const all = links.get(other)!;
      // The order is as sure as the surest relation giving it; said only when less than certain.
      const surest = mostCertain(all.map((l) => l.certainty));
      const head = surest === Certainty.CERTAIN ? `${word} ${title}` : `${word} ${title} (${surest.toLowerCase()})`;
      const notes = [...new Set(all.map((l) => l.note).filter((note): note is string => Boolean(note)))];
      if (notes.length === 0) parts.push(head);
      for (const note of notes) parts.push(`${head}: "${note}"`);
    }
  };
  describe('after', predecessors);
  describe('before', successors);
  const basis = parts.length === 0 ? UNPLACED_BASIS : parts.join('; ');
  const related = predecessors.size > 0 || successors.size > 0;
  const placement = date ? TimelinePlacement.DATE : related ? TimelinePlacement.RELATION : TimelinePlacement.MENTION;
  return { eventId, position, basis, dated: date !== null, placement };
}

/**
 * The entries of `chosen`, event ids in the order `timelineOrder` placed them, numbered from
 * 1, exactly as `timeline` over the same input would give them (renumbered): `placeOf` is
 * each event's place in that order (undefined for an event it left out); `events` holds at
 * least the chosen events and every event a relation of theirs names; `relations` at least
 * every relation with an end among them, in the order the input had them (by id).
 */
export function entriesInOrder(
  chosen: readonly string[],
  placeOf: (id: string) => number | undefined,
  events: ReadonlyMap<string, TimelineEventFact>,
  relations: readonly EventRelationFact[],
  minCertainty: Certainty = DEFAULT_MIN_CERTAINTY,
): TimelineEntry[] {
  const predecessors = new Map<string, Map<string, Link[]>>();
  const successors = new Map<string, Map<string, Link[]>>();
  for (const id of chosen) {
    predecessors.set(id, new Map());
    successors.set(id, new Map());
  }
  for (const relation of relations) {
    const order = orderOf(relation);
    if (!order || !sureEnough(relation, minCertainty)) continue;
    // An event the order left out (not admissible) places nothing, as in `timeline`.
    if (placeOf(order.earlier) === undefined || placeOf(order.later) === undefined) continue;
    const link = { note: relation.note, certainty: certaintyOf(relation) };
    const before = predecessors.get(order.later);
    if (before) addLink(before, order.earlier, link);
    const after = successors.get(order.earlier);
    if (after) addLink(after, order.later, link);
  }
  const titleOf = (id: string) => events.get(id)!.title;
  const place = (id: string) => placeOf(id)!;
  return chosen.map((id, i) => entryOf(id, i + 1, knownDate(events.get(id)!.date), predecessors.get(id)!, successors.get(id)!, titleOf, place));
}

/**
 * Every unplaced event still waits for an unplaced predecessor, so walking predecessors
 * from any of them must revisit an event: that loop is the cycle reported.
 */
function cycleError(ordered: readonly EventNode[], nodes: Map<string, EventNode>, dates: DateOrder): TimelineCycleError {
  const unplaced = (id: string) => !nodes.get(id)!.placed;
  const byIndex = (a: string, b: string) => nodes.get(a)!.index - nodes.get(b)!.index;
  // firstUnplaced[k]: the unplaced event mentioned first among the first k dated events by end.
  const firstUnplaced: (EventNode | null)[] = [null];
  for (const node of dates.byEnd) {
    const best = firstUnplaced[firstUnplaced.length - 1];
    firstUnplaced.push(!node.placed && (best === null || node.index < best.index) ? node : best);
  }
  const predecessorOf = (node: EventNode): string => {
    const viaRelation = [...node.relationPredecessors.keys()].map((n) => n.event.id).filter(unplaced).sort(byIndex);
    if (viaRelation.length > 0) return viaRelation[0];
    return firstUnplaced[node.datePrefix]!.event.id;
  };

  const path: string[] = [];
  const seenAt = new Map<string, number>();
  let current = ordered.find((n) => !n.placed)!.event.id;
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    current = predecessorOf(nodes.get(current)!);
  }
  const backwards = path.slice(seenAt.get(current));
  const forwards = backwards.reverse();
  const start = forwards.reduce((best, id, i) => (nodes.get(id)!.index < nodes.get(forwards[best])!.index ? i : best), 0);
  const cycle = [...forwards.slice(start), ...forwards.slice(0, start)];

  const title = (id: string) => nodes.get(id)!.event.title;
  const dateLinks: string[] = [];
  cycle.forEach((id, i) => {
    const next = nodes.get(cycle[(i + 1) % cycle.length])!;
    if (!next.relationPredecessors.has(nodes.get(id)!)) {
      const node = nodes.get(id)!;
      dateLinks.push(`${title(id)} (${formatKnownDate(node.date!)}) before ${next.event.title} (${formatKnownDate(next.date!)})`);
    }
  });
  const chain = [...cycle, cycle[0]].map(title).join(' → ');
  const said = dateLinks.length === 0 ? '' : ` (the dates put ${listing(dateLinks)})`;
  return new TimelineCycleError(cycle, `event relations form a cycle: ${chain}${said}`);
}

/** A relation as stored: the id tells one relation met from both of its ends from two relations. */
export interface StoredEventRelationFact extends EventRelationFact {
  id: string;
}

/** What `timelineScope` asks of the store; the service answers each with one indexed query. */
export interface TimelineReader {
  /** The events with these ids (unknown ids left out). */
  events(ids: readonly string[]): TimelineEventFact[];
  /** Every relation with an end among these ids. */
  relationsOf(ids: readonly string[]): StoredEventRelationFact[];
  /**
   * The events before these through ordering relations (`ORDERING_KINDS`) of any certainty,
   * transitively, the ids themselves included, with the relations walked. Walking past
   * certainty and polarity reads a little more than the question uses, never less.
   */
  ancestors(ids: readonly string[]): { ids: string[]; relations: StoredEventRelationFact[] };
  /** Every event whose known date lies in `year` or before. */
  datedThrough(year: number): TimelineEventFact[];
}

/** The same reads answered asynchronously, as a store answers them (`timelineScopeAsync`). */
export type AsyncTimelineReader = { [K in keyof TimelineReader]: (...args: Parameters<TimelineReader[K]>) => Promise<ReturnType<TimelineReader[K]>> };

export interface TimelineScope {
  /** The events that order the answer (the set S of the header), in no particular order. */
  events: TimelineEventFact[];
  /** The relations among them, by id. */
  relations: StoredEventRelationFact[];
}

/** One read the scope's walk asks for: a method of `TimelineReader` and its argument. */
type ScopeRead = { [K in keyof TimelineReader]: { method: K; arg: Parameters<TimelineReader[K]>[0] } }[keyof TimelineReader];

/** Asks the reader of the walk's driver for one read, and hands back its typed answer. */
function* read<K extends keyof TimelineReader>(method: K, arg: Parameters<TimelineReader[K]>[0]): Generator<ScopeRead, ReturnType<TimelineReader[K]>, unknown> {
  return (yield { method, arg } as ScopeRead) as ReturnType<TimelineReader[K]>;
}

/**
 * The events and relations that place `answer` exactly as the whole base would (see "Scope"
 * in the header): the answer's events, their relation neighbours, and every event before
 * any of those by relation or date, transitively. Dates are read as ranges: the events
 * before some member by date are those ending before the latest start among the members.
 * The caller orders the events as it orders the whole base (by first mention) and passes
 * them to `timeline` with the relations.
 *
 * The walk asks for what it reads (`ScopeRead`) and stays pure; `timelineScope` answers
 * from a `TimelineReader` (memory), `timelineScopeAsync` from a store.
 */
export function timelineScope(answer: Iterable<string>, reader: TimelineReader, minCertainty: Certainty = DEFAULT_MIN_CERTAINTY): TimelineScope {
  const walk = scopeWalk(answer, minCertainty);
  let step = walk.next();
  while (!step.done) step = walk.next(ask(reader, step.value));
  return step.value;
}

/** `timelineScope` over a reader that answers asynchronously: the same walk, the same scope. */
export async function timelineScopeAsync(answer: Iterable<string>, reader: AsyncTimelineReader, minCertainty: Certainty = DEFAULT_MIN_CERTAINTY): Promise<TimelineScope> {
  const walk = scopeWalk(answer, minCertainty);
  let step = walk.next();
  while (!step.done) step = walk.next(await ask(reader, step.value));
  return step.value;
}

function ask<R extends TimelineReader | AsyncTimelineReader>(reader: R, { method, arg }: ScopeRead): ReturnType<R[keyof TimelineReader]> {
  return (reader[method] as (arg: unknown) => ReturnType<R[keyof TimelineReader]>)(arg);
}

function* scopeWalk(answer: Iterable<string>, minCertainty: Certainty): Generator<ScopeRead, TimelineScope, unknown> {
  const kept = new Map<string, TimelineEventFact>();
  const walked = new Set<string>();
  const relations = new Map<string, StoredEventRelationFact>();
  const keep = (events: readonly TimelineEventFact[]) => {
    for (const event of events) if (!kept.has(event.id) && admissible(event, minCertainty)) kept.set(event.id, event);
  };

  const asked = [...new Set(answer)];
  keep(yield* read('events', asked));
  const seeds = new Set(asked.filter((id) => kept.has(id)));
  // Relation neighbours on both sides: the basis names them in the order they are placed.
  for (const relation of yield* read('relationsOf', [...seeds])) {
    const order = orderOf(relation);
    if (!order) continue;
    relations.set(relation.id, relation);
    seeds.add(order.earlier);
    seeds.add(order.later);
  }

  let latestStart: DateBound | null = null;
  let frontier = [...seeds];
  while (frontier.length > 0) {
    const reached = yield* read('ancestors', frontier);
    for (const relation of reached.relations) relations.set(relation.id, relation);
    const fresh = reached.ids.filter((id) => !walked.has(id));
    for (const id of fresh) walked.add(id);
    keep(yield* read('events', fresh.filter((id) => !kept.has(id))));

    // Every dated member starting after the latest start seen raises the bar for dates.
    let latest: DateBound | null = latestStart;
    for (const id of fresh) {
      const date = kept.has(id) ? knownDate(kept.get(id)!.date) : null;
      const start = date && dateBounds(date).start;
      if (start && (latest === null || compareBounds(start, latest) > 0)) latest = start;
    }
    if (latest === null || (latestStart !== null && compareBounds(latest, latestStart) === 0)) break;
    latestStart = latest;
    const bar: DateBound = latest;
    const before = (yield* read('datedThrough', bar[0])).filter((event) => {
      const date = knownDate(event.date);
      return date !== null && !walked.has(event.id) && admissible(event, minCertainty) && compareBounds(dateBounds(date).end, bar) < 0;
    });
    keep(before);
    frontier = before.map((event) => event.id);
  }

  const inScope = (id: string) => kept.has(id);
  return {
    events: [...kept.values()],
    relations: [...relations.values()].filter((r) => inScope(r.subjectId) && inScope(r.objectId)).sort((a, b) => compareIds(a.id, b.id)),
  };
}

/**
 * `TimelineReader` over facts already in memory (the whole base read at once): what the
 * service falls back to when a scope would cover much of the base, so the answer comes from
 * the same `timelineScope` whichever way the facts were read.
 */
export function memoryReader(events: readonly TimelineEventFact[], relations: readonly StoredEventRelationFact[]): TimelineReader {
  const byId = new Map(events.map((e) => [e.id, e]));
  const byEnd = new Map<string, StoredEventRelationFact[]>();
  const byLater = new Map<string, { earlier: string; relation: StoredEventRelationFact }[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const relation of relations) {
    push(byEnd, relation.subjectId, relation);
    if (relation.objectId !== relation.subjectId) push(byEnd, relation.objectId, relation);
    const order = orderOf(relation);
    if (order) push(byLater, order.later, { earlier: order.earlier, relation });
  }
  const dated = events.filter((e) => knownDate(e.date) !== null).sort((a, b) => a.date.year! - b.date.year!);
  const lookup = (ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  return {
    events: lookup,
    relationsOf: (ids) => [...new Set(ids.flatMap((id) => byEnd.get(id) ?? []))],
    ancestors(ids) {
      const seen = new Set(ids);
      const walked: StoredEventRelationFact[] = [];
      const stack = [...seen];
      while (stack.length > 0) {
        for (const { earlier, relation } of byLater.get(stack.pop()!) ?? []) {
          walked.push(relation);
          if (!seen.has(earlier)) {
            seen.add(earlier);
            stack.push(earlier);
          }
        }
      }
      return { ids: [...seen], relations: walked };
    },
    datedThrough(year) {
      let end = 0;
      while (end < dated.length && dated[end].date.year! <= year) end++;
      return dated.slice(0, end);
    },
  };
}
