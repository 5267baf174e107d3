import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Certainty } from '../../shared/enums.js';
import { registerDescribedEnum } from '../../shared/enums.graphql.js';
import { BlockingRule } from '../../analysis/blocking-issues.js';
import { ContradictionBasis } from '../../analysis/contradictions.js';
import { TimelinePlacement } from '../../analysis/timeline.js';

registerDescribedEnum(BlockingRule, 'BlockingRule', 'Why an issue blocks agreement.', {
  INCOMPATIBLE_POSITIONS: 'Two parties hold incompatible positions: one demands or supports what another rejects or opposes.',
  UNMET_PRECONDITION: 'One party makes the issue a precondition, and another accepts it only on conditions (CONDITIONAL) or opposes or rejects it.',
  EXPLICIT_OBSTACLE: 'The source says in so many words that the issue stands between the parties ("a sticking point", "an obstacle").',
});

registerDescribedEnum(ContradictionBasis, 'ContradictionBasis', 'Why two statements are in conflict.', {
  DENIAL: 'One statement denies the other (a stored DENIES relation).',
  STATED_CONTRADICTION: 'The source relates the two as contradicting each other (a stored CONTRADICTS relation).',
  OPPOSITE_POSITIONS: 'Different parties state, as fact, positions on one issue that conflict.',
});

registerDescribedEnum(TimelinePlacement, 'TimelinePlacement', 'What put an event in its place on the timeline.', {
  DATE: 'The date the source gives it.',
  RELATION: 'Stored relations to other events (before, after, follows, causes): undated but ordered by the source.',
  MENTION: 'Nothing: no date and no ordering relation, so it stands where the source first mentions it.',
});

const CURSOR_DESCRIPTION = 'Pass as `after`, with the same arguments, to get the entries that follow this one.';

@ObjectType('BlockingIssue', { description: 'An issue that blocks agreement among the parties, with why, whose positions, and the evidence.' })
export class BlockingIssue {
  @Field(() => BlockingRule, { description: 'The main rule that fired: the first of INCOMPATIBLE_POSITIONS, UNMET_PRECONDITION, EXPLICIT_OBSTACLE that did.' })
  rule!: BlockingRule;

  @Field(() => [BlockingRule], { description: 'Every rule that fired.' })
  rules!: BlockingRule[];

  @Field(() => [String], {
    description:
      'Human-readable reasons, one per conflicting pair, unmet precondition and obstacle, saying whose words they were, and whose view and how sure when the source hedges or relays it ("by the source’s own reading (probable), …").',
  })
  reasons!: string[];

  @Field(() => Certainty, { description: 'How sure the block is: the least certain fact it rests on. Raise `minCertainty` to see what blocks on surer ground only.' })
  certainty!: Certainty;

  @Field(() => Int, {
    description:
      'How severe the block is: 3 per rule fired, plus the firmness of the strongest pair of positions (red line 3, firm 2, unknown 1, flexible 0 each) and 2 when it involves a precondition; every point weighted by the certainty of the reason it comes from (certain 1, probable 0.75, possible 0.5, underspecified 0.25), rounded. Results are ordered by it, most severe first, then by issue id.',
  })
  severity!: number;
}

@ObjectType('IssueAlignment', { description: 'An issue on which the parties’ positions are compatible.' })
export class IssueAlignment {
  @Field(() => Boolean, { description: 'True when every party holds a position; false for an issue listed only because `includeSilent` was asked, where some party is silent.' })
  complete!: boolean;

  @Field(() => Certainty, { description: 'How sure the alignment is: the least certain position it lists.' })
  certainty!: Certainty;
}

@ObjectType('Contradiction', { description: 'Two statements in conflict, and why.' })
export class Contradiction {
  @Field(() => String, { description: 'Why they conflict, in words naming the speakers and the issue.' })
  reason!: string;

  @Field(() => ContradictionBasis, { description: 'The kind of conflict.' })
  basis!: ContradictionBasis;

  @Field(() => Certainty, { description: 'How sure the conflict is: the least certain of the two statements and of the relation or positions that set them against each other.' })
  certainty!: Certainty;

  @Field(() => String, { description: CURSOR_DESCRIPTION })
  cursor!: string;
}

@ObjectType('TimelineEntry', { description: 'An event in its place on the timeline, with the basis of that place.' })
export class TimelineEntry {
  @Field(() => Int, { description: '1-based place in the timeline asked for (of the actor or issue, when one is given), counted over the whole answer: a second page of 20 starts at 21.' })
  position!: number;

  @Field(() => String, {
    description: 'Why the event stands here: its date, or the stored relations that order it ("after Twelve-day conflict: \\"following the conflict with Israel\\""), or that nothing orders it.',
  })
  basis!: string;

  @Field(() => Boolean, { description: 'True when the source dates the event; false when it is placed only by relations or by order of mention.' })
  dated!: boolean;

  @Field(() => TimelinePlacement, { description: 'What placed the event: its date, relations to other events, or only the order of mention.' })
  placement!: TimelinePlacement;

  @Field(() => String, { description: CURSOR_DESCRIPTION })
  cursor!: string;
}

@ObjectType('SearchHit', { description: 'An entity matching a full-text search, ranked.' })
export class SearchHit {
  @Field(() => Float, { description: 'Relevance, higher is better: the engine\'s full-text relevance weighted by where the match is (names over summaries over quotes). Scores differ between engines (SQLite and PostgreSQL rank on different scales); compare them only within one answer.' })
  score!: number;

  @Field(() => String, { description: 'The best matching text with the matched words marked «like this».' })
  snippet!: string;

  @Field(() => String, { description: 'Where the best match is: name, title, alias, summary, description or quote.' })
  field!: string;
}

@ObjectType('CountBucket', { description: 'How many items share one value of a dimension.' })
export class CountBucket {
  @Field(() => String, { nullable: true, description: 'The value: an enum value or an entity id; null for items without one (e.g. statements with no named speaker).' })
  key!: string | null;

  @Field(() => String, { description: 'A readable label for the value.' })
  label!: string;

  @Field(() => Int, { description: 'How many items have it.' })
  count!: number;
}

export enum StatementDimension {
  KIND = 'KIND',
  SPEAKER = 'SPEAKER',
  ISSUE = 'ISSUE',
  ATTRIBUTION = 'ATTRIBUTION',
  TARGET = 'TARGET',
}

registerDescribedEnum(StatementDimension, 'StatementDimension', 'What to group statements by when counting.', {
  KIND: 'By kind of statement.',
  SPEAKER: 'By speaker (null key: no named speaker).',
  ISSUE: 'By issue (a statement about two issues counts in both; null key: about no issue).',
  ATTRIBUTION: 'By kind of attribution.',
  TARGET: 'By target (null key: aimed at no one).',
});

export enum EventDimension {
  KIND = 'KIND',
  STATUS = 'STATUS',
  PARTICIPANT = 'PARTICIPANT',
  ISSUE = 'ISSUE',
}

registerDescribedEnum(EventDimension, 'EventDimension', 'What to group events by when counting.', {
  KIND: 'By kind of event.',
  STATUS: 'By status.',
  PARTICIPANT: 'By participating actor (an event counts once per actor; null key: no participant).',
  ISSUE: 'By issue (null key: about no issue).',
});
