/**
 * The questions researchers ask. Each resolver asks its service (question.service.ts: the
 * questions, each answered in one snapshot; search.service.ts; counts.service.ts) and hands
 * the ids the answer names to the per-request loaders.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { BlockingRule } from '../../analysis/blocking-issues.js';
import { DEFAULT_MIN_CERTAINTY } from '../../analysis/facts.js';
import { Certainty } from '../../shared/enums.js';
import type { TimelinePlacement } from '../../analysis/timeline.js';
import type { Context } from '../../context.js';
import type { CountRow } from '../../db/keyset.js';
import type { EvidenceRow } from '../../db/tables.js';
import { badUserInput } from '../../shared/errors.js';
import { listPage, listScope, listWindow, MAX_PAGE_SIZE } from '../../shared/pagination.js';
import { Actor } from '../actor/actor.type.js';
import { loadAll, loadOne } from '../common/load.js';
import { Node } from '../common/node.type.js';
import { EventFilter } from '../event/event.args.js';
import { Event } from '../event/event.type.js';
import { Evidence } from '../evidence/evidence.type.js';
import { Issue, Obstacle } from '../issue/issue.type.js';
import { loadNode } from '../node/node.service.js';
import { Position } from '../position/position.type.js';
import { StatementFilter } from '../statement/statement.args.js';
import { Statement } from '../statement/statement.type.js';
import { countEvents, countStatements } from './counts.service.js';
import { MIN_SOURCES_DESCRIPTION, PUBLISHED_BY_DESCRIPTION, sourceScopeOf } from '../common/source-scope.js';
import { narrows } from '../../analysis/corroboration.js';
import * as q from './question.service.js';
import { answerSearch } from './search.service.js';
import {
  BlockingIssue, Contradiction, CountBucket, EventDimension, IssueAlignment, SearchHit, StatementDimension, TimelineEntry,
} from './question.type.js';

interface BlockingIssueValue { issueId: string; rule: BlockingRule; rules: BlockingRule[]; reasons: string[]; severity: number; positionIds: string[]; obstacleIds: string[]; certainty: Certainty }
interface IssueAlignmentValue { issueId: string; positionIds: string[]; silentPartyIds: string[]; complete: boolean; certainty: Certainty }
interface ContradictionValue { firstId: string; secondId: string; reason: string; basis: string; certainty: Certainty; cursor: string }
interface TimelineEntryValue { eventId: string; position: number; basis: string; dated: boolean; placement: TimelinePlacement; cursor: string }
interface SearchHitValue { entityId: string; score: number; field: string; snippet: string; documentId: number }

/** The `minCertainty` argument every question takes: one definition, one description. */
const MIN_CERTAINTY = {
  defaultValue: DEFAULT_MIN_CERTAINTY,
  description: 'Use only facts at least this sure (CERTAIN > PROBABLE > POSSIBLE > UNDERSPECIFIED). Default POSSIBLE: all but the underspecified; CERTAIN keeps only what the source states plainly.',
} as const;

const MIN_SOURCES = { nullable: true, description: MIN_SOURCES_DESCRIPTION } as const;
const PUBLISHED_BY = { nullable: true, description: PUBLISHED_BY_DESCRIPTION } as const;

const AS_OF = { nullable: true, description: 'Answer from the knowledge base as it was at this revision (1 to the latest; see `revisions`); default: now.' } as const;

/*
 * Paging a question's answer (`listWindow`): the page arguments are checked before the
 * question is computed, and the answer is computed once per request for its own arguments
 * (`once`), so aliases asking different pages of one question share the work.
 */
const FIRST_DESCRIPTION =
  'At most this many entries (0 to 100), from the start or from after `after`. Not given: every entry (after `after`, when given), as these answers are usually short; page a long one, such as the timeline of the whole base.';
const AFTER_DESCRIPTION = 'The `cursor` of an entry of an earlier page: the entries that follow it, for the same question with the same arguments.';

const PARTIES_DESCRIPTION = 'The parties (actor ids, e.g. ["actor:united-states", "actor:iran"]); each speaks through the actors affiliated with it. Default: every party holding a position.';

@Resolver()
export class QuestionResolver {
  @Query(() => [BlockingIssue], {
    description:
      'Which issues block agreement among the parties: incompatible positions (one demands or supports what another rejects or opposes), an unmet precondition (one makes it a precondition, another accepts it only on conditions or opposes it), or a source calling the issue a sticking point or obstacle between them. Most severe first; each says how sure it is.',
  })
  blockingIssues(
    @Arg('parties', () => [ID], { nullable: true, description: `${PARTIES_DESCRIPTION} Here the default also counts the parties an obstacle names.` }) parties: string[] | null,
    @Arg('minCertainty', () => Certainty, MIN_CERTAINTY) minCertainty: Certainty,
    @Arg('asOf', () => Int, AS_OF) asOf: number | null,
    @Arg('minSources', () => Int, MIN_SOURCES) minSources: number | null,
    @Arg('publishedBy', () => String, PUBLISHED_BY) publishedBy: string | null,
    @Ctx() ctx: Context,
  ): Promise<BlockingIssueValue[]> {
    const sources = sourceScopeOf({ minSources, publishedBy });
    return ctx.once('blockingIssues', [parties, minCertainty, asOf, sources], () => q.answerBlockingIssues(ctx, { parties, minCertainty, asOf, sources }));
  }

  @Query(() => [IssueAlignment], {
    description:
      'Issues on which the parties’ positions are compatible and every party holds one. An issue where a party is silent is not common ground; with `includeSilent: true` such issues are listed after, with the silent parties named.',
  })
  commonGround(
    @Arg('parties', () => [ID], { nullable: true, description: PARTIES_DESCRIPTION }) parties: string[] | null,
    @Arg('includeSilent', () => Boolean, { defaultValue: false, description: 'Also list conflict-free issues on which some party holds no position.' }) includeSilent: boolean,
    @Arg('minCertainty', () => Certainty, MIN_CERTAINTY) minCertainty: Certainty,
    @Arg('asOf', () => Int, AS_OF) asOf: number | null,
    @Arg('minSources', () => Int, MIN_SOURCES) minSources: number | null,
    @Arg('publishedBy', () => String, PUBLISHED_BY) publishedBy: string | null,
    @Ctx() ctx: Context,
  ): Promise<IssueAlignmentValue[]> {
    const sources = sourceScopeOf({ minSources, publishedBy });
    return ctx.once('commonGround', [parties, includeSilent, minCertainty, asOf, sources], () => q.answerCommonGround(ctx, { parties, includeSilent, minCertainty, asOf, sources }));
  }

  @Query(() => [Contradiction], {
    description:
      'Pairs of statements in conflict: denials of claims, stated contradictions, and opposite positions of different parties stated as fact. Denials first, then stated contradictions, then opposite positions, each by statement ids. `actor` and `issue` keep the pairs that involve them; `first` and `after` page a long answer.',
  })
  async contradictions(
    @Arg('actor', () => ID, {
      nullable: true,
      description: 'Only pairs in which one of the two statements (either side: the denial or what it denies) is made by this actor or by an actor speaking for it (its officials, at any depth).',
    })
    actor: string | null,
    @Arg('issue', () => ID, { nullable: true, description: 'Only pairs in which one of the two statements names this issue or backs a position on it. With `actor` too, a pair must meet both.' }) issue: string | null,
    @Arg('minCertainty', () => Certainty, MIN_CERTAINTY) minCertainty: Certainty,
    @Arg('asOf', () => Int, AS_OF) asOf: number | null,
    @Arg('minSources', () => Int, MIN_SOURCES) minSources: number | null,
    @Arg('publishedBy', () => String, PUBLISHED_BY) publishedBy: string | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<ContradictionValue[]> {
    const sources = sourceScopeOf({ minSources, publishedBy });
    const window = listWindow(listScope('contradictions', { actor, issue, minCertainty, asOf, ...(narrows(sources) ? sources : {}) }), { first, after });
    return listPage(window, await ctx.once('contradictions', [actor, issue, minCertainty, asOf, sources], () => q.answerContradictions(ctx, { actor, issue, minCertainty, asOf, sources })));
  }

  @Query(() => [TimelineEntry], {
    description:
      'Events in order: by date where the source gives one, otherwise placed by the stored relations (before, after, follows, causes). Among events nothing orders against each other, dated ones come first, then the order of first mention in the source. Each entry says why it stands where it does. With `actor` or `issue`, the events of the whole timeline that concern them, in the same order, numbered from 1; `first` and `after` page a long answer.',
  })
  async timeline(
    @Arg('actor', () => ID, { nullable: true, description: 'Only events this actor, or an actor affiliated with it, takes part in.' }) actor: string | null,
    @Arg('issue', () => ID, { nullable: true, description: 'Only events concerning this issue.' }) issue: string | null,
    @Arg('minCertainty', () => Certainty, { ...MIN_CERTAINTY, description: `${MIN_CERTAINTY.description} Less sure events are left out, and less sure relations order nothing.` }) minCertainty: Certainty,
    @Arg('asOf', () => Int, AS_OF) asOf: number | null,
    @Arg('minSources', () => Int, MIN_SOURCES) minSources: number | null,
    @Arg('publishedBy', () => String, PUBLISHED_BY) publishedBy: string | null,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<TimelineEntryValue[]> {
    const sources = sourceScopeOf({ minSources, publishedBy });
    const window = listWindow(listScope('timeline', { actor, issue, minCertainty, asOf, ...(narrows(sources) ? sources : {}) }), { first, after });
    return listPage(window, await ctx.once('timeline', [actor, issue, minCertainty, asOf, sources], () => q.answerTimeline(ctx, { actor, issue, minCertainty, asOf, sources })));
  }

  @Query(() => [SearchHit], {
    description:
      'Full-text search over names, aliases, titles, summaries, descriptions and evidence quotes, one hit per entity, most relevant first (names weigh more than summaries, summaries more than quotes). Case- and diacritic-insensitive; `missil*` matches by prefix, "\\"ballistic missile\\"" as a phrase; AND, OR, NOT combine terms. Every engine finds the same hits; the order, `score` and `snippet` are each engine\'s own.',
  })
  search(
    @Arg('query', () => String, { description: 'What to search for: words (all must match), "quoted phrases", `missil*` for a prefix, AND, OR and NOT (uppercase) and parentheses. Any text is read as a query; punctuation inside a word (Iran\'s, twelve-day, U.S.) makes its parts a phrase. A text with no word in it is refused.' }) query: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'How many hits to return (1 to 100; default 20).' }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<SearchHitValue[]> {
    const limit = first ?? 20;
    if (limit < 1 || limit > MAX_PAGE_SIZE) throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE} (got ${limit})`);
    return ctx.once('search', [query, limit], () => answerSearch(ctx.engine, query, limit));
  }

  @Query(() => [CountBucket], { description: 'How many statements there are per kind, speaker, issue, attribution or target, under the same filter as `statements`.' })
  async statementCounts(
    @Arg('groupBy', () => StatementDimension, { description: 'The dimension to group by.' }) groupBy: StatementDimension,
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Conditions the counted statements must meet.' }) filter: StatementFilter | null,
    @Ctx() ctx: Context,
  ) {
    return labelled(ctx, await countStatements(ctx.engine, groupBy, filter));
  }

  @Query(() => [CountBucket], { description: 'How many events there are per kind, status, participant or issue, under the same filter as `events`.' })
  async eventCounts(
    @Arg('groupBy', () => EventDimension, { description: 'The dimension to group by.' }) groupBy: EventDimension,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the counted events must meet.' }) filter: EventFilter | null,
    @Ctx() ctx: Context,
  ) {
    return labelled(ctx, await countEvents(ctx.engine, groupBy, filter));
  }
}

/** Labels count keys: an entity's name for ids, the enum value in words otherwise. */
async function labelled(ctx: Context, rows: CountRow[]) {
  return Promise.all(
    rows.map(async ({ key, count }) => {
      if (key === null) return { key, count, label: '(none)' };
      const node = key.includes(':') ? ((await loadNode(ctx, key)) as { name?: string; title?: string } | null) : null;
      return { key, count, label: node?.name ?? node?.title ?? key.toLowerCase().replaceAll('_', ' ') };
    }),
  );
}

@Resolver(() => BlockingIssue)
export class BlockingIssueResolver {
  @FieldResolver(() => Issue, { description: 'The issue that blocks agreement.' })
  issue(@Root() b: BlockingIssueValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.issue.byId, b.issueId, 'issue');
  }

  @FieldResolver(() => [Position], { description: 'The positions in conflict, and the preconditions with the conditional or opposed answers that leave them unmet (empty when only an obstacle fired).' })
  positions(@Root() b: BlockingIssueValue, @Ctx() ctx: Context) {
    return loadAll(ctx.loaders.position.byId, b.positionIds);
  }

  @FieldResolver(() => [Obstacle], { description: 'The places where the source calls the issue an obstacle between the parties.' })
  async obstacles(@Root() b: BlockingIssueValue, @Ctx() ctx: Context) {
    return (await ctx.loaders.issue.obstacles.load(b.issueId)).filter((o) => b.obstacleIds.includes(o.id));
  }

  @FieldResolver(() => [Evidence], { description: 'The spans behind those positions and the obstacles, in text order.' })
  async evidence(@Root() b: BlockingIssueValue, @Ctx() ctx: Context): Promise<EvidenceRow[]> {
    const spans = [
      ...(await ctx.loaders.evidence.position.loadMany(b.positionIds)),
      ...(await ctx.loaders.evidence.obstacle.loadMany(b.obstacleIds)),
    ].flatMap((r) => (r instanceof Error ? [] : r));
    return spans.sort((x, y) => x.start - y.start || x.end - y.end || x.id - y.id);
  }
}

@Resolver(() => IssueAlignment)
export class IssueAlignmentResolver {
  @FieldResolver(() => Issue, { description: 'The issue.' })
  issue(@Root() a: IssueAlignmentValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.issue.byId, a.issueId, 'issue');
  }

  @FieldResolver(() => [Position], { description: 'The compatible positions of the parties (and of the actors speaking for them).' })
  positions(@Root() a: IssueAlignmentValue, @Ctx() ctx: Context) {
    return loadAll(ctx.loaders.position.byId, a.positionIds);
  }

  @FieldResolver(() => [Actor], { description: 'The parties that hold no position on the issue (empty when `complete`).' })
  silentParties(@Root() a: IssueAlignmentValue, @Ctx() ctx: Context) {
    return loadAll(ctx.loaders.actor.byId, a.silentPartyIds);
  }
}

@Resolver(() => Contradiction)
export class ContradictionResolver {
  @FieldResolver(() => Statement, { description: 'The first statement (the denial, for a denial).' })
  first(@Root() c: ContradictionValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.statement.byId, c.firstId, 'statement');
  }

  @FieldResolver(() => Statement, { description: 'The second statement (what is denied, for a denial).' })
  second(@Root() c: ContradictionValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.statement.byId, c.secondId, 'statement');
  }
}

@Resolver(() => TimelineEntry)
export class TimelineEntryResolver {
  @FieldResolver(() => Event, { description: 'The event.' })
  event(@Root() e: TimelineEntryValue, @Ctx() ctx: Context) {
    return loadOne(ctx.loaders.event.byId, e.eventId, 'event');
  }
}

@Resolver(() => SearchHit)
export class SearchHitResolver {
  @FieldResolver(() => Node, { description: 'The matching entity.' })
  node(@Root() h: SearchHitValue, @Ctx() ctx: Context) {
    return loadNode(ctx, h.entityId).then((n) => n ?? Promise.reject(new Error(`search index names missing entity ${h.entityId}`)));
  }
}

@Resolver(() => CountBucket)
export class CountBucketResolver {
  @FieldResolver(() => Node, { nullable: true, description: 'The entity the key names, for speaker, target, participant and issue dimensions.' })
  node(@Root() b: { key: string | null }, @Ctx() ctx: Context) {
    return b.key?.includes(':') ? loadNode(ctx, b.key) : null;
  }
}
