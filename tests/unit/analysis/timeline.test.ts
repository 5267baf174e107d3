import { describe, expect, it } from 'vitest';
import { TimelineCycleError, TimelinePlacement, UNPLACED_BASIS, compareKnownDates, knownDate, timeline, type EventRelationFact, type TimelineEventFact } from '../../../src/analysis/timeline.js';
import { Certainty, DatePrecision, EventRelationKind, Polarity } from '../../../src/shared/enums.js';

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
