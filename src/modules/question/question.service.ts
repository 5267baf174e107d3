/**
 * The questions researchers ask: each validates its arguments, reads its facts
 * (`facts.service.ts`) in one snapshot of the database, so every read sees one state, and
 * answers with the pure function of `src/analysis/`.
 */
import { GraphQLError } from 'graphql';
import { blockingIssues } from '../../analysis/blocking-issues.js';
import { commonGround } from '../../analysis/common-ground.js';
import { contradictions, involving, type Contradiction } from '../../analysis/contradictions.js';
import { timeline, TimelineCycleError, timelineOrder, type TimelineEntry } from '../../analysis/timeline.js';
import type { Certainty } from '../../shared/enums.js';
import { badUserInput } from '../../shared/errors.js';
import { checkIdList, expectId } from '../../shared/ids.js';
import { narrows, WHOLE_SCOPE, type SourceScope } from '../../analysis/corroboration.js';
import type { Executor } from '../../db/engine.js';
import { factsAsOf, historyAt } from './facts-as-of.service.js';
import { countedAsOf, countedNow, scopedBySources } from './source-scoped.service.js';
import { factsFor, mentionedBy, scopeInWhole, type QuestionFacts, type QuestionSource, type TimelineFacts } from './facts.service.js';
import { databaseState, entriesOf, keepOrder, keptOrder, TimelineOrder, type WholeOrder } from './kept-timeline.service.js';

/** The facts of now or as of a revision, narrowed to the source scope asked (`source-scoped.service.ts`). */
async function scopedFactsFor(source: QuestionSource, asOf: number | null | undefined, tx: Executor, scope: SourceScope): Promise<QuestionFacts> {
  if (!narrows(scope)) return factsFor(source, asOf, tx);
  if (asOf === null || asOf === undefined) return scopedBySources(await factsFor(source, asOf, tx), scope, countedNow(tx));
  const history = await historyAt(tx, asOf);
  return scopedBySources(factsAsOf(history), scope, countedAsOf(history));
}

/** `blockingIssues`: the answer for the parties asked (validated), the main rule first. */
export function answerBlockingIssues(source: QuestionSource, args: { parties: string[] | null; minCertainty: Certainty; asOf: number | null; sources?: SourceScope }) {
  return source.engine.snapshot(async (tx) => {
    const known = await scopedFactsFor(source, args.asOf, tx, args.sources ?? WHOLE_SCOPE);
    const parties = await checkParties(known, 'parties', args.parties);
    const facts = parties ? known.forParties(parties) : known;
    const positions = await facts.positions();
    const affiliations = await facts.affiliations();
    const obstacles = await facts.obstacles();
    const names = await facts.names(mentionedBy({ parties, positions, affiliations, obstacles }));
    // Rules come in declaration order, so the first is the main one.
    return blockingIssues({ parties, positions, affiliations, obstacles, names, minCertainty: args.minCertainty }).map((b) => ({ ...b, rule: b.rules[0]! }));
  });
}

/** `commonGround`: the answer for the parties asked (validated); `complete` when no party is silent. */
export function answerCommonGround(source: QuestionSource, args: { parties: string[] | null; includeSilent: boolean; minCertainty: Certainty; asOf: number | null; sources?: SourceScope }) {
  return source.engine.snapshot(async (tx) => {
    const known = await scopedFactsFor(source, args.asOf, tx, args.sources ?? WHOLE_SCOPE);
    const parties = await checkParties(known, 'parties', args.parties);
    const facts = parties ? known.forParties(parties) : known;
    const positions = await facts.positions();
    const affiliations = await facts.affiliations();
    const obstacles = await facts.obstacles();
    return commonGround({ parties, positions, affiliations, obstacles, includeSilent: args.includeSilent, minCertainty: args.minCertainty }).map((c) => ({
      ...c,
      complete: c.silentPartyIds.length === 0,
    }));
  });
}

/**
 * `contradictions`: every pair, or those involving the actor asked (a statement of it or of
 * an actor affiliated with it) and/or the issue asked (a statement naming it or backing a
 * position on it). A filtered question reads only the facts of the pairs it can find.
 */
export function answerContradictions(source: QuestionSource, args: { actor: string | null; issue: string | null; minCertainty: Certainty; asOf: number | null; sources?: SourceScope }): Promise<Contradiction[]> {
  const { actor, issue } = args;
  return source.engine.snapshot(async (tx) => {
    const known = await scopedFactsFor(source, args.asOf, tx, args.sources ?? WHOLE_SCOPE);
    if (actor) await checkParties(known, 'actor', [actor]);
    if (issue) await checkIssue(known, 'issue', issue);
    const filters = [...(actor ? [await known.statementsBy(actor)] : []), ...(issue ? [await known.statementsAbout(issue)] : [])];
    // Every pair kept has a statement in each filter, so the smallest filter finds them all.
    const seeds = filters.length === 0 ? null : filters.reduce((a, b) => (b.size < a.size ? b : a));
    const found = contradictions({ ...(await known.contradictionFacts(seeds)), minCertainty: args.minCertainty });
    return involving(found, filters);
  });
}

/**
 * `timeline`: the events of the actor asked (with its affiliates) and of the issue asked, as
 * the whole base orders them, numbered from 1. With neither, every event. With one, only the
 * events that order the answer are read (`timelineScope` says why that is exact). The whole
 * timeline's order of now is kept across requests (`kept-timeline.service.ts`), and an answer
 * from it reads the facts of the events it lists.
 */
export function answerTimeline(source: QuestionSource, args: { actor: string | null; issue: string | null; minCertainty: Certainty; asOf: number | null; sources?: SourceScope }): Promise<TimelineEntry[]> {
  const { actor, issue, minCertainty } = args;
  const { engine } = source;
  return engine.snapshot(async (tx) => {
    const known = await scopedFactsFor(source, args.asOf, tx, args.sources ?? WHOLE_SCOPE);
    if (actor) await checkParties(known, 'actor', [actor]);
    if (issue) await checkIssue(known, 'issue', issue);
    const answer = actor || issue ? await known.timelineAnswer({ actor, issue }) : null;
    // asOf is undefined, not null, when a GraphQL client leaves it out.
    // A source-scoped timeline is not the kept one: it is ordered for the request, as the past is.
    const now = args.asOf == null && !narrows(args.sources ?? WHOLE_SCOPE) ? await databaseState(tx) : null;
    let whole: WholeOrder | undefined = now === null ? undefined : keptOrder(engine, now, minCertainty);
    let wholeFacts: TimelineFacts | undefined;
    if (whole === undefined) {
      const scoped = answer ? await known.timelineFactsFor(answer, minCertainty, undefined, now !== null) : null;
      // A small scope is ordered by itself; the whole base, when it was read anyway, is ordered once (and kept, for now).
      if (scoped && !scoped.whole) return onlyThese(orderOrThrow(scoped, minCertainty), answer!);
      wholeFacts = scoped?.whole ?? (await known.timelineFacts());
      if (now === null) {
        // The past (and a source-scoped answer) is never kept: its entries come from the facts just read.
        const entries = ordered(wholeFacts, minCertainty);
        if (!(entries instanceof TimelineCycleError)) return answer ? onlyThese(entries, answer) : entries;
        if (!answer) throw cycleError(entries);
        return onlyThese(orderOrThrow(scoped && scoped.events.length > 0 ? scoped : scopeInWhole(wholeFacts, answer, minCertainty), minCertainty), answer);
      }
      whole = orderOf(wholeFacts, minCertainty);
      keepOrder(engine, now, minCertainty, whole);
    }
    if (!(whole instanceof TimelineCycleError)) return entriesOf(tx, whole, answer, minCertainty);
    if (!answer) throw cycleError(whole);
    // A cycle elsewhere in the base does not stop a timeline it does not touch: order the scope alone.
    const scope = wholeFacts ? scopeInWhole(wholeFacts, answer, minCertainty) : await known.timelineFactsFor(answer, minCertainty);
    return onlyThese(orderOrThrow(scope, minCertainty), answer);
  });
}

/** The entries of `answer`, in the order given, numbered from 1. */
function onlyThese(entries: TimelineEntry[], answer: ReadonlySet<string>): TimelineEntry[] {
  return entries.filter((e) => answer.has(e.eventId)).map((e, i) => ({ ...e, position: i + 1 }));
}

function ordered(facts: TimelineFacts, minCertainty: Certainty): TimelineEntry[] | TimelineCycleError {
  try {
    return timeline({ ...facts, minCertainty });
  } catch (e) {
    if (e instanceof TimelineCycleError) return e;
    throw e;
  }
}

/** The whole base's order, kept as ids (`TimelineOrder`), or the cycle that stops it. */
function orderOf(facts: TimelineFacts, minCertainty: Certainty): WholeOrder {
  try {
    return new TimelineOrder(timelineOrder({ ...facts, minCertainty }));
  } catch (e) {
    if (e instanceof TimelineCycleError) return e;
    throw e;
  }
}

function orderOrThrow(facts: TimelineFacts, minCertainty: Certainty): TimelineEntry[] {
  const entries = ordered(facts, minCertainty);
  if (entries instanceof TimelineCycleError) throw cycleError(entries);
  return entries;
}

function cycleError(e: TimelineCycleError): GraphQLError {
  return new GraphQLError(e.message, { extensions: { code: 'TIMELINE_CYCLE', cycle: e.cycle } });
}

/** Validates a list of party ids: each must be an actor id that exists (at the revision asked). */
export async function checkParties(facts: QuestionFacts, argumentName: string, parties: readonly string[] | null | undefined): Promise<string[] | null> {
  if (!parties || parties.length === 0) return null;
  checkIdList(argumentName, parties);
  parties.forEach((id) => expectId(argumentName, id, 'actor'));
  const found = await facts.knownActors(parties);
  const unknown = parties.filter((id) => !found.has(id));
  if (unknown.length > 0) throw badUserInput(argumentName, `no actor with id ${unknown.map((id) => `"${id}"`).join(', ')}`);
  return [...new Set(parties)];
}

/** Validates an issue id argument: it must name an issue that exists (at the revision asked). */
export async function checkIssue(facts: QuestionFacts, argumentName: string, id: string): Promise<string> {
  expectId(argumentName, id, 'issue');
  if (!(await facts.issueExists(id))) throw badUserInput(argumentName, `no issue with id "${id}"`);
  return id;
}
