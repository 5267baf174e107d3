/**
 * The facts of the questions as of a revision: rebuilt from the node documents live at that
 * revision (see store/history.ts). A snapshot of the history is read whole, so narrowing it
 * to a question's parties or scope would read no less: every method answers from memory.
 */
import { compareIds } from '../../analysis/facts.js';
import { AffiliationGraph } from '../../analysis/stance.js';
import type { Executor } from '../../db/engine.js';
import { checkAsOf, snapshotAt } from '../../store/history.js';
import type { QuestionFacts } from './facts.service.js';

/** The node documents live at a revision, by type. */
export type HistorySnapshot = Awaited<ReturnType<typeof snapshotAt>>;

/**
 * The history as of `revision`, refused unless 1 to the latest (the user's mistake, named).
 *
 * The one place the questions read the history, in the question's snapshot.
 */
export async function historyAt(q: Executor, revision: number): Promise<HistorySnapshot> {
  await checkAsOf(q, revision);
  return snapshotAt(q, revision);
}

/** The facts of a snapshot of the history. */
export function factsAsOf(s: HistorySnapshot): QuestionFacts {
  const names = new Map([...s.Actor, ...s.Issue].map((d) => [d.row.id, d.row.name]));
  const firstMentionOf = (spans: { start: number }[]) => (spans.length === 0 ? -1 : Math.min(...spans.map((e) => e.start)));
  const events = [...s.Event].sort((a, b) => firstMentionOf(a.evidence) - firstMentionOf(b.evidence) || compareIds(a.row.id, b.row.id));
  const affiliations = () => s.Actor.flatMap((d) => d.affiliations.map((a) => ({ actorId: d.row.id, organizationId: a.organizationId })));
  const positions = () => s.Position.map((d) => ({ ...d.row, statementIds: d.statementIds, conditionIds: d.conditionIds })).sort((a, b) => compareIds(a.id, b.id));
  const statementFacts = () => ({
    statements: s.Statement.map((d) => ({ id: d.row.id, kind: d.row.kind, speakerId: d.row.speakerId, certainty: d.row.certainty, issueIds: d.issueIds })),
    relations: [...s.StatementRelation].sort((a, b) => compareIds(a.row.id, b.row.id)).map((d) => ({ subjectId: d.row.subjectId, objectId: d.row.objectId, kind: d.row.kind, certainty: d.row.certainty })),
  });
  const timelineFacts = () => ({
    events: events.map(({ row: e }) => ({ id: e.id, title: e.title, certainty: e.certainty, polarity: e.polarity, date: { precision: e.startPrecision, year: e.startYear, month: e.startMonth, day: e.startDay } })),
    relations: [...s.EventRelation].sort((a, b) => compareIds(a.row.id, b.row.id)).map((d) => ({ subjectId: d.row.subjectId, objectId: d.row.objectId, kind: d.row.kind, note: d.row.note, certainty: d.row.certainty })),
  });
  const participants = () => s.Event.flatMap((d) => d.participants.map((p) => ({ eventId: d.row.id, actorId: p.actorId })));
  const eventIssues = () => s.Event.flatMap((d) => d.issueIds.map((issueId) => ({ eventId: d.row.id, issueId })));
  const facts: QuestionFacts = {
    knownActors: async (ids) => new Set(s.Actor.map((d) => d.row.id).filter((id) => ids.includes(id))),
    issueExists: async (id) => s.Issue.some((d) => d.row.id === id),
    names: async () => ({ actor: (id) => names.get(id) ?? id, issue: (id) => names.get(id) ?? id }),
    affiliations: async () => affiliations(),
    positions: async () => positions(),
    obstacles: async () => s.Issue.flatMap((d) => d.obstacles.map((o) => ({ id: o.id, issueId: d.row.id, description: o.description, certainty: o.certainty, partyIds: o.partyIds }))),
    statementFacts: async () => statementFacts(),
    timelineFacts: async () => timelineFacts(),
    participants: async () => participants(),
    eventIssues: async () => eventIssues(),
    forParties: () => facts,
    async timelineAnswer({ actor, issue }) {
      const graph = new AffiliationGraph(affiliations());
      const byActor = actor ? new Set(participants().filter((p) => graph.reachable(p.actorId).has(actor)).map((p) => p.eventId)) : null;
      const byIssue = issue ? new Set(eventIssues().filter((l) => l.issueId === issue).map((l) => l.eventId)) : null;
      return new Set(events.map(({ row }) => row.id).filter((id) => (!byActor || byActor.has(id)) && (!byIssue || byIssue.has(id))));
    },
    timelineFactsFor: async () => timelineFacts(),
    async statementsBy(actor) {
      const graph = new AffiliationGraph(affiliations());
      return new Set(s.Statement.filter((d) => d.row.speakerId !== null && graph.reachable(d.row.speakerId).has(actor)).map((d) => d.row.id));
    },
    async statementsAbout(issue) {
      const backing = s.Position.filter((d) => d.row.issueId === issue).flatMap((d) => d.statementIds);
      return new Set([...s.Statement.filter((d) => d.issueIds.includes(issue)).map((d) => d.row.id), ...backing]);
    },
    contradictionFacts: async () => ({ ...statementFacts(), positions: positions(), affiliations: affiliations(), names: await facts.names() }),
  };
  return facts;
}
