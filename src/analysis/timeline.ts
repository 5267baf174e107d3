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
 *
 * Cycles
 * - Contradictory constraints (relations in a loop, a relation against the dates, an event
 *   ordered against itself) throw `TimelineCycleError` naming one cycle; the sort always
 *   terminates. The cycle prefers relation links over date links where it has a choice,
 *   starts at its earliest event in the input, and does not repeat that event at the end.
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
import { admissible, certaintyOf, DEFAULT_MIN_CERTAINTY, listing, sureEnough, type FactualityFact } from './facts.js';

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
function orderOf(relation: EventRelationFact): { earlier: string; later: string } | null {
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

/** What a relation tells the basis: its note (null: none) and how sure it is. */
interface Link {
  note: string | null;
  certainty: Certainty;
}

interface EventNode {
  event: TimelineEventFact;
  index: number;
  date: KnownDate | null;
  /** Predecessor id → the relations putting it first. */
  relationPredecessors: Map<string, Link[]>;
  relationSuccessors: Map<string, Link[]>;
  datePredecessors: Set<string>;
  successors: Set<string>;
}

export function timeline(input: TimelineInput): TimelineEntry[] {
  const minCertainty = input.minCertainty ?? DEFAULT_MIN_CERTAINTY;
  const nodes = new Map<string, EventNode>();
  for (const event of input.events) {
    if (nodes.has(event.id) || !admissible(event, minCertainty)) continue;
    nodes.set(event.id, {
      event,
      index: nodes.size,
      date: knownDate(event.date),
      relationPredecessors: new Map(),
      relationSuccessors: new Map(),
      datePredecessors: new Set(),
      successors: new Set(),
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
    later.relationPredecessors.set(earlier.event.id, [...(later.relationPredecessors.get(earlier.event.id) ?? []), link]);
    earlier.relationSuccessors.set(later.event.id, [...(earlier.relationSuccessors.get(later.event.id) ?? []), link]);
    earlier.successors.add(later.event.id);
  }
  // Only dated events order each other by date; pairing every event with every other would
  // cost the square of the whole base for the few that carry a date.
  const dated = ordered.filter((n) => n.date !== null);
  for (const a of dated) {
    for (const b of dated) {
      if (compareKnownDates(a.date!, b.date!) < 0) {
        b.datePredecessors.add(a.event.id);
        a.successors.add(b.event.id);
      }
    }
  }

  const pending = new Map<string, number>();
  for (const node of ordered) {
    pending.set(node.event.id, new Set([...node.relationPredecessors.keys(), ...node.datePredecessors]).size);
  }
  const ready = ordered.filter((n) => pending.get(n.event.id) === 0);
  const placed: EventNode[] = [];
  while (ready.length > 0) {
    let best = 0;
    for (let i = 1; i < ready.length; i++) if (comesFirst(ready[i], ready[best])) best = i;
    const [node] = ready.splice(best, 1);
    placed.push(node);
    for (const id of node.successors) {
      const left = pending.get(id)! - 1;
      pending.set(id, left);
      if (left === 0) ready.push(nodes.get(id)!);
    }
  }
  if (placed.length < ordered.length) throw cycleError(ordered, nodes, new Set(placed.map((n) => n.event.id)));

  const position = new Map(placed.map((n, i) => [n.event.id, i + 1]));
  const byPlace = (a: string, b: string) => position.get(a)! - position.get(b)!;
  return placed.map((node, i) => {
    const parts: string[] = [];
    if (node.date) parts.push(`dated ${formatKnownDate(node.date)}`);
    const describe = (word: string, links: Map<string, Link[]>) => {
      for (const otherId of [...links.keys()].sort(byPlace)) {
        const title = nodes.get(otherId)!.event.title;
        const all = links.get(otherId)!;
        // The order is as sure as the surest relation giving it; said only when less than certain.
        const surest = mostCertain(all.map((l) => l.certainty));
        const head = surest === Certainty.CERTAIN ? `${word} ${title}` : `${word} ${title} (${surest.toLowerCase()})`;
        const notes = [...new Set(all.map((l) => l.note).filter((note): note is string => Boolean(note)))];
        if (notes.length === 0) parts.push(head);
        for (const note of notes) parts.push(`${head}: "${note}"`);
      }
    };
    describe('after', node.relationPredecessors);
    describe('before', node.relationSuccessors);
    const basis = parts.length === 0 ? UNPLACED_BASIS : parts.join('; ');
    const related = node.relationPredecessors.size > 0 || node.relationSuccessors.size > 0;
    const placement = node.date ? TimelinePlacement.DATE : related ? TimelinePlacement.RELATION : TimelinePlacement.MENTION;
    return { eventId: node.event.id, position: i + 1, basis, dated: node.date !== null, placement };
  });
}

function comesFirst(a: EventNode, b: EventNode): boolean {
  if ((a.date === null) !== (b.date === null)) return a.date !== null;
  return a.index < b.index;
}

/**
 * Every unplaced event still waits for an unplaced predecessor, so walking predecessors
 * from any of them must revisit an event: that loop is the cycle reported.
 */
function cycleError(ordered: readonly EventNode[], nodes: Map<string, EventNode>, placed: ReadonlySet<string>): TimelineCycleError {
  const unplaced = (id: string) => !placed.has(id);
  const byIndex = (a: string, b: string) => nodes.get(a)!.index - nodes.get(b)!.index;
  const predecessorOf = (node: EventNode): string => {
    const viaRelation = [...node.relationPredecessors.keys()].filter(unplaced).sort(byIndex);
    if (viaRelation.length > 0) return viaRelation[0];
    return [...node.datePredecessors].filter(unplaced).sort(byIndex)[0];
  };

  const path: string[] = [];
  const seenAt = new Map<string, number>();
  let current = ordered.find((n) => unplaced(n.event.id))!.event.id;
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
    if (!next.relationPredecessors.has(id)) {
      const node = nodes.get(id)!;
      dateLinks.push(`${title(id)} (${formatKnownDate(node.date!)}) before ${next.event.title} (${formatKnownDate(next.date!)})`);
    }
  });
  const chain = [...cycle, cycle[0]].map(title).join(' → ');
  const dates = dateLinks.length === 0 ? '' : ` (the dates put ${listing(dateLinks)})`;
  return new TimelineCycleError(cycle, `event relations form a cycle: ${chain}${dates}`);
}
