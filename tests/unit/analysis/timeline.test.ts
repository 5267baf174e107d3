import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ORDERING_KINDS, TimelineCycleError, TimelinePlacement, UNPLACED_BASIS, compareKnownDates, entriesInOrder, formatKnownDate, knownDate, memoryReader, orderOf, timeline, timelineOrder, timelineScope, timelineScopeAsync,
  type EventRelationFact, type StoredEventRelationFact, type TimelineEventFact, type TimelineReader,
} from '../../../src/analysis/timeline.js';
import { Certainty, DatePrecision, EventRelationKind, Polarity } from '../../../src/shared/enums.js';
import { admissible, certaintyOf, listing, sureEnough } from '../../../src/analysis/facts.js';
import { mostCertain } from '../../../src/shared/enums.js';

function dated(id: string, title: string, year: number, month?: number, day?: number): TimelineEventFact {
  const precision = day !== undefined ? DatePrecision.DAY : month !== undefined ? DatePrecision.MONTH : DatePrecision.YEAR;
  return { id, title, date: { precision, year, month: month ?? null, day: day ?? null } };
}

function undated(id: string, title = id.toUpperCase()): TimelineEventFact {
  return { id, title, date: { precision: DatePrecision.UNKNOWN } };
}

function rel(subjectId: string, kind: EventRelationKind, objectId: string, note: string | null = null): EventRelationFact {
  return { subjectId, objectId, kind, note };
}

const order = (events: TimelineEventFact[], relations: EventRelationFact[] = []) => timeline({ events, relations }).map((e) => e.eventId);

function cycleOf(run: () => unknown): TimelineCycleError {
  try {
    run();
  } catch (error) {
    if (error instanceof TimelineCycleError) return error;
    throw error;
  }
  throw new Error('expected a TimelineCycleError');
}

describe('Timeline: dated events', () => {
  it('orders dated events by date whatever the input order, with 1-based positions and the date as basis', () => {
    const result = timeline({
      events: [dated('snapback', 'Snapback', 2025, 9), dated('talks', 'Muscat talks', 2025, 4, 12), dated('war', 'Twelve-day conflict', 2025, 6)],
      relations: [],
    });
    expect(result).toEqual([
      { eventId: 'talks', position: 1, basis: 'dated 2025-04-12', dated: true, placement: TimelinePlacement.DATE },
      { eventId: 'war', position: 2, basis: 'dated 2025-06', dated: true, placement: TimelinePlacement.DATE },
      { eventId: 'snapback', position: 3, basis: 'dated 2025-09', dated: true, placement: TimelinePlacement.DATE },
    ]);
  });

  it('treats a coarser date as equal to the finer dates inside it and then keeps the input order', () => {
    const june = dated('june', 'June', 2025, 6);
    const june22 = dated('june22', 'June 22', 2025, 6, 22);
    const year = dated('year', '2025', 2025);
    expect(order([june22, june, year])).toEqual(['june22', 'june', 'year']);
    expect(order([year, june, june22])).toEqual(['year', 'june', 'june22']);
    expect(order([year, dated('dec', 'December 2024', 2024, 12)])).toEqual(['dec', 'year']);
  });

  it('compares dates field by field down to the coarser precision', () => {
    const d = (year: number, month: number | null, day: number | null, precision: DatePrecision) => knownDate({ precision, year, month, day })!;
    expect(compareKnownDates(d(2025, 6, 1, DatePrecision.DAY), d(2025, 6, 30, DatePrecision.DAY))).toBeLessThan(0);
    expect(compareKnownDates(d(2025, 6, 1, DatePrecision.DAY), d(2025, 6, null, DatePrecision.MONTH))).toBe(0);
    expect(compareKnownDates(d(2025, 7, null, DatePrecision.MONTH), d(2025, 6, 30, DatePrecision.DAY))).toBeGreaterThan(0);
    expect(knownDate({ precision: DatePrecision.UNKNOWN, year: 2025 })).toBeNull();
    expect(knownDate({ precision: DatePrecision.YEAR, year: 2025, month: 6 })).toEqual({ year: 2025, month: null, day: null });
  });
});

describe('Timeline: undated events placed by relations', () => {
  it('reads every ordering kind in the right direction', () => {
    const events = [undated('a'), undated('b')];
    expect(order(events, [rel('a', EventRelationKind.AFTER, 'b')])).toEqual(['b', 'a']);
    expect(order(events, [rel('a', EventRelationKind.FOLLOWS, 'b')])).toEqual(['b', 'a']);
    expect(order(events, [rel('b', EventRelationKind.BEFORE, 'a')])).toEqual(['b', 'a']);
    expect(order(events, [rel('b', EventRelationKind.CAUSES, 'a')])).toEqual(['b', 'a']);
    expect(order(events, [rel('a', EventRelationKind.BEFORE, 'b')])).toEqual(['a', 'b']);
  });

  it('imposes no order for part-of and context-of relations', () => {
    const events = [undated('a'), undated('b')];
    const result = timeline({ events, relations: [rel('b', EventRelationKind.PART_OF, 'a'), rel('a', EventRelationKind.CONTEXT_OF, 'b')] });
    expect(result).toEqual([
      { eventId: 'a', position: 1, basis: UNPLACED_BASIS, dated: false, placement: TimelinePlacement.MENTION },
      { eventId: 'b', position: 2, basis: UNPLACED_BASIS, dated: false, placement: TimelinePlacement.MENTION },
    ]);
  });

  it('explains a place by the relations, quoting their notes', () => {
    const result = timeline({
      events: [undated('talks', 'Renewed talks'), undated('war', 'Twelve-day conflict')],
      relations: [rel('talks', EventRelationKind.FOLLOWS, 'war', 'following the conflict with Israel')],
    });
    expect(result).toEqual([
      { eventId: 'war', position: 1, basis: 'before Renewed talks: "following the conflict with Israel"', dated: false, placement: TimelinePlacement.RELATION },
      { eventId: 'talks', position: 2, basis: 'after Twelve-day conflict: "following the conflict with Israel"', dated: false, placement: TimelinePlacement.RELATION },
    ]);
  });

  it('lists every binding relation once per distinct note, by the other event’s place', () => {
    const result = timeline({
      events: [undated('c', 'C'), undated('a', 'A'), undated('b', 'B')],
      relations: [
        rel('c', EventRelationKind.AFTER, 'b'),
        rel('b', EventRelationKind.BEFORE, 'c'),
        rel('c', EventRelationKind.AFTER, 'a', 'later'),
        rel('a', EventRelationKind.BEFORE, 'b'),
      ],
    });
    expect(result.map((e) => e.eventId)).toEqual(['a', 'b', 'c']);
    expect(result[2].basis).toBe('after A: "later"; after B');
  });
});

describe('Timeline: dated and undated events together', () => {
  it('places dated events before undated ones when nothing orders them, keeping relations and dates', () => {
    const events = [undated('plan', 'Plan'), undated('aftermath', 'Aftermath'), dated('war', 'Twelve-day conflict', 2025, 6), dated('snapback', 'Snapback', 2025, 9)];
    const result = timeline({
      events,
      relations: [rel('aftermath', EventRelationKind.AFTER, 'war'), rel('plan', EventRelationKind.BEFORE, 'snapback')],
    });
    expect(result.map((e) => e.eventId)).toEqual(['war', 'plan', 'snapback', 'aftermath']);
    expect(result.map((e) => e.basis)).toEqual(['dated 2025-06; before Aftermath', 'before Snapback', 'dated 2025-09; after Plan', 'after Twelve-day conflict']);
  });

  it('keeps undated events without any relation in order of mention, after the dated ones', () => {
    const result = timeline({ events: [undated('x'), dated('d', 'D', 2024), undated('y')], relations: [] });
    expect(result.map((e) => [e.eventId, e.basis])).toEqual([
      ['d', 'dated 2024'],
      ['x', UNPLACED_BASIS],
      ['y', UNPLACED_BASIS],
    ]);
  });

  it('ignores relations to events the caller filtered out', () => {
    const result = timeline({
      events: [undated('b'), undated('a')],
      relations: [rel('a', EventRelationKind.BEFORE, 'gone'), rel('gone', EventRelationKind.BEFORE, 'b'), rel('b', EventRelationKind.CAUSES, 'missing')],
    });
    expect(result.map((e) => [e.eventId, e.basis])).toEqual([
      ['b', UNPLACED_BASIS],
      ['a', UNPLACED_BASIS],
    ]);
  });
});

describe('Timeline: contradictory order is reported, never looped on', () => {
  it('names a cycle of two by titles', () => {
    const error = cycleOf(() =>
      timeline({ events: [undated('a', 'Talks'), undated('b', 'Strikes')], relations: [rel('a', EventRelationKind.BEFORE, 'b'), rel('a', EventRelationKind.AFTER, 'b')] }),
    );
    expect(error.cycle).toEqual(['a', 'b']);
    expect(error.message).toBe('event relations form a cycle: Talks → Strikes → Talks');
  });

  it('names a cycle of three built from different relation kinds, starting at the first mentioned event', () => {
    const error = cycleOf(() =>
      timeline({
        events: [undated('x', 'Unrelated'), undated('b', 'B'), undated('a', 'A'), undated('c', 'C')],
        relations: [rel('a', EventRelationKind.BEFORE, 'b'), rel('c', EventRelationKind.FOLLOWS, 'b'), rel('c', EventRelationKind.CAUSES, 'a')],
      }),
    );
    expect(error.cycle).toEqual(['b', 'c', 'a']);
    expect(error.message).toBe('event relations form a cycle: B → C → A → B');
  });

  it('reports a relation that contradicts the dates, saying what the dates say', () => {
    const error = cycleOf(() =>
      timeline({ events: [dated('june', 'June talks', 2025, 6), dated('july', 'July strikes', 2025, 7)], relations: [rel('june', EventRelationKind.AFTER, 'july')] }),
    );
    expect(error.cycle).toEqual(['june', 'july']);
    expect(error.message).toBe('event relations form a cycle: June talks → July strikes → June talks (the dates put June talks (2025-06) before July strikes (2025-07))');
  });

  it('finds a long cycle hidden behind a well-ordered chain without looping', () => {
    const events = Array.from({ length: 300 }, (_, i) => undated(`e${i}`, `E${i}`));
    const relations = events.slice(1).map((e, i) => rel(e.id, EventRelationKind.AFTER, events[i].id));
    const error = cycleOf(() => timeline({ events, relations: [...relations, rel('e100', EventRelationKind.AFTER, 'e299')] }));
    expect(error.cycle).toHaveLength(200);
    expect(error.cycle[0]).toBe('e100');
    expect(error.message.startsWith('event relations form a cycle: E100 → E101 → ')).toBe(true);
  });

  it('reports an event ordered against itself', () => {
    const error = cycleOf(() => timeline({ events: [undated('a', 'A')], relations: [rel('a', EventRelationKind.BEFORE, 'a')] }));
    expect(error.cycle).toEqual(['a']);
    expect(error.message).toBe('event relations form a cycle: A → A');
  });
});

describe('Timeline: certainty', () => {
  const sure = (relation: EventRelationFact, certainty: Certainty): EventRelationFact => ({ ...relation, certainty });

  it('leaves out events below minCertainty, the underspecified by default', () => {
    const events = [undated('a'), { ...undated('alleged'), certainty: Certainty.UNDERSPECIFIED }, { ...undated('weighed'), certainty: Certainty.POSSIBLE }];
    expect(order(events)).toEqual(['a', 'weighed']);
    expect(timeline({ events, relations: [], minCertainty: Certainty.CERTAIN }).map((e) => e.eventId)).toEqual(['a']);
    expect(timeline({ events, relations: [], minCertainty: Certainty.UNDERSPECIFIED }).map((e) => e.eventId)).toEqual(['a', 'alleged', 'weighed']);
  });

  it('says how sure a less than certain ordering relation is, and lets it order nothing below minCertainty', () => {
    const events = [undated('crackdown', 'Crackdown'), undated('protests', 'Protests'), undated('war', 'War')];
    const relations = [sure(rel('protests', EventRelationKind.AFTER, 'war', 'following the conflict'), Certainty.POSSIBLE)];
    const result = timeline({ events, relations });
    expect(result.map((e) => e.eventId)).toEqual(['crackdown', 'war', 'protests']);
    expect(result[2].basis).toBe('after War (possible): "following the conflict"');
    expect(result[1].basis).toBe('before Protests (possible): "following the conflict"');
    const strict = timeline({ events, relations, minCertainty: Certainty.PROBABLE });
    expect(strict.map((e) => [e.eventId, e.placement])).toEqual([
      ['crackdown', TimelinePlacement.MENTION],
      ['protests', TimelinePlacement.MENTION],
      ['war', TimelinePlacement.MENTION],
    ]);
  });

  it('never orders events that may be one and the same', () => {
    const events = [undated('muscat'), undated('oman')];
    const relations = [sure(rel('muscat', EventRelationKind.SAME_AS, 'oman'), Certainty.POSSIBLE)];
    expect(timeline({ events, relations }).map((e) => [e.eventId, e.placement])).toEqual([
      ['muscat', TimelinePlacement.MENTION],
      ['oman', TimelinePlacement.MENTION],
    ]);
  });
});

describe('Timeline: polarity', () => {
  it('leaves out an event the source says did not happen, and one it leaves open unless the uncommitted are asked for', () => {
    const events = [undated('a'), { ...undated('denied'), polarity: Polarity.NEGATIVE }, { ...undated('open'), polarity: Polarity.UNDERSPECIFIED }];
    expect(order(events)).toEqual(['a']);
    expect(timeline({ events, relations: [], minCertainty: Certainty.UNDERSPECIFIED }).map((e) => e.eventId)).toEqual(['a', 'open']);
  });
});

/** Random small bases: nested dates, every relation kind (self-relations too), every certainty and polarity. */
const arbitraryBase = fc
  .record({
    events: fc.array(
      fc.record({
        precision: fc.constantFrom(DatePrecision.UNKNOWN, DatePrecision.UNKNOWN, DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY),
        year: fc.constantFrom(2024, 2025),
        month: fc.integer({ min: 1, max: 3 }),
        day: fc.integer({ min: 1, max: 3 }),
        certainty: fc.constantFrom(...Object.values(Certainty)),
        polarity: fc.constantFrom(Polarity.POSITIVE, Polarity.POSITIVE, Polarity.POSITIVE, Polarity.NEGATIVE, Polarity.UNDERSPECIFIED),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    relations: fc.array(
      fc.record({
        subject: fc.nat(),
        object: fc.nat(),
        kind: fc.constantFrom(...Object.values(EventRelationKind)),
        note: fc.constantFrom(null, 'one', 'two'),
        certainty: fc.constantFrom(...Object.values(Certainty)),
      }),
      { maxLength: 14 },
    ),
    answer: fc.array(fc.nat(), { maxLength: 4 }),
    minCertainty: fc.constantFrom(...Object.values(Certainty)),
  })
  .map(({ events, relations, answer, minCertainty }) => {
    const facts: TimelineEventFact[] = events.map((e, i) => ({
      id: `e${i}`,
      title: `E${i}`,
      certainty: e.certainty,
      polarity: e.polarity,
      date: { precision: e.precision, year: e.year, month: e.month, day: e.day },
    }));
    const id = (n: number) => facts[n % facts.length].id;
    const stored: StoredEventRelationFact[] = relations.map((r, i) => ({ id: `r${String(i).padStart(2, '0')}`, subjectId: id(r.subject), objectId: id(r.object), kind: r.kind, note: r.note, certainty: r.certainty }));
    return { events: facts, relations: stored, answer: [...new Set(answer.map(id))], minCertainty };
  });

type Outcome = { entries: ReturnType<typeof timeline> } | { cycle: string[]; message: string };

function outcome(run: () => ReturnType<typeof timeline>): Outcome {
  try {
    return { entries: run() };
  } catch (error) {
    if (error instanceof TimelineCycleError) return { cycle: error.cycle, message: error.message };
    throw error;
  }
}

/** The store as `timelineScope` sees it, by plain scans of arrays, noting the events each call hands back. */
function countingReader(events: readonly TimelineEventFact[], relations: readonly StoredEventRelationFact[]) {
  const read = new Set<string>();
  const handed = <T extends TimelineEventFact>(list: T[]) => {
    for (const e of list) read.add(e.id);
    return list;
  };
  const reader: TimelineReader = {
    events: (ids) => handed(events.filter((e) => ids.includes(e.id))),
    relationsOf: (ids) => relations.filter((r) => ids.includes(r.subjectId) || ids.includes(r.objectId)),
    ancestors(ids) {
      const seen = new Set(ids);
      const walked = new Map<string, StoredEventRelationFact>();
      const stack = [...ids];
      while (stack.length > 0) {
        const id = stack.pop()!;
        for (const r of relations) {
          const order = orderOf(r);
          if (order?.later !== id) continue;
          walked.set(r.id, r);
          if (!seen.has(order.earlier)) {
            seen.add(order.earlier);
            stack.push(order.earlier);
          }
        }
      }
      return { ids: [...seen], relations: [...walked.values()] };
    },
    datedThrough: (year) => handed(events.filter((e) => knownDate(e.date) !== null && e.date.year! <= year)),
  };
  return { reader, read };
}

/** The answer read from the whole order: the entries of `answer`, numbered from 1. */
const narrowed = (entries: ReturnType<typeof timeline>, answer: readonly string[]) =>
  entries.filter((e) => answer.includes(e.eventId)).map((e, i) => ({ ...e, position: i + 1 }));

/** The scoped answer, as the service computes it: the scope in input order, ordered, narrowed. */
function scopedOutcome(base: { events: TimelineEventFact[]; relations: StoredEventRelationFact[]; answer: string[]; minCertainty: Certainty }, reader: TimelineReader): Outcome {
  const scope = timelineScope(base.answer, reader, base.minCertainty);
  const rank = new Map(base.events.map((e, i) => [e.id, i]));
  const events = [...scope.events].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return outcome(() => narrowed(timeline({ events, relations: scope.relations, minCertainty: base.minCertainty }), base.answer));
}

describe('Timeline order: what the service keeps of a whole timeline, and the entries made from it', () => {
  it('gives the entries of the whole timeline narrowed to the answer, from the facts of the answer and its relations alone', () => {
    let compared = 0;
    fc.assert(
      fc.property(arbitraryBase, (base) => {
        const whole = outcome(() => timeline(base));
        const order = outcome(() => timelineOrder(base).map((eventId) => ({ eventId }) as ReturnType<typeof timeline>[number]));
        if ('cycle' in whole) {
          expect(order).toEqual(whole);
          return;
        }
        expect('entries' in order && order.entries.map((e) => e.eventId)).toEqual(whole.entries.map((e) => e.eventId));
        const ids = whole.entries.map((e) => e.eventId);
        const place = new Map(ids.map((id, i) => [id, i]));
        const chosen = base.answer.filter((id) => place.has(id)).sort((a, b) => place.get(a)! - place.get(b)!);
        // What the service reads for them: their relations (by id) and the events those name, nothing else.
        const relations = base.relations.filter((r) => chosen.includes(r.subjectId) || chosen.includes(r.objectId));
        const named = new Set([...chosen, ...relations.flatMap((r) => [r.subjectId, r.objectId])]);
        const events = new Map(base.events.filter((e) => named.has(e.id)).map((e) => [e.id, e]));
        expect(entriesInOrder(chosen, (id) => place.get(id), events, relations, base.minCertainty)).toEqual(narrowed(whole.entries, base.answer));
        // Every event at once, from the whole base's facts, is the whole timeline.
        const all = new Map(base.events.map((e) => [e.id, e]));
        expect(entriesInOrder(ids, (id) => place.get(id), all, base.relations, base.minCertainty)).toEqual(whole.entries);
        compared++;
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('Timeline: the sort answers as the plain Kahn sort it replaced', () => {
  it('gives the same entries, or the same cycle, on thousands of random bases', () => {
    fc.assert(
      fc.property(arbitraryBase, ({ events, relations, minCertainty }) => {
        const input = { events, relations, minCertainty };
        expect(outcome(() => timeline(input))).toEqual(outcome(() => referenceTimeline(input).entries));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads dates as ranges exactly as compareKnownDates orders them', () => {
    const someDate = fc.record({ precision: fc.constantFrom(DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY), year: fc.integer({ min: 2023, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
    fc.assert(
      fc.property(someDate, someDate, (a, b) => {
        const [x, y] = [dated('x', 'X', a.year, a.precision === DatePrecision.YEAR ? undefined : a.month, a.precision === DatePrecision.DAY ? a.day : undefined), dated('y', 'Y', b.year, b.precision === DatePrecision.YEAR ? undefined : b.month, b.precision === DatePrecision.DAY ? b.day : undefined)];
        const before = compareKnownDates(knownDate(x.date)!, knownDate(y.date)!) < 0;
        // y first in the input: only a date strictly before puts x first.
        expect(order([y, x])[0] === 'x').toBe(before);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders 20,000 dated events and a chain of 20,000 undated ones without pairing them', () => {
    const events = Array.from({ length: 20000 }, (_, i) => dated(`d${i}`, `D${i}`, 2000 + (i % 25), 1 + (i % 12), 1 + (i % 28)));
    const chain = Array.from({ length: 20000 }, (_, i) => undated(`u${i}`));
    const relations = chain.slice(1).map((e, i) => rel(e.id, EventRelationKind.AFTER, chain[i].id));
    const started = performance.now();
    const result = timeline({ events: [...chain].reverse().concat(events), relations });
    expect(result).toHaveLength(40000);
    expect(result[20000].eventId).toBe('u0');
    expect(result.at(-1)!.eventId).toBe('u19999');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('knows which relation kinds put their subject first and which their object', () => {
    expect(ORDERING_KINDS.subjectFirst.sort()).toEqual([EventRelationKind.BEFORE, EventRelationKind.CAUSES, EventRelationKind.FOLLOWED_BY]);
    expect(ORDERING_KINDS.objectFirst.sort()).toEqual([EventRelationKind.AFTER, EventRelationKind.CAUSED_BY, EventRelationKind.FOLLOWS]);
  });
});

describe('Timeline scope: the events of one actor or issue, ordered as in the whole base from a part of it', () => {
  it('answers as the whole timeline narrowed to the answer, on thousands of random bases and answers', () => {
    let compared = 0;
    let cycles = 0;
    fc.assert(
      fc.property(arbitraryBase, (base) => {
        const { reader } = countingReader(base.events, base.relations);
        const scoped = scopedOutcome(base, reader);
        const whole = referenceTimeline({ ...base, partial: true });
        if (whole.unplaced === null) {
          expect(scoped).toEqual({ entries: narrowed(whole.entries, base.answer) });
          compared++;
          return;
        }
        cycles++;
        if ('entries' in scoped) {
          // The cycle lies after every event that orders the answer: the whole sort placed them all before it.
          const answered = base.answer.filter((id) => whole.admitted.includes(id));
          expect(scoped.entries.map((e) => e.eventId).sort()).toEqual(answered.sort());
          expect(scoped).toEqual({ entries: narrowed(whole.entries, base.answer) });
          return;
        }
        // A cycle before the answer: the whole timeline fails too, and names the same cycle when it starts from an event of the scope.
        const scope = timelineScope(base.answer, reader, base.minCertainty).events.map((e) => e.id);
        expect(scoped.cycle.every((id) => scope.includes(id))).toBe(true);
        const wholeError = outcome(() => referenceTimeline(base).entries);
        expect('cycle' in wholeError).toBe(true);
        if (scope.includes(whole.unplaced)) expect(scoped).toEqual(wholeError);
      }),
      { numRuns: 4000 },
    );
    expect(compared).toBeGreaterThan(1000);
    expect(cycles).toBeGreaterThan(100);
  });

  it('finds the same scope through the in-memory reader the service falls back to', () => {
    fc.assert(
      fc.property(arbitraryBase, (base) => {
        const indexed = timelineScope(base.answer, memoryReader(base.events, base.relations), base.minCertainty);
        const scanned = timelineScope(base.answer, countingReader(base.events, base.relations).reader, base.minCertainty);
        const ids = (scope: typeof indexed) => scope.events.map((e) => e.id).sort();
        expect(ids(indexed)).toEqual(ids(scanned));
        expect(indexed.relations).toEqual(scanned.relations);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the same scope, through the same reads, when the reader answers asynchronously (as a store does)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryBase, async (base) => {
        const sync = countingReader(base.events, base.relations);
        const async = countingReader(base.events, base.relations);
        const calls: string[][] = [[], []];
        const logged = (reader: TimelineReader, log: string[]): TimelineReader => ({
          events: (ids) => (log.push(`events ${ids}`), reader.events(ids)),
          relationsOf: (ids) => (log.push(`relationsOf ${ids}`), reader.relationsOf(ids)),
          ancestors: (ids) => (log.push(`ancestors ${ids}`), reader.ancestors(ids)),
          datedThrough: (year) => (log.push(`datedThrough ${year}`), reader.datedThrough(year)),
        });
        const viaSync = timelineScope(base.answer, logged(sync.reader, calls[0]), base.minCertainty);
        const reader = logged(async.reader, calls[1]);
        const viaAsync = await timelineScopeAsync(
          base.answer,
          {
            events: async (ids) => reader.events(ids),
            relationsOf: async (ids) => reader.relationsOf(ids),
            ancestors: async (ids) => reader.ancestors(ids),
            datedThrough: async (year) => reader.datedThrough(year),
          },
          base.minCertainty,
        );
        expect(viaAsync).toEqual(viaSync);
        expect(calls[1]).toEqual(calls[0]);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads only the answer, its neighbours and what comes before them', () => {
    // Two chains and loose events: asking for b1 reads chain b up to b2 (its neighbour), nothing of chain a.
    const events = ['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'b3', 'loose'].map((id) => undated(id));
    const relations = [['a1', 'a0'], ['a2', 'a1'], ['b1', 'b0'], ['b2', 'b1'], ['b3', 'b2']].map(([s, o], i) => ({ ...rel(s, EventRelationKind.AFTER, o), id: `r${i}` }));
    const { reader, read } = countingReader(events, relations);
    const scope = timelineScope(['b1'], reader);
    expect(scope.events.map((e) => e.id).sort()).toEqual(['b0', 'b1', 'b2']);
    expect([...read].sort()).toEqual(['b0', 'b1', 'b2']);
    expect(scope.relations.map((r) => r.id)).toEqual(['r2', 'r3']);
  });

  it('reads every event dated before a dated member, and what those come after', () => {
    const events = [dated('x', 'X', 2025, 6), dated('early', 'Early', 2024), dated('inside', 'Inside', 2025, 6, 10), dated('late', 'Late', 2026), undated('cause'), undated('other')];
    const relations = [{ ...rel('early', EventRelationKind.AFTER, 'cause'), id: 'r0' }];
    const { reader } = countingReader(events, relations);
    // "inside" lies within June 2025: not before X, so not read; "late" comes after.
    expect(timelineScope(['x'], reader).events.map((e) => e.id).sort()).toEqual(['cause', 'early', 'x']);
  });

  it('is exact where the events connected by relations alone are not (the example of the header)', () => {
    // Mentioned in this order: X, Y, U, P (2025), Q (2024). P before X and U before Q by relations.
    const events = [undated('x', 'X'), undated('y', 'Y'), undated('u', 'U'), dated('p', 'P', 2025), dated('q', 'Q', 2024)];
    const relations = [{ ...rel('p', EventRelationKind.BEFORE, 'x'), id: 'r0' }, { ...rel('u', EventRelationKind.BEFORE, 'q'), id: 'r1' }];
    const whole = timeline({ events, relations });
    expect(whole.map((e) => e.eventId)).toEqual(['y', 'u', 'q', 'p', 'x']);
    const connected = timeline({ events: [events[0], events[1], events[3]], relations: [relations[0]] });
    expect(narrowed(connected, ['x', 'y']).map((e) => e.eventId)).toEqual(['x', 'y']);
    const { reader } = countingReader(events, relations);
    expect(scopedOutcome({ events, relations, answer: ['x', 'y'], minCertainty: Certainty.POSSIBLE }, reader)).toEqual({ entries: narrowed(whole, ['x', 'y']) });
  });

  it('answers despite a cycle after the answer and its neighbours, and fails on one among them or before them', () => {
    const events = ['a', 'b', 'c', 'd'].map((id) => undated(id, id.toUpperCase()));
    const relations = [
      { ...rel('b', EventRelationKind.AFTER, 'a'), id: 'r0' },
      { ...rel('c', EventRelationKind.AFTER, 'b'), id: 'r1' },
      { ...rel('d', EventRelationKind.AFTER, 'c'), id: 'r2' },
      { ...rel('c', EventRelationKind.AFTER, 'd'), id: 'r3' },
    ];
    const { reader } = countingReader(events, relations);
    const base = { events, relations, minCertainty: Certainty.POSSIBLE };
    expect(scopedOutcome({ ...base, answer: ['a'] }, reader)).toEqual({ entries: [{ eventId: 'a', position: 1, basis: 'before B', dated: false, placement: TimelinePlacement.RELATION }] });
    expect(scopedOutcome({ ...base, answer: ['b'] }, reader)).toEqual({ cycle: ['c', 'd'], message: 'event relations form a cycle: C → D → C' });
    expect(outcome(() => timeline(base))).toEqual({ cycle: ['c', 'd'], message: 'event relations form a cycle: C → D → C' });
  });
});

/**
 * The timeline as first written (before the heap and the date prefix), kept as the
 * specification the faster sort is checked against: every pair of dated events compared, the
 * first ready event found by a scan. With `partial`, a cycle does not throw: the events the
 * sort placed before running into it are returned, with the first unplaced one.
 */
function referenceTimeline(input: { events: readonly TimelineEventFact[]; relations: readonly EventRelationFact[]; minCertainty?: Certainty; partial?: boolean }) {
  type Link = { note: string | null; certainty: Certainty };
  type Node = { event: TimelineEventFact; index: number; date: ReturnType<typeof knownDate>; relationPredecessors: Map<string, Link[]>; relationSuccessors: Map<string, Link[]>; datePredecessors: Set<string>; successors: Set<string> };
  const minCertainty = input.minCertainty ?? Certainty.POSSIBLE;
  const nodes = new Map<string, Node>();
  for (const event of input.events) {
    if (nodes.has(event.id) || !admissible(event, minCertainty)) continue;
    nodes.set(event.id, { event, index: nodes.size, date: knownDate(event.date), relationPredecessors: new Map(), relationSuccessors: new Map(), datePredecessors: new Set(), successors: new Set() });
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
  const datedNodes = ordered.filter((n) => n.date !== null);
  for (const a of datedNodes) {
    for (const b of datedNodes) {
      if (compareKnownDates(a.date!, b.date!) < 0) {
        b.datePredecessors.add(a.event.id);
        a.successors.add(b.event.id);
      }
    }
  }
  const pending = new Map<string, number>();
  for (const node of ordered) pending.set(node.event.id, new Set([...node.relationPredecessors.keys(), ...node.datePredecessors]).size);
  const ready = ordered.filter((n) => pending.get(n.event.id) === 0);
  const comesFirst = (a: Node, b: Node) => ((a.date === null) !== (b.date === null) ? a.date !== null : a.index < b.index);
  const placed: Node[] = [];
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
  const placedIds = new Set(placed.map((n) => n.event.id));
  const unplaced = ordered.find((n) => !placedIds.has(n.event.id))?.event.id ?? null;
  if (unplaced !== null && !input.partial) {
    const isUnplaced = (id: string) => !placedIds.has(id);
    const byIndex = (a: string, b: string) => nodes.get(a)!.index - nodes.get(b)!.index;
    const predecessorOf = (node: Node): string => {
      const viaRelation = [...node.relationPredecessors.keys()].filter(isUnplaced).sort(byIndex);
      if (viaRelation.length > 0) return viaRelation[0];
      return [...node.datePredecessors].filter(isUnplaced).sort(byIndex)[0];
    };
    const path: string[] = [];
    const seenAt = new Map<string, number>();
    let current = unplaced;
    while (!seenAt.has(current)) {
      seenAt.set(current, path.length);
      path.push(current);
      current = predecessorOf(nodes.get(current)!);
    }
    const forwards = path.slice(seenAt.get(current)).reverse();
    const start = forwards.reduce((best, id, i) => (nodes.get(id)!.index < nodes.get(forwards[best])!.index ? i : best), 0);
    const cycle = [...forwards.slice(start), ...forwards.slice(0, start)];
    const title = (id: string) => nodes.get(id)!.event.title;
    const dateLinks: string[] = [];
    cycle.forEach((id, i) => {
      const next = nodes.get(cycle[(i + 1) % cycle.length])!;
      if (!next.relationPredecessors.has(id)) dateLinks.push(`${title(id)} (${formatKnownDate(nodes.get(id)!.date!)}) before ${next.event.title} (${formatKnownDate(next.date!)})`);
    });
    const chain = [...cycle, cycle[0]].map(title).join(' → ');
    throw new TimelineCycleError(cycle, `event relations form a cycle: ${chain}${dateLinks.length === 0 ? '' : ` (the dates put ${listing(dateLinks)})`}`);
  }
  // An event never placed (partial) sorts after every placed one; only placed events get entries.
  const position = new Map(placed.map((n, i) => [n.event.id, i + 1]));
  const byPlace = (a: string, b: string) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity);
  const entries = placed.map((node, i) => {
    const parts: string[] = [];
    if (node.date) parts.push(`dated ${formatKnownDate(node.date)}`);
    const describe = (word: string, links: Map<string, Link[]>) => {
      for (const otherId of [...links.keys()].sort(byPlace)) {
        const title = nodes.get(otherId)!.event.title;
        const all = links.get(otherId)!;
        const surest = mostCertain(all.map((l) => l.certainty));
        const head = surest === Certainty.CERTAIN ? `${word} ${title}` : `${word} ${title} (${surest.toLowerCase()})`;
        const notes = [...new Set(all.map((l) => l.note).filter((note): note is string => Boolean(note)))];
        if (notes.length === 0) parts.push(head);
        for (const note of notes) parts.push(`${head}: "${note}"`);
      }
    };
    describe('after', node.relationPredecessors);
    describe('before', node.relationSuccessors);
    const related = node.relationPredecessors.size > 0 || node.relationSuccessors.size > 0;
    return {
      eventId: node.event.id,
      position: i + 1,
      basis: parts.length === 0 ? UNPLACED_BASIS : parts.join('; '),
      dated: node.date !== null,
      placement: node.date ? TimelinePlacement.DATE : related ? TimelinePlacement.RELATION : TimelinePlacement.MENTION,
    };
  });
  return { entries, unplaced, admitted: ordered.map((n) => n.event.id) };
}
